using HooksDashboard.Hooks;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HooksDashboard.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers the hook audit trail and wraps the registered <see cref="IHookStore"/> in an
    /// <see cref="AuditingHookStore"/>, so call it after the store's registration (<c>AddStorage</c>).
    /// The actor comes from the request's user or, in a Blazor circuit, from the circuit's user.
    /// </summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IActorAccessor, ActorAccessor>();
        services.AddSingleton<IHookAuditLog, SqliteHookAuditLog>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitActorHandler>());

        var store = services.LastOrDefault(d => d.ServiceType == typeof(IHookStore) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("AddAudit wraps the hook store: register IHookStore first (AddStorage).");
        services.Remove(store);
        services.AddSingleton<IHookStore>(sp => ActivatorUtilities.CreateInstance<AuditingHookStore>(sp, CreateInner(sp, store)));
        return services;
    }

    private static IHookStore CreateInner(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IHookStore)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
