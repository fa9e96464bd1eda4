using HooksDashboard.Catalog.Points;
using HooksDashboard.Hooks;
using HooksDashboard.Hooks.TestCases;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Users;
using HooksDashboard.Logs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>
/// axe-core on every dashboard page and dialog, light and dark, at a laptop's and a phone's width: no critical or
/// serious violation, and none of the structural ones the pages own (<see cref="AxeScanner.ProductRules"/>).
/// One test per theme, one sign-in each: the pages are reached inside the circuit (no reload, no new Monaco parse).
/// </summary>
[Collection(AppTestGroup.Name)]
public class AccessibilityTests(AppFixture app, ITestOutputHelper output)
{
    private static readonly ViewportSize[] Sizes = [Viewports.Laptop, Viewports.Phone];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryPageAndDialog_LaptopAndPhone_HasNoSeriousAxeViolation(bool darkMode)
    {
        var mode = darkMode ? "dark" : "light";
        await using var data = await A11yData.CreateAsync(app.Services, mode);
        var axe = new AxeScanner();

        // The sign-in page, empty and with its error.
        var anonymous = await app.NewAnonymousPageAsync(Viewports.Laptop, darkMode);
        foreach (var size in Sizes)
        {
            await anonymous.SetViewportSizeAsync(size.Width, size.Height);
            await anonymous.GotoAsync("account/sign-in");
            await axe.ScanAsync(anonymous, $"{mode} {size.Width} sign-in");
            await anonymous.GetByTestId("sign-in-email").FillAsync(AppFixture.AdminEmail);
            await anonymous.GetByTestId("sign-in-password").FillAsync("not the password");
            await anonymous.GetByTestId("sign-in-submit").ClickAsync();
            await Expect(anonymous.GetByTestId("sign-in-error")).ToBeVisibleAsync();
            await axe.ScanAsync(anonymous, $"{mode} {size.Width} sign-in error");
        }
        await anonymous.Context.CloseAsync();

        var page = await app.NewPageAsync("/hooks", Viewports.Laptop, darkMode);
        var dashboard = new DashboardPage(page);
        try
        {
            await ScanSignedInPagesAsync(dashboard, axe, data, mode);
        }
        finally
        {
            // Printed even when a step fails, so one run shows everything found so far.
            output.WriteLine($"Scanned {axe.Scanned.Count} pages and dialogs: {string.Join(", ", axe.Scanned)}");
            foreach (var failure in axe.Failures)
                output.WriteLine(failure);
        }
        Assert.True(axe.Failures.Count == 0, $"{axe.Failures.Count} axe violations:\n{string.Join("\n", axe.Failures)}");
    }

