using Bunit;
using HooksDashboard.Components.Editor;
using HooksDashboard.Hooks;

namespace HooksDashboard.Tests.Components.Editor;

public class SecretsPanelTests : DashboardTestBase
{
    private const string Value = "s3cr3t-value-never-shown";

    [Fact]
    public async Task Add_NameAndValue_ListsTheNameMaskedAndNeverRendersTheValue()
    {
        var (cut, dialogs, hook) = await RenderPanelAsync();
        IReadOnlyList<string>? changed = null;
        cut.Render(p => p.Add(x => x.OnChanged, names => changed = names));

        cut.Find("input[data-testid=secret-name]").Input("API_KEY");
        cut.Find("input[data-testid=secret-value]").Input(Value);
        cut.Find("[data-testid=add-secret]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-secret=API_KEY]")));
        Assert.Equal("••••••••", cut.Find("[data-secret=API_KEY] [data-testid=secret-mask]").TextContent.Trim());
        Assert.DoesNotContain(Value, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, dialogs.Markup, StringComparison.Ordinal);
        Assert.Equal(Value, (await Store.GetSecretValuesAsync(hook.Id))["API_KEY"]);
        Assert.Equal(["API_KEY"], changed);
    }

    [Fact]
    public async Task Add_InvalidName_ShowsTheRuleAndDisablesAdd()
    {
        var (cut, _, _) = await RenderPanelAsync();

        cut.Find("input[data-testid=secret-name]").Input("1bad");
        cut.Find("input[data-testid=secret-value]").Input("x");

        cut.WaitForAssertion(() => Assert.Contains(HookRules.ValidateSecretName("1bad")!, cut.Markup, StringComparison.Ordinal));
        Assert.True(cut.Find("[data-testid=add-secret]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Replace_NewValue_StoresItWithoutShowingEitherValue()
    {
        var (cut, dialogs, hook) = await RenderPanelAsync(("TOKEN", "old-value-123"));

        cut.Find("[data-secret=TOKEN] [data-testid=replace-secret]").Click();
        dialogs.WaitForElement("[data-testid=secret-value-dialog]");
        Assert.DoesNotContain("old-value-123", dialogs.Markup, StringComparison.Ordinal);
        dialogs.Find("input[data-testid=secret-new-value]").Input(Value);
        dialogs.Find("[data-testid=secret-replace-submit]").Click();

        await WaitForAsync(async () => (await Store.GetSecretValuesAsync(hook.Id))["TOKEN"] == Value);
        Assert.DoesNotContain(Value, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("old-value-123", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Confirmed_RemovesTheSecret()
    {
        var (cut, dialogs, hook) = await RenderPanelAsync(("TOKEN", "v"), ("OTHER", "w"));

        cut.Find("[data-secret=TOKEN] [data-testid=delete-secret]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete the secret TOKEN?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-secret=TOKEN]")));
        Assert.Equal(["OTHER"], await Store.ListSecretNamesAsync(hook.Id));
    }

    [Fact]
    public async Task Render_AtTheLimit_HidesTheAddForm()
    {
        var secrets = Enumerable.Range(1, HookRules.MaxSecrets).Select(i => ($"S{i}", "v")).ToArray();

        var (cut, _, _) = await RenderPanelAsync(secrets);

        Assert.Equal(HookRules.MaxSecrets, cut.FindAll("[data-testid=secret-row]").Count);
        Assert.Empty(cut.FindAll("[data-testid=add-secret]"));
    }

    private async Task<(IRenderedComponent<SecretsPanel> Cut, IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs, Hook Hook)>
        RenderPanelAsync(params (string Name, string Value)[] secrets)
    {
        var hook = await CreateHookAsync("with secrets", "credentials-exchange");
        if (secrets.Length > 0)
            await Store.AddSecretsAsync(hook.Id, secrets.ToDictionary(s => s.Name, s => s.Value));
        var (dialogs, _) = RenderProviders();
        var cut = Render<SecretsPanel>(p => p.Add(x => x.HookId, hook.Id));
        return (cut, dialogs, hook);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
            await Task.Delay(20);
        Assert.True(await condition());
    }
}
