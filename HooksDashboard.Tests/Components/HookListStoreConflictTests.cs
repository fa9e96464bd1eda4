using Bunit;
using HooksDashboard.Components.Pages;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Components;

public class HookListStoreConflictTests : DashboardTestBase
{
    // The name check passes, then the store refuses (another writer won the race): its message is what the user reads.
    public HookListStoreConflictTests() =>
        Services.AddSingleton<IHookStore>(sp => new RacingHookStore(
            ActivatorUtilities.CreateInstance<SqliteHookStore>(sp),
            new HookConflictException("Hook with the same name already exists")));

    [Fact]
    public async Task CreateDialog_StoreConflict_ShowsTheStoresMessage()
    {
        var (dialogs, _) = RenderProviders();
        var cut = Render<HookList>();

        cut.Find("[data-point=credentials-exchange] [data-testid=create-hook-for-point]").Click();
        dialogs.WaitForElement("[data-testid=hook-name-dialog]");
        dialogs.Find("input[data-testid=hook-name]").Input("racing");
        dialogs.Find("[data-testid=hook-name-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("Hook with the same name already exists",
            dialogs.Find("[data-testid=hook-name-failure]").TextContent.Trim()));
        Assert.Empty(await Store.ListAsync());
    }
}
