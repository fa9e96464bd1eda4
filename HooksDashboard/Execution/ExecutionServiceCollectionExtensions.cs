using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Execution;

public static class ExecutionServiceCollectionExtensions
{
    public static IServiceCollection AddExecution(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExecutionOptions>(configuration.GetSection(ExecutionOptions.SectionName));
        services.Configure<HookSchedulerOptions>(configuration.GetSection(ExecutionOptions.SectionName));
        // Stateless apart from its caches (parsed scripts, engine options): one instance serves every caller.
        // One connection pool and egress policy for every hook's outbound HTTP.
        services.AddSingleton<Http.HttpTransport>();
        // It also owns the warm engines of saved hooks (Execution:WarmEngines).
        services.AddSingleton(sp => new JintHookExecutor(sp.GetRequiredService<Http.HttpTransport>(),
            sp.GetRequiredService<IOptions<ExecutionOptions>>().Value.WarmEngines, sp.GetRequiredService<TimeProvider>()));
        // Every invocation runs on the scheduler's dedicated threads, within its slots and wait queue.
        services.AddSingleton<HookScheduler>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MemoryReclaimer>();
        services.AddSingleton<IHookExecutor, ScheduledHookExecutor>();
        return services;
    }
}
