using System.Net;
using HooksDashboard.Components;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>
/// The real app on Kestrel (127.0.0.1, random port, Development so package assets are served, data in a
/// temp folder) and Debian's headless Chromium driven by Playwright. Shared by the end-to-end tests.
/// </summary>
public sealed class AppFixture : IAsyncLifetime, IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // Flags proven to work as root in a container (docs: stack-notes).
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>The first admin, created from configuration; every page signs in with it.</summary>
    public const string AdminEmail = "e2e@example.com";
    public const string AdminPassword = "end-to-end password";

    private readonly TempDataDirectory _data = new();
    private readonly TempDataDirectory _browserHome = new();
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    /// <summary>
    /// The host environment, Development unless a fixture wants otherwise; outside it the package assets are served from
    /// the build's development manifest (<c>UseStaticWebAssets</c>), as a published app serves them from its output.
    /// </summary>
    public string EnvironmentName { get; init; } = "Development";

    public Uri BaseAddress { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The running app's services, e.g. to arrange data a test starts from or clean up what it created.</summary>
    public IServiceProvider Services => _factory!.Services;

    private readonly ScreenshotFolder _screenshots = new();

    /// <summary>Where screenshots go: a temp folder, never the repository, made on first use (removed if left empty).</summary>
    public string ScreenshotDirectory => _screenshots.Path;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The end-to-end tests need Debian's Chromium at {ChromiumPath}, which is missing. " +
                "Install it with `apt-get update && apt-get install -y chromium` (./test.sh does this), then run the tests again.");
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(EnvironmentName);
            if (EnvironmentName != "Development")
                builder.UseStaticWebAssets();
            builder.UseSetting("DataDirectory", _data.Path);
            // npm packages come from the loopback registry, never the public one.
            builder.UseSetting("Packages:RegistryUrl", SharedNpmRegistry.Url);
            // Hooks may reach the tests' loopback servers (as the fetch tests' transport allows).
            builder.UseSetting("Execution:Egress:Allow:0", "127.0.0.1");
            builder.UseSetting("Admin:Email", AdminEmail);
            builder.UseSetting("Admin:Password", AdminPassword);
        });
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());

        // Two shared cores, a cold Jint and Monaco on the first run, and unit-test collections running in
        // parallel: 5 s (the default) is too tight; 30 s only bounds how long a real failure takes to report.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            // Otherwise Chromium writes its profile and caches into the home folder.
            Env = new Dictionary<string, string>
            {
                ["XDG_CONFIG_HOME"] = Path.Combine(_browserHome.Path, "config"),
                ["XDG_CACHE_HOME"] = Path.Combine(_browserHome.Path, "cache"),
            },
        });
    }

    /// <summary>
    /// A fresh browser context and page at 1280×800 (a laptop screen) unless <paramref name="viewport"/> says
    /// otherwise, signed in as the admin and left on <paramref name="startAt"/> (the hooks page by default) once
    /// its circuit is live.
    /// </summary>
    public async Task<IPage> NewPageAsync(string startAt = "/hooks", ViewportSize? viewport = null, bool darkMode = false)
    {
        var page = await NewAnonymousPageAsync(viewport, darkMode);
        await SignInAsync(page, startAt);
        return page;
    }

    /// <summary>
    /// Signs in through the sign-in form, as a person would, and waits for what that person waits for: the page
    /// they were sent to, live (its <c>data-interactive</c> marker). Not the load event nor network idleness:
    /// under load those waited on Monaco's scripts and the circuit's traffic and timed out.
    /// </summary>
    public static async Task SignInAsync(IPage page, string startAt = "/hooks")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"account/sign-in?returnUrl={Uri.EscapeDataString(startAt)}", new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByTestId("sign-in-email").FillAsync(AdminEmail);
        await page.GetByTestId("sign-in-password").FillAsync(AdminPassword);
        await page.GetByTestId("sign-in-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }

    /// <summary>A fresh browser context and page at 1280×800 (or <paramref name="viewport"/>), not signed in.</summary>
    public async Task<IPage> NewAnonymousPageAsync(ViewportSize? viewport = null, bool darkMode = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
            // Editors are filled by pasting, as a user would (DashboardPage.ReplaceEditorTextAsync).
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        context.SetDefaultTimeout(30_000);
        if (darkMode)
        {
            // The dashboard's own theme cookie (what the dark-mode button writes), read before the first paint.
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ThemePreference.CookieName, Value = "dark", Url = BaseAddress.ToString() }]);
        }
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
    }

    /// <summary>Runs after <see cref="DisposeAsync"/>: the folders go once the server has closed the database.</summary>
    public void Dispose()
    {
        _data.Dispose();
        _browserHome.Dispose();
        _screenshots.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AppTestGroup : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
