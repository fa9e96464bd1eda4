using HooksDashboard.Execution.Http;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Storage;

/// <summary>Two instances on one PostgreSQL database: a change on one drops the other's hook cache through LISTEN/NOTIFY.</summary>
public sealed class HookChangeListenerTests : IAsyncLifetime
{
    // B's clock never moves, so its cache never expires by age: only a notification can make it read again.
    private readonly ManualTimeProvider _frozen = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private StorageFixture _a = null!;
    private StorageFixture _b = null!;

    // Owned (and disposed) by B's services, as the app's host would.
    private HookChangeListener Listener => _b.Services.GetRequiredService<HookChangeListener>();

    public async Task InitializeAsync()
    {
        _a = await StorageFixture.CreateAsync(provider: StorageProvider.PostgreSQL);
        _b = await StorageFixture.CreateAsync(settings: _a.EngineSettings, time: _frozen);
        await Listener.StartAsync(CancellationToken.None);
        await Listener.Listening.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await Listener.StopAsync(CancellationToken.None);
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task GetEnabledAsync_HookEnabledOnAnotherInstance_SeenWithoutWaitingForTheCacheToAge()
    {
        var first = await _a.CreateHookAsync(TestTriggers.CredentialsExchange, enabled: true);
        var second = await _a.CreateHookAsync(TestTriggers.CredentialsExchange, enabled: false);
        Assert.Equal(first.Id, (await _b.Hooks.GetEnabledAsync(TestTriggers.CredentialsExchange))?.Id);

        await _a.Hooks.UpdateAsync(second.Id, new HookUpdate(Enabled: true));

        Assert.Equal(second.Id, await PollAsync(async () => (await _b.Hooks.GetEnabledAsync(TestTriggers.CredentialsExchange))?.Id, second.Id));
    }

    [Fact]
    public async Task GetSecretValuesAsync_SecretChangedOnAnotherInstance_SeenWithoutWaitingForTheCacheToAge()
    {
        var hook = await _a.CreateHookAsync(TestTriggers.CredentialsExchange, enabled: true);
        await _a.Hooks.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["KEY"] = "old" });
        Assert.Equal("old", (await _b.Hooks.GetSecretValuesAsync(hook.Id))["KEY"]);

        await _a.Hooks.UpdateSecretsAsync(hook.Id, new Dictionary<string, string> { ["KEY"] = "new" });

        Assert.Equal("new", await PollAsync(async () => (await _b.Hooks.GetSecretValuesAsync(hook.Id))["KEY"], "new"));
    }

    [Fact]
    public async Task GetRulesAsync_EgressPolicyChangedOnAnotherInstance_SeenAtOnce()
    {
        // The egress cache has no age limit at all: only the notification (migration 402's trigger) can refresh it.
        var hook = await _a.CreateHookAsync(TestTriggers.CredentialsExchange, enabled: true);
        var egressA = _a.Services.GetRequiredService<SqliteHookEgressStore>();
        var egressB = _b.Services.GetRequiredService<SqliteHookEgressStore>();
        await egressA.SetAsync(hook.Id, new HookEgressPolicy(["api.example.com"], [], [], []));
        Assert.Equal(["api.example.com"], (await egressB.GetRulesAsync(hook.Id))!.Policy.Allow);

        await egressA.SetAsync(hook.Id, new HookEgressPolicy(["other.example.com"], [], [], []));

        Assert.Equal("other.example.com", await PollAsync(async () => (await egressB.GetRulesAsync(hook.Id))?.Policy.Allow.SingleOrDefault(), "other.example.com"));
    }

    /// <summary>Reads until the expected value shows (a notification arrives asynchronously), giving up after 10 s.</summary>
    private static async Task<T> PollAsync<T>(Func<Task<T>> read, T expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        T value;
        while (!EqualityComparer<T>.Default.Equals(value = await read(), expected) && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        return value;
    }
}
