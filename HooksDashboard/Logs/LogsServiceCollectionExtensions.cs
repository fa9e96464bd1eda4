using Microsoft.Extensions.DependencyInjection.Extensions;
using HooksDashboard.Cluster;
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
        services.AddCluster();
        // Storage:Provider picks the engine's classes (see "Storage engines" in docs/design.md).
        services.AddSingleton<SqliteExecutionLogStorage>();
        services.AddSingleton<PostgresExecutionLogStorage>();
        services.AddSingleton<IExecutionLogStorage>(sp => PostgreSql(sp)
            ? sp.GetRequiredService<PostgresExecutionLogStorage>() : sp.GetRequiredService<SqliteExecutionLogStorage>());
        services.AddSingleton<ExecutionLog>();
        services.AddSingleton<IExecutionLog>(sp => sp.GetRequiredService<ExecutionLog>());
        services.AddSingleton<SqliteExecutionLogQuery>();
        services.AddSingleton<PostgresExecutionLogQuery>();
        services.AddSingleton<IExecutionLogQuery>(sp => PostgreSql(sp)
            ? sp.GetRequiredService<PostgresExecutionLogQuery>() : sp.GetRequiredService<SqliteExecutionLogQuery>());
        services.AddSingleton<ExecutionLogRetention>();
        services.AddSingleton<PostgresExecutionLogRetention>();
        services.AddSingleton<IExecutionLogRetention>(sp => PostgreSql(sp)
            ? sp.GetRequiredService<PostgresExecutionLogRetention>() : sp.GetRequiredService<ExecutionLogRetention>());
        // Other instances' records in this instance's live feed (does nothing on SQLite: no messages arrive).
        services.AddPostgreSqlHostedService(sp => new ExecutionLogClusterFeed(
            sp.GetRequiredService<Cluster.IClusterSignals>(), sp.GetRequiredService<PostgresExecutionLogQuery>(),
            sp.GetRequiredService<ExecutionLogFeed>(), sp.GetRequiredService<ILogger<ExecutionLogClusterFeed>>()));

        services.AddHostedService<ExecutionLogWriterService>();
        services.AddHostedService<ExecutionLogRetentionService>();
        return services;
    }

    private static bool PostgreSql(IServiceProvider services) =>
        services.GetRequiredService<IOptions<Storage.StorageOptions>>().Value.Provider == Storage.StorageProvider.PostgreSQL;
}
