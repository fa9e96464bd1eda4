using Bunit;
using HooksDashboard.Components.Identity;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Apis;

namespace HooksDashboard.Tests.Components.Identity;

public sealed class ApplicationPagesTests : IdentityPageTestBase
{
    [Fact]
    public async Task ApplicationList_Render_ListsEveryApplication()
    {
        var first = await Applications.CreateAsync(new NewApplication("Billing"));
        await Applications.CreateAsync(new NewApplication("Reports"));

        var cut = Render<ApplicationList>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=applications] tbody tr").Count));
        Assert.Contains("Billing", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Reports", cut.Markup, StringComparison.Ordinal);
        Assert.Contains(first.Application.ClientId, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplicationList_NoApplications_SaysWhatToDo()
    {
        var cut = Render<ApplicationList>();

        cut.WaitForAssertion(() => Assert.Contains("No applications yet", cut.Find("[data-testid=no-applications]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_ValidName_ShowsWorkingSecretOnceWithWarning()
    {
        var dialogs = RenderProviders();
        var cut = Render<ApplicationList>();

        cut.Find("[data-testid=create-application]").Click();
        dialogs.WaitForElement("input[data-testid=application-name]").Input("Billing service");
        dialogs.Find("[data-testid=application-create]").Click();

        var secret = dialogs.WaitForElement("input[data-testid=secret-value]").GetAttribute("value")!;
        var clientId = dialogs.Find("input[data-testid=secret-client-id]").GetAttribute("value")!;
        Assert.Contains("you will not see it again", dialogs.Find("[data-testid=secret-warning]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(await Applications.AuthenticateAsync(clientId, secret));
        Assert.Equal("Billing service", Assert.Single(await Applications.ListAsync()).Name);

        dialogs.Find("[data-testid=secret-done]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=secret-dialog]")));
        cut.WaitForAssertion(() => Assert.Contains("Billing service", cut.Find("[data-testid=applications]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, cut.Markup + dialogs.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SecretDialog_CopiesSecretToClipboard()
    {
        var dialogs = RenderProviders();
        var cut = Render<ApplicationList>();
        cut.Find("[data-testid=create-application]").Click();
        dialogs.WaitForElement("input[data-testid=application-name]").Input("Billing service");
        dialogs.Find("[data-testid=application-create]").Click();
        var secret = dialogs.WaitForElement("input[data-testid=secret-value]").GetAttribute("value")!;

        dialogs.Find("[data-testid=secret-dialog] .mud-input-adornment button").Click();

        dialogs.WaitForElement("[data-testid=secret-copied]");
        var call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText");
        Assert.Equal(secret, call.Arguments[0]);
    }

    [Fact]
    public async Task Create_BlankName_ShowsRuleAndCreatesNothing()
    {
        var dialogs = RenderProviders();
        var cut = Render<ApplicationList>();

        cut.Find("[data-testid=create-application]").Click();
        dialogs.WaitForElement("input[data-testid=application-name]").Input("   ");
        dialogs.Find("[data-testid=application-create]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Name is required.", dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(await Applications.ListAsync());
    }

    [Fact]
    public async Task Delete_Confirmed_NamesApplicationAndDeletesIt()
    {
        await Applications.CreateAsync(new NewApplication("Billing"));
        var dialogs = RenderProviders();
        var cut = Render<ApplicationList>();

        cut.WaitForElement("[data-testid=delete-application]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete the application \"Billing\"?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForElement("[data-testid=no-applications]");
        Assert.Empty(await Applications.ListAsync());
    }

    [Fact]
    public async Task Delete_Cancelled_KeepsApplication()
    {
        await Applications.CreateAsync(new NewApplication("Billing"));
        var dialogs = RenderProviders();
        var cut = Render<ApplicationList>();

        cut.WaitForElement("[data-testid=delete-application]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("\"Billing\"", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Delete the application", dialogs.Markup, StringComparison.Ordinal));
        Assert.Single(await Applications.ListAsync());
    }

    [Fact]
    public async Task Detail_GrantApiWithScope_CreatesGrant()
    {
        var app = await Applications.CreateAsync(new NewApplication("Billing"));
        var api = await Apis.CreateAsync(new NewResourceServer("https://api.example.com/", "Things", [new("read:things", ""), new("write:things", "")]));
        RenderProviders();
        var cut = Render<ApplicationDetail>(p => p.Add(c => c.ClientId, app.Application.ClientId));

        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudSelect<string>>().Instance.ValueChanged.InvokeAsync(api.Id));
        cut.WaitForAssertion(() => Assert.Contains("write:things", cut.Markup, StringComparison.Ordinal));
        cut.FindAll("label").First(l => l.TextContent.Contains("write:things", StringComparison.Ordinal)).QuerySelector("input")!.Change(true);
        cut.Find("[data-testid=create-grant]").Click();

        cut.WaitForElement("[data-testid=grant]");
        var grant = Assert.Single(await Grants.ListForApplicationAsync(app.Application.ClientId));
        Assert.Equal(["write:things"], grant.Scopes);
    }

    [Fact]
    public async Task Detail_RotateConfirmed_ShowsNewWorkingSecretOnce()
    {
        var app = await Applications.CreateAsync(new NewApplication("Billing"));
        var dialogs = RenderProviders();
        var cut = Render<ApplicationDetail>(p => p.Add(c => c.ClientId, app.Application.ClientId));

        cut.WaitForElement("[data-testid=rotate-secret]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("\"Billing\"", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Rotate").Click();

        var secret = dialogs.WaitForElement("input[data-testid=secret-value]").GetAttribute("value")!;
        Assert.NotEqual(app.ClientSecret, secret);
        Assert.NotNull(await Applications.AuthenticateAsync(app.Application.ClientId, secret));
        Assert.Null(await Applications.AuthenticateAsync(app.Application.ClientId, app.ClientSecret));
    }

    [Fact]
    public async Task Detail_EditMetadata_SavesIt()
    {
        var app = await Applications.CreateAsync(new NewApplication("Billing"));
        RenderProviders();
        var cut = Render<ApplicationDetail>(p => p.Add(c => c.ClientId, app.Application.ClientId));

        cut.WaitForElement("[data-testid=add-metadata]").Click();
        var inputs = cut.FindAll("[data-testid=metadata-row] input");
        inputs[0].Input("plan");
        cut.FindAll("[data-testid=metadata-row] input")[1].Input("gold");
        cut.Find("[data-testid=save-application]").Click();

        // WaitForAssertion takes a synchronous check: the store is read to completion inside it.
        cut.WaitForAssertion(() => Assert.Equal("gold",
            Applications.GetAsync(app.Application.ClientId).GetAwaiter().GetResult()!.Metadata.GetValueOrDefault("plan")));
    }

    [Fact]
    public async Task Detail_EditWebOrigins_SavesThemNormalizedOnePerLine()
    {
        var app = await Applications.CreateAsync(new NewApplication("Shop", WebOrigins: ["https://shop.example.com"]));
        RenderProviders();
        var cut = Render<ApplicationDetail>(p => p.Add(c => c.ClientId, app.Application.ClientId));

        var box = cut.WaitForElement("textarea[data-testid=edit-web-origins]");
        Assert.Equal("https://shop.example.com", box.GetAttribute("value") ?? box.TextContent);
        box.Change("https://shop.example.com\n\n  HTTPS://*.Shop.example.com:443  \nhttp://127.0.0.1:5173\n");
        cut.Find("[data-testid=save-application]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["https://shop.example.com", "https://*.shop.example.com", "http://127.0.0.1:5173"],
            Applications.GetAsync(app.Application.ClientId).GetAwaiter().GetResult()!.WebOrigins));
        Assert.Empty(cut.FindAll("[data-testid=settings-error]"));
    }

    [Fact]
    public async Task Detail_BadWebOrigin_ShowsWhyAndKeepsTheStoredOrigins()
    {
        var app = await Applications.CreateAsync(new NewApplication("Shop", WebOrigins: ["https://shop.example.com"]));
        RenderProviders();
        var cut = Render<ApplicationDetail>(p => p.Add(c => c.ClientId, app.Application.ClientId));

        cut.WaitForElement("textarea[data-testid=edit-web-origins]").Change("https://shop.example.com/\nhttps://blog.example.com");
        cut.Find("[data-testid=save-application]").Click();

        cut.WaitForAssertion(() => Assert.Equal("\"https://shop.example.com/\" is not an origin: remove the trailing \"/\" (an origin has no path).",
            cut.Find("[data-testid=settings-error]").TextContent.Trim()));
        Assert.Equal(["https://shop.example.com"], (await Applications.GetAsync(app.Application.ClientId))!.WebOrigins);
    }

    [Fact]
    public async Task ApiList_ManagementApi_CannotBeDeleted()
    {
        await Apis.EnsureManagementApiAsync("https://tenant.example.com/api/v2/", ManagementApi.Scopes);
        await Apis.CreateAsync(new NewResourceServer("https://api.example.com/", "Things"));

        var cut = Render<ApiList>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=apis] tbody tr").Count));
        var rows = cut.FindAll("[data-testid=apis] tbody tr");
        Assert.Empty(rows[0].QuerySelectorAll("[data-testid=delete-api]"));
        Assert.Single(rows[1].QuerySelectorAll("[data-testid=delete-api]"));
    }

    [Fact]
    public async Task ApiDetail_AddScope_SavesIt()
    {
        var api = await Apis.CreateAsync(new NewResourceServer("https://api.example.com/", "Things"));
        RenderProviders();
        var cut = Render<ApiDetail>(p => p.Add(c => c.Id, api.Id));

        cut.WaitForElement("[data-testid=add-scope]").Click();
        cut.FindAll("[data-testid=scope-row] input")[0].Change("read:things");
        cut.Find("[data-testid=save-api]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["read:things"], Apis.GetAsync(api.Id).GetAwaiter().GetResult()!.Scopes.Select(s => s.Value)));
    }

    [Fact]
    public async Task Detail_MetadataValueTooLong_SaysSoAsTypedAndSavesNothing()
    {
        var app = await Applications.CreateAsync(new NewApplication("Billing", new Dictionary<string, string> { ["plan"] = "gold" }));
        RenderProviders();
        var cut = Render<ApplicationDetail>(p => p.Add(c => c.ClientId, app.Application.ClientId));

        cut.WaitForElement("[data-testid=metadata-row]");
        cut.FindAll("[data-testid=metadata-row] input")[1].Input(new string('v', ApplicationRules.MaxMetadataValueLength + 1));

        cut.WaitForAssertion(() => Assert.Equal("Metadata value of 'plan' is longer than 255 characters.", cut.Find("[data-testid=metadata-row-error]").TextContent.Trim()));
        cut.Find("[data-testid=save-application]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Metadata value of 'plan' is longer than 255 characters.", cut.Find("[data-testid=settings-error]").TextContent.Trim()));
        Assert.Equal("gold", (await Applications.GetAsync(app.Application.ClientId))!.Metadata["plan"]);
    }

    [Fact]
    public async Task Detail_MetadataKeyWithRefusedCharacter_ShowsTheApiRule()
    {
        var app = await Applications.CreateAsync(new NewApplication("Billing"));
        RenderProviders();
        var cut = Render<ApplicationDetail>(p => p.Add(c => c.ClientId, app.Application.ClientId));

        cut.WaitForElement("[data-testid=add-metadata]").Click();
        cut.FindAll("[data-testid=metadata-row] input")[0].Input("plan.tier");

        // The same message as PATCH /api/v2/clients gives (ApplicationRules).
        cut.WaitForAssertion(() => Assert.StartsWith("Metadata key 'plan.tier' contains '.'", cut.Find("[data-testid=metadata-row-error]").TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Detail_RemoveMetadataKey_MergesLikeTheApiAndKeepsAKeyAddedMeanwhile()
    {
        var app = await Applications.CreateAsync(new NewApplication("Billing", new Dictionary<string, string> { ["plan"] = "gold", ["tier"] = "1" }));
        RenderProviders();
        var cut = Render<ApplicationDetail>(p => p.Add(c => c.ClientId, app.Application.ClientId));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=metadata-row]").Count));
        // A Management API client adds a key after the page loaded.
        await Applications.UpdateAsync(app.Application.ClientId, new ApplicationUpdate(Metadata: new Dictionary<string, string> { ["plan"] = "gold", ["tier"] = "1", ["region"] = "eu" }));

        cut.FindAll("[data-testid=metadata-row] button")[1].Click();
        cut.Find("[data-testid=save-application]").Click();

        cut.WaitForAssertion(() => Assert.Equal(
            new Dictionary<string, string> { ["plan"] = "gold", ["region"] = "eu" },
            Applications.GetAsync(app.Application.ClientId).GetAwaiter().GetResult()!.Metadata.OrderBy(p => p.Key).ToDictionary()));
        // The page now shows what is stored.
        Assert.Equal(2, cut.FindAll("[data-testid=metadata-row]").Count);
    }

    [Fact]
    public async Task Detail_TenthKey_DisablesAddAndCountsKeys()
    {
        var metadata = Enumerable.Range(0, ApplicationRules.MaxMetadataKeys).ToDictionary(i => $"k{i}", i => $"v{i}");
        var app = await Applications.CreateAsync(new NewApplication("Full", metadata));
        RenderProviders();
        var cut = Render<ApplicationDetail>(p => p.Add(c => c.ClientId, app.Application.ClientId));

        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=add-metadata]").HasAttribute("disabled")));
        Assert.Equal("10 of 10 keys", cut.Find("[data-testid=metadata-count]").TextContent.Trim());
        Assert.Equal($"audit?type=client&id={app.Application.ClientId}", cut.Find("[data-testid=application-audit]").GetAttribute("href"));
    }
}
