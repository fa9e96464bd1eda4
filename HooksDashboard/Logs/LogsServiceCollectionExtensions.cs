using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Logs;

public static class LogsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the execution log (configuration section <c>Logs</c>): the recorder the hook runner calls, its
    /// background writer, the live feed, the query service and retention. Needs the storage services.
    /// On a host that is built but not started (the command line), nothing runs in the background: call
    /// <see cref="IExecutionLog.FlushAsync"/> before exiting.
    /// </summary>
    public static IServiceCollection AddExecutionLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExecutionLogOptions>()
            .Bind(configuration.GetSection(ExecutionLogOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExecutionLogOptions>, ExecutionLogOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ExecutionLogFeed>();
        services.AddSingleton<IExecutionLogFeed>(sp => sp.GetRequiredService<ExecutionLogFeed>());
        services.TryAddSingleton<IExecutionLogStorage, SqliteExecutionLogStorage>();
        services.AddSingleton<ExecutionLog>();
        services.AddSingleton<IExecutionLog>(sp => sp.GetRequiredService<ExecutionLog>());
        services.AddSingleton<IExecutionLogQuery, SqliteExecutionLogQuery>();
        services.AddSingleton<ExecutionLogRetention>();
        services.TryAddSingleton<IExecutionLogRetention>(sp => sp.GetRequiredService<ExecutionLogRetention>());
        services.TryAddSingleton<Cluster.IClusterLeadership, Cluster.LocalLeadership>();

        services.AddHostedService<ExecutionLogWriterService>();
        services.AddHostedService<ExecutionLogRetentionService>();
        return services;
    }
}
