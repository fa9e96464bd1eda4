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
        services.AddSingleton<IHookStore>(sp => ActivatorUtilities.CreateInstance<AuditingHookStore>(sp, CreateInnerHook(sp, store)));
        Decorate<Hooks.TestCases.ITestCaseStore, AuditingTestCaseStore>(services);
        Decorate<IHookEgressStore, AuditingHookEgressStore>(services);

        // Users, applications, APIs and grants: the same trail's second table, through the same actor.
        return services.AddIdentityAudit();
    }

    /// <summary>
    /// The identity half of <see cref="AddAudit"/>: wraps the application, API, grant and user stores registered so far
    /// (call it after them) so every change to them is recorded in <c>identity_audit</c>.
    /// </summary>
    public static IServiceCollection AddIdentityAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IActorAccessor, ActorAccessor>();
        services.TryAddSingleton<IIdentityAuditLog, SqliteIdentityAuditLog>();
        services.TryAddSingleton<IdentityAuditRecorder>();
        Decorate<Identity.Applications.IApplicationStore, AuditingApplicationStore>(services);
        Decorate<Identity.Apis.IResourceServerStore, AuditingResourceServerStore>(services);
        Decorate<Identity.Grants.IClientGrantStore, AuditingClientGrantStore>(services);
        Decorate<Identity.Users.IUserStore, AuditingUserStore>(services);
        return services;
    }

    /// <summary>Wraps the registered <typeparamref name="TService"/> (when there is one) in <typeparamref name="TDecorator"/>.</summary>
    private static void Decorate<TService, TDecorator>(IServiceCollection services)
        where TService : class
        where TDecorator : TService
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(TService) && !d.IsKeyedService);
        if (registered is null)
            return;
        services.Remove(registered);
        services.AddSingleton<TService>(sp => ActivatorUtilities.CreateInstance<TDecorator>(sp, CreateInner(sp, registered)));
    }

    private static object CreateInner(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    private static IHookStore CreateInnerHook(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IHookStore)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
