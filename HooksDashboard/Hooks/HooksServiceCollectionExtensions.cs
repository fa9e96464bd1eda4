namespace HooksDashboard.Hooks;

public static class HooksServiceCollectionExtensions
{
    public static IServiceCollection AddHookRunner(this IServiceCollection services) =>
        services.AddSingleton<IHookRunner, HookRunner>();
}
