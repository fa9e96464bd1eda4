using Bunit;
using HooksDashboard.Components.Pages;
using HooksDashboard.Hooks;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Components;

public class HookListTests : DashboardTestBase
{
    private const string Exchange = "credentials-exchange";

    [Fact]
    public void Render_WithCatalog_ShowsOneSectionPerPointInCatalogOrder()
    {
        var cut = Render<HookList>();

        var sections = cut.FindAll("[data-testid=point-section]");
        Assert.Equal(Catalog.Points.Select(p => p.Id), sections.Select(s => s.GetAttribute("data-point")));
        Assert.Equal(Catalog.Points[0].DisplayName, sections[0].QuerySelector("[data-testid=point-name]")!.TextContent.Trim());
        Assert.Equal(Catalog.Points[0].Signature, sections[0].QuerySelector("[data-testid=point-signature]")!.TextContent.Trim());
    }

    [Fact]
    public void Render_NoHooks_SaysWhatToDoNext()
    {
        var cut = Render<HookList>();

        Assert.Contains("Create hook", cut.Find("[data-testid=no-hooks]").TextContent, StringComparison.Ordinal);
        Assert.Equal(Catalog.Points.Count, cut.FindAll("[data-testid=point-empty]").Count);
    }

    [Fact]
    public async Task Render_HooksOfAPoint_ShowsTheirStateInTheirSection()
    {
        await CreateHookAsync("first", Exchange);
        await CreateHookAsync("second", Exchange);

        var cut = Render<HookList>();

        Assert.Equal(("Enabled", "Disabled"), (StateOf(cut, "first"), StateOf(cut, "second")));
        var section = cut.Find($"[data-point={Exchange}]");
        Assert.Equal(2, section.QuerySelectorAll("[data-testid=hook-row]").Length);
    }

    [Fact]
    public async Task Enable_SecondHookOfPoint_DisablesTheFirstOne()
    {
        await CreateHookAsync("first", Exchange);
        var second = await CreateHookAsync("second", Exchange);
        RenderProviders();
        var cut = Render<HookList>();

        cut.Find($"[data-hook-name=second] input[type=radio]").Click();

        cut.WaitForAssertion(() => Assert.Equal(("Disabled", "Enabled"), (StateOf(cut, "first"), StateOf(cut, "second"))));
        Assert.True((await Store.FindByNameAsync("second"))!.Enabled);
        Assert.False((await Store.FindByNameAsync("first"))!.Enabled);
    }

