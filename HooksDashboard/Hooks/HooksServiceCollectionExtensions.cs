using HooksDashboard.Execution.Modules;

namespace HooksDashboard.Hooks;

public static class HooksServiceCollectionExtensions
{
    public static IServiceCollection AddHookRunner(this IServiceCollection services) =>
        services.AddSingleton<IHookRunner, HookRunner>()
            // Versions: reads, and restore through the (decorated) hook store.
            .AddSingleton<HookVersions>()
            // Saved test cases: run by the dashboard, the Management API and the command line alike.
            .AddSingleton<TestCases.TestCaseRunner>();

    /// <summary>
    /// Registers the npm installer (<see cref="ModulesServiceCollectionExtensions.AddPackages"/>) and wraps the
    /// registered <see cref="IHookStore"/> in a <see cref="PackageInstallingHookStore"/>, so every save installs the
    /// hook's dependencies first. Call it after <c>AddStorage</c> and before <c>AddAudit</c> (the audit trail then
    /// records the dependencies a save pinned).
    /// </summary>
    public static IServiceCollection AddHookPackages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPackages(configuration);
        services.AddSingleton<HookPackages>();
        var store = services.LastOrDefault(d => d.ServiceType == typeof(IHookStore) && !d.IsKeyedService);
        if (store is not null)
        {
            services.Remove(store);
            services.AddSingleton<IHookStore>(sp => new PackageInstallingHookStore(CreateInner(sp, store), sp.GetRequiredService<HookPackages>()));
        }
        return services;
    }

    /// <summary>
    /// Keeps warm engines in step with saves (<see cref="WarmEngineHookStore"/>) and warms enabled hooks in the background
    /// (<see cref="HookWarmUp"/>). Call it after <see cref="AddHookPackages"/> (a save's packages are installed before
    /// its engine is warmed) and before <c>AddAudit</c>.
    /// </summary>
    public static IServiceCollection AddHookWarmUp(this IServiceCollection services)
    {
        services.AddSingleton<HookWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<HookWarmUp>());
        var store = services.LastOrDefault(d => d.ServiceType == typeof(IHookStore) && !d.IsKeyedService);
        if (store is not null)
        {
            services.Remove(store);
            services.AddSingleton<IHookStore>(sp => new WarmEngineHookStore(CreateInner(sp, store),
                sp.GetRequiredService<Execution.IHookExecutor>(), sp.GetRequiredService<HookWarmUp>()));
        }
        return services;
    }

    private static IHookStore CreateInner(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IHookStore)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
