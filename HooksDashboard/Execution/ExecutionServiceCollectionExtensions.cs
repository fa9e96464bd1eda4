namespace HooksDashboard.Execution;

public static class ExecutionServiceCollectionExtensions
{
    public static IServiceCollection AddExecution(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExecutionOptions>(configuration.GetSection(ExecutionOptions.SectionName));
        // Stateless apart from its caches (parsed scripts, engine options): one instance serves every caller.
        services.AddSingleton<IHookExecutor, JintHookExecutor>();
        return services;
    }
}
