using HooksDashboard.Hooks;

namespace HooksDashboard.Transfer;

public static class TransferServiceCollectionExtensions
{
    /// <summary>
    /// Registers deploy-cli import and export. Call it after every <see cref="IHookStore"/> decorator (after <c>AddAudit</c>):
    /// imports write through the store as registered, cast to <see cref="IHookBatchStore"/>.
    /// </summary>
    public static IServiceCollection AddTransfer(this IServiceCollection services)
    {
        services.AddSingleton<IHookBatchStore>(sp => HookBatchStores.Inner(sp.GetRequiredService<IHookStore>()));
        services.AddSingleton<HookImporter>();
        services.AddSingleton<HookExporter>();
        return services;
    }
}
