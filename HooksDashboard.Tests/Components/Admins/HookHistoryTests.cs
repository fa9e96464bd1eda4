using Bunit;
using HooksDashboard.Audit;
using HooksDashboard.Components.Audit;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;

namespace HooksDashboard.Tests.Components.Admins;

public sealed class HookHistoryTests : BunitContext, IAsyncLifetime
{
    // Made in the constructor: HttpContextAccessor keeps the context in an AsyncLocal, which a value set
    // inside InitializeAsync would not flow out of.
    private readonly HttpContextAccessor _http = new() { HttpContext = new DefaultHttpContext() };
    private StorageFixture _storage = null!;
    private AuditingHookStore _store = null!;

    public async Task InitializeAsync()
    {
        _storage = await StorageFixture.CreateAsync();
        var audit = new SqliteHookAuditLog(_storage.Database);
        _http.HttpContext!.User = HooksDashboard.Admins.AdminAuthentication.CreatePrincipal(new("01A", "owner@example.com", DateTimeOffset.UtcNow));
        _store = new AuditingHookStore(_storage.Hooks, audit, new ActorAccessor(_http), TimeProvider.System, NullLogger<AuditingHookStore>.Instance);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IHookAuditLog>(audit);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Render_ShowsChangesNewestFirstWithActor()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));
        await _store.UpdateAsync(hook.Id, new HooksDashboard.Hooks.HookUpdate(Enabled: true));

        var history = Render<HookHistory>(p => p.Add(h => h.HookId, hook.Id));

        history.WaitForAssertion(() => Assert.Equal(["enabled", "created"], history.FindAll("[data-testid=history-entry]").Select(e => e.GetAttribute("data-action"))));
        Assert.Contains("owner@example.com", history.Find("[data-testid=history-entry] .history-who").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_ShowsNewChanges()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));
        var history = Render<HookHistory>(p => p.Add(h => h.HookId, hook.Id));
        history.WaitForAssertion(() => Assert.Single(history.FindAll("[data-testid=history-entry]")));

        await _store.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["TOKEN"] = "value" });
        await history.Find("[data-testid=history-refresh]").ClickAsync(new());

        history.WaitForAssertion(() => Assert.Equal(2, history.FindAll("[data-testid=history-entry]").Count));
        Assert.Contains("Secrets added: TOKEN.", history.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoChanges_SaysSo()
    {
        var history = Render<HookHistory>(p => p.Add(h => h.HookId, "01UNKNOWN"));

        history.WaitForAssertion(() => Assert.NotNull(history.Find("[data-testid=history-empty]")));
    }
}