    [Fact]
    public async Task Enable_None_DisablesTheEnabledHook()
    {
        await CreateHookAsync("first", Exchange);
        RenderProviders();
        var cut = Render<HookList>();

        cut.Find($"[data-point={Exchange}] [data-testid=none-row] input[type=radio]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Disabled", StateOf(cut, "first")));
        Assert.Null(await Store.GetEnabledAsync(Exchange));
    }

    [Fact]
    public void CreateDialog_InvalidName_ShowsTheRuleAndDisablesCreate()
    {
        var (dialogs, _) = RenderProviders();
        var cut = Render<HookList>();

        cut.Find($"[data-point={Exchange}] [data-testid=create-hook-for-point]").Click();
        dialogs.WaitForElement("[data-testid=hook-name-dialog]");
        dialogs.Find("input[data-testid=hook-name]").Input("bad-");

        dialogs.WaitForAssertion(() => Assert.Contains(HookRules.ValidateName("bad-")!, dialogs.Markup, StringComparison.Ordinal));
        Assert.True(dialogs.Find("[data-testid=hook-name-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task CreateDialog_DuplicateName_IsRefusedWithTheReason()
    {
        await CreateHookAsync("taken", Exchange);
        var (dialogs, _) = RenderProviders();
        var cut = Render<HookList>();

        cut.Find($"[data-point={Exchange}] [data-testid=create-hook-for-point]").Click();
        dialogs.WaitForElement("[data-testid=hook-name-dialog]");
        dialogs.Find("input[data-testid=hook-name]").Input("taken");
        dialogs.Find("[data-testid=hook-name-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("already exists",
            dialogs.Find("[data-testid=hook-name-failure]").TextContent, StringComparison.Ordinal));
        Assert.Single(await Store.ListAsync());
    }

    [Fact]
    public async Task CreateDialog_ValidName_CreatesFromTemplateAndOpensTheEditor()
    {
        var (dialogs, _) = RenderProviders();
        var cut = Render<HookList>();

        cut.Find($"[data-point={Exchange}] [data-testid=create-hook-for-point]").Click();
        dialogs.WaitForElement("[data-testid=hook-name-dialog]");
        dialogs.Find("input[data-testid=hook-name]").Input("My first hook");
        dialogs.Find("[data-testid=hook-name-submit]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Contains("/hooks/", navigation.Uri, StringComparison.Ordinal));
        var hook = Assert.Single(await Store.ListAsync());
        Assert.Equal(("My first hook", Exchange, true), (hook.Name, hook.TriggerId, hook.Enabled));
        Assert.Equal(Catalog.Find(Exchange)!.Template, hook.Script);
        Assert.EndsWith($"/hooks/{hook.Id}", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateHook_GlobalButton_OffersTheFirstPointAndSaysWhenItRuns()
    {
        var (dialogs, _) = RenderProviders();
        var cut = Render<HookList>();

        cut.Find("[data-testid=create-hook]").Click();
        dialogs.WaitForElement("[data-testid=hook-name-dialog]");
        Assert.Contains(Catalog.Points[0].Description, dialogs.Markup, StringComparison.Ordinal);
        dialogs.Find("input[data-testid=hook-name]").Input("Global");
        dialogs.Find("[data-testid=hook-name-submit]").Click();

        await WaitForHookAsync("Global");
        Assert.Equal(Catalog.Points[0].Id, (await Store.FindByNameAsync("Global"))!.TriggerId);
    }

    [Fact]
    public async Task CreateDialog_SecondHookOfAPoint_StartsDisabled()
    {
        await CreateHookAsync("first", Exchange);
        var (dialogs, _) = RenderProviders();
        var cut = Render<HookList>();

        cut.Find($"[data-point={Exchange}] [data-testid=create-hook-for-point]").Click();
        dialogs.WaitForElement("[data-testid=hook-name-dialog]");
        dialogs.Find("input[data-testid=hook-name]").Input("second");
        dialogs.Find("[data-testid=hook-name-submit]").Click();

        await WaitForHookAsync("second");
        Assert.False((await Store.FindByNameAsync("second"))!.Enabled);
        Assert.True((await Store.FindByNameAsync("first"))!.Enabled);
    }

    [Fact]
    public async Task Rename_NewName_ShowsItInTheList()
    {
        await CreateHookAsync("old name", Exchange);
        var (dialogs, _) = RenderProviders();
        var cut = Render<HookList>();

        cut.Find("[data-hook-name='old name'] [data-testid=rename-hook]").Click();
        dialogs.WaitForElement("[data-testid=hook-name-dialog]");
        dialogs.Find("input[data-testid=hook-name]").Input("new name");
        dialogs.Find("[data-testid=hook-name-submit]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-hook-name='new name']")));
        Assert.Empty(cut.FindAll("[data-hook-name='old name']"));
    }

    [Fact]
    public async Task Delete_Confirmed_NamesTheHookAndRemovesIt()
    {
        await CreateHookAsync("doomed", Exchange);
        var (dialogs, _) = RenderProviders();
        var cut = Render<HookList>();

        cut.Find("[data-hook-name=doomed] [data-testid=delete-hook]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete the hook \"doomed\"?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-hook-name=doomed]")));
        Assert.Empty(await Store.ListAsync());
    }

    [Fact]
    public async Task Delete_Canceled_KeepsTheHook()
    {
        await CreateHookAsync("kept", Exchange);
        var (dialogs, _) = RenderProviders();
        var cut = Render<HookList>();

        cut.Find("[data-hook-name=kept] [data-testid=delete-hook]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete the hook \"kept\"?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Delete the hook", dialogs.Markup, StringComparison.Ordinal));
        Assert.Single(await Store.ListAsync());
        Assert.Single(cut.FindAll("[data-hook-name=kept]"));
    }

    private async Task WaitForHookAsync(string name)
    {
        for (var i = 0; i < 100 && await Store.FindByNameAsync(name) is null; i++)
            await Task.Delay(20);
        Assert.NotNull(await Store.FindByNameAsync(name));
    }

    private static string StateOf(IRenderedComponent<HookList> cut, string hookName) =>
        cut.Find($"[data-hook-name='{hookName}'] [data-testid=hook-state]").TextContent.Trim();
}