    private static async Task ScanSignedInPagesAsync(DashboardPage dashboard, AxeScanner axe, A11yData data, string mode)
    {
        var page = dashboard.Page;
        foreach (var size in Sizes)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            var at = $"{mode} {size.Width}";

            await dashboard.GoToAsync("hooks", "Hooks");
            await axe.ScanAsync(page, $"{at} hooks");
            await ScanDialogAsync(page, axe, $"{at} create hook dialog", page.GetByTestId("create-hook"));
            await ScanDialogAsync(page, axe, $"{at} rename dialog", dashboard.Row(data.Hook.Name).GetByTestId("rename-hook"));
            await ScanDialogAsync(page, axe, $"{at} delete hook confirmation", dashboard.Row(data.Hook.Name).GetByTestId("delete-hook"));

            await dashboard.GoToAsync($"hooks/{data.Hook.Id}", data.Hook.Name);
            await dashboard.WaitForEditorAsync();
            await dashboard.RunTestAsync();
            await Expect(page.GetByTestId("result-status")).ToBeVisibleAsync();
            await axe.ScanAsync(page, $"{at} editor, test tab after a run");
            await ScanDialogAsync(page, axe, $"{at} use a real user dialog", page.GetByTestId("use-real-user"));
            // The test-case controls: the saved case run (green), secret overrides shown, "Save as test" and edit dialogs.
            await page.GetByTestId("run-all-cases").ClickAsync();
            await Expect(page.Locator("[data-testid=test-case][data-status=passed]")).ToHaveCountAsync(1);
            await page.Locator("[data-testid=secret-overrides] input[type=checkbox]").CheckAsync();
            await Expect(page.GetByTestId("secret-overrides-text")).ToBeVisibleAsync();
            await axe.ScanAsync(page, $"{at} editor, test cases run and secret overrides");
            await ScanDialogAsync(page, axe, $"{at} save as test dialog", page.GetByTestId("save-as-test"));
            await ScanDialogAsync(page, axe, $"{at} edit test case dialog", page.GetByTestId("edit-case").First);
            await page.Locator("[data-testid=secret-overrides] input[type=checkbox]").UncheckAsync();
            await dashboard.SelectTabAsync("Secrets");
            await Expect(page.Locator("[data-testid=secret-row]")).ToHaveCountAsync(1);
            await axe.ScanAsync(page, $"{at} editor, secrets tab");
            await ScanDialogAsync(page, axe, $"{at} replace secret dialog", page.GetByTestId("replace-secret"));
            await ScanDialogAsync(page, axe, $"{at} delete secret confirmation", page.GetByTestId("delete-secret"));
            await dashboard.SelectTabAsync("Modules");
            await Expect(page.Locator("[data-testid=module-row][data-state=ready]")).ToHaveCountAsync(1);
            await axe.ScanAsync(page, $"{at} editor, modules tab");
            await dashboard.SelectTabAsync("History");
            await Expect(page.Locator("[data-testid=history-entry]").First).ToBeVisibleAsync();
            await axe.ScanAsync(page, $"{at} editor, history tab");
            await dashboard.SelectTabAsync("Test");

            await dashboard.GoToAsync("logs", "Logs");
            await Expect(page.Locator("[data-testid=log-table] tbody tr").First).ToBeVisibleAsync();
            await axe.ScanAsync(page, $"{at} logs");
            await ScanDialogAsync(page, axe, $"{at} log record dialog", page.Locator("[data-testid=log-table] tbody tr").First);

            await dashboard.GoToAsync("users", "Users");
            await Expect(page.Locator("#users-table")).ToBeVisibleAsync();
            await axe.ScanAsync(page, $"{at} users");
            await dashboard.GoToAsync("users/new", "Create user");
            await axe.ScanAsync(page, $"{at} create user");
            await dashboard.GoToAsync($"users/{Uri.EscapeDataString(data.User.Id)}", data.User.Email);
            await Expect(dashboard.EditorLines("edit-app-metadata")).ToContainTextAsync("{");
            await axe.ScanAsync(page, $"{at} user");
            await dashboard.ReplaceEditorTextAsync("edit-app-metadata", "[1]");
            await Expect(page.Locator("#edit-app-metadata-error")).ToBeVisibleAsync();
            await axe.ScanAsync(page, $"{at} user, metadata error");
            await dashboard.ReplaceEditorTextAsync("edit-app-metadata", "{}");
            await ScanDialogAsync(page, axe, $"{at} user, delete confirmation", page.Locator("#delete-user"));
            await dashboard.GoToAsync($"audit?type=user&id={Uri.EscapeDataString(data.User.Id)}", "Identity audit");
            await Expect(page.GetByTestId("audit-entry").First).ToBeVisibleAsync();
            await axe.ScanAsync(page, $"{at} identity audit, one user");
            await dashboard.GoToAsync("audit", "Identity audit");
            await axe.ScanAsync(page, $"{at} identity audit");

            await dashboard.GoToAsync("applications", "Applications");
            await Expect(page.GetByTestId("applications")).ToBeVisibleAsync();
            await axe.ScanAsync(page, $"{at} applications");
            await ScanDialogAsync(page, axe, $"{at} create application dialog", page.GetByTestId("create-application"));
            await ScanDialogAsync(page, axe, $"{at} delete application confirmation",
                page.GetByLabel($"Delete {data.Application.Name}", new() { Exact = true }));
            await dashboard.GoToAsync($"applications/{data.Application.ClientId}", data.Application.Name);
            await axe.ScanAsync(page, $"{at} application");
            await ScanDialogAsync(page, axe, $"{at} rotate secret confirmation", page.GetByTestId("rotate-secret"));

            await dashboard.GoToAsync("apis", "APIs");
            await Expect(page.GetByTestId("apis")).ToBeVisibleAsync();
            await axe.ScanAsync(page, $"{at} apis");
            await ScanDialogAsync(page, axe, $"{at} create api dialog", page.GetByTestId("create-api"));
            await dashboard.GoToAsync($"apis/{data.Api.Id}", data.Api.Name);
            await axe.ScanAsync(page, $"{at} api");

            await dashboard.GoToAsync("admins", "Admins");
            await Expect(page.GetByTestId("admin-list")).ToBeVisibleAsync();
            await axe.ScanAsync(page, $"{at} admins");
            await dashboard.GoToAsync("account/password", "Change your password");
            await axe.ScanAsync(page, $"{at} account");
            await dashboard.GoToAsync("no-such-page", "Page not found");
            await axe.ScanAsync(page, $"{at} not found");
        }
    }

    /// <summary>Opens a dialog with <paramref name="opener"/>, scans the page with it open, closes it with Escape.</summary>
    private static async Task ScanDialogAsync(IPage page, AxeScanner axe, string name, ILocator opener)
    {
        await opener.ClickAsync();
        var dialog = page.Locator(".mud-dialog-container");
        await Expect(dialog).ToBeVisibleAsync();
        // The dialog's opening transition is over when its contents are where they stay.
        await Expect(dialog.Locator(".mud-dialog")).ToBeVisibleAsync();
        // ScanAsync waits for the overlay to stop fading in: mid-fade, what it covers blends into colours it never keeps.
        await axe.ScanAsync(page, name);
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
    }
}

