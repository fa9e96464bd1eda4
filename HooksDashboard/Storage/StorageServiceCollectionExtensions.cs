namespace HooksDashboard.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        // Filled in by the storage work: options, database, migrations, hook store, secret protection.
        _ = configuration;
        return services;
    }
}
