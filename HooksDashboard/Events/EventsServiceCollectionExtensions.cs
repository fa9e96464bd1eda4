using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddSingleton<IHookEventStore, SqliteHookEventStore>();
        services.AddHostedService<HookEventWorker>();
        return services;
    }
}
