using HooksDashboard.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Registers what instances sharing one database tell each other (<see cref="IClusterSignals"/>) and which one runs
    /// a cluster-wide chore (<see cref="IClusterLeadership"/>): LISTEN/NOTIFY and advisory locks on PostgreSQL, nothing
    /// to tell and always leading on SQLite. Safe to call more than once. Needs the storage services.
    /// </summary>
    public static IServiceCollection AddCluster(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(PostgresClusterSignals)))
            return services;
        services.AddSingleton<LocalClusterSignals>();
        services.AddSingleton<PostgresClusterSignals>();
        services.AddSingleton<IClusterSignals>(sp => IsPostgreSql(sp)
            ? sp.GetRequiredService<PostgresClusterSignals>() : sp.GetRequiredService<LocalClusterSignals>());
        services.AddPostgreSqlHostedService(sp => sp.GetRequiredService<PostgresClusterSignals>());
        services.TryAddSingleton<LocalLeadership>();
        services.TryAddSingleton<PostgresLeadership>();
        services.TryAddSingleton<IClusterLeadership>(sp => IsPostgreSql(sp)
            ? sp.GetRequiredService<PostgresLeadership>() : sp.GetRequiredService<LocalLeadership>());
        return services;
    }

    internal static bool IsPostgreSql(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.PostgreSQL;

    /// <summary>
    /// Registers a hosted service that exists on PostgreSQL only: on SQLite nothing is resolved (a PostgreSQL class
    /// would want a connection string) and nothing runs.
    /// </summary>
    public static IServiceCollection AddPostgreSqlHostedService(this IServiceCollection services, Func<IServiceProvider, IHostedService> create) =>
        services.AddHostedService(sp => new WhenPostgreSql(sp, create));

    private sealed class WhenPostgreSql(IServiceProvider services, Func<IServiceProvider, IHostedService> create) : IHostedService
    {
        private IHostedService? _inner;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!IsPostgreSql(services))
                return Task.CompletedTask;
            _inner = create(services);
            return _inner.StartAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => _inner?.StopAsync(cancellationToken) ?? Task.CompletedTask;
    }
}
