using HooksDashboard.Cluster;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the durable hook event queue and its background worker (configuration section <c>Events</c>,
    /// see <see cref="EventsOptions"/>). Needs the storage and the hook runner.
    /// </summary>
    public static IServiceCollection AddHookEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EventsOptions>(configuration.GetSection(EventsOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddCluster();
        services.AddSingleton<SqliteHookEventStore>();
        services.AddSingleton<PostgresHookEventStore>();
        // Storage:Provider picks the engine's queue (see "Storage engines" in docs/design.md).
        services.AddSingleton<IHookEventStore>(sp =>
            sp.GetRequiredService<IOptions<Storage.StorageOptions>>().Value.Provider == Storage.StorageProvider.PostgreSQL
                ? sp.GetRequiredService<PostgresHookEventStore>()
                : sp.GetRequiredService<SqliteHookEventStore>());
        services.AddHostedService<HookEventWorker>();
        return services;
    }
}
