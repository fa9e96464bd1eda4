namespace HooksDashboard.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCatalog(this IServiceCollection services) =>
        services.AddSingleton<IHookCatalog, HookCatalog>();
}