/// <summary>The screen sizes the dashboard is checked at.</summary>
public static class Viewports
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    public static readonly ViewportSize Tablet = new() { Width = 1024, Height = 768 };
    public static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };
}

/// <summary>What the accessibility scans need to show full pages: a hook with a secret and a run, a user, an application, an API.</summary>
internal sealed class A11yData : IAsyncDisposable
{
    private readonly IServiceProvider _services;

    private A11yData(IServiceProvider services) => _services = services;

    public Hook Hook { get; private set; } = default!;
    public User User { get; private set; } = default!;
    public Application Application { get; private set; } = default!;
    public ResourceServer Api { get; private set; } = default!;

    public static async Task<A11yData> CreateAsync(IServiceProvider services, string tag)
    {
        var data = new A11yData(services);
        var unique = $"{tag}-{Guid.NewGuid():N}"[..14];
        var store = services.GetRequiredService<IHookStore>();
        data.Hook = await store.CreateAsync(new NewHook($"A11y hook {unique}", PostChangePasswordPoint.TriggerId,
            "module.exports = function (user, context, cb) { console.log('changed ' + user.email); cb(null, {}); };",
            // The Modules tab shows one installed package (from the loopback registry).
            Dependencies: new Dictionary<string, string> { ["lodash"] = "4.17.21" }));
        await store.AddSecretsAsync(data.Hook.Id, new Dictionary<string, string> { ["API_KEY"] = "a11y" });
        // The test panel lists one saved case (it passes: the hook succeeds on the point's sample payload).
        await services.GetRequiredService<ITestCaseStore>().CreateAsync(data.Hook.Id, new TestCaseDefinition(
            "succeeds on the sample", null, null, new Dictionary<string, string>(), new TestCaseExpectation { Outcome = TestCaseOutcome.Success }));
        await services.GetRequiredService<IHookRunner>().RunAsync(new HookInvocation(PostChangePasswordPoint.TriggerId, data.Hook.Script, null,
            new Dictionary<string, string>(), InvocationSource.Runtime) { HookId = data.Hook.Id, HookName = data.Hook.Name });
        await services.GetRequiredService<IExecutionLog>().FlushAsync();
        data.User = await services.GetRequiredService<IUserService>().CreateAsync(
            new AdminNewUser($"a11y-{unique}@example.com", "Str0ng!Passw0rd", null, null, null));
        data.Application = (await services.GetRequiredService<IApplicationStore>().CreateAsync(new NewApplication($"A11y app {unique}"))).Application;
        data.Api = await services.GetRequiredService<IResourceServerStore>().CreateAsync(
            new NewResourceServer($"https://{unique}.a11y.example.com/", $"A11y API {unique}", [new ApiScope("read:things", "Read things")]));
        return data;
    }

    public async ValueTask DisposeAsync()
    {
        if (Hook is not null)
            await _services.GetRequiredService<IHookStore>().DeleteAsync(Hook.Id);
        if (User is not null)
            await _services.GetRequiredService<IUserService>().DeleteAsync(User.Id);
        if (Application is not null)
            await _services.GetRequiredService<IApplicationStore>().DeleteAsync(Application.ClientId);
        if (Api is not null)
            await _services.GetRequiredService<IResourceServerStore>().DeleteAsync(Api.Id);
    }
}
