using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Hooks;

/// <summary><see cref="HookRunner.EngineScopeOf"/>: computed once per cached hook and secrets, changed by either.</summary>
public sealed class EngineScopeTests : IAsyncLifetime
{
    private StorageFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await StorageFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task EngineScopeOf_SameHookAndSecretsObjects_ReusesTheScopeWithoutDigestingAgain()
    {
        var hook = await _fixture.CreateHookAsync(enabled: true);
        await _fixture.Hooks.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["API_KEY"] = "k-1" });
        // What the runtime path gets from the hook cache on every request until a write.
        var enabled = (await _fixture.Hooks.GetEnabledAsync(hook.TriggerId))!;
        var secrets = await _fixture.Hooks.GetSecretValuesAsync(hook.Id);
        Assert.Same(enabled, await _fixture.Hooks.GetEnabledAsync(hook.TriggerId));
        Assert.Same(secrets, await _fixture.Hooks.GetSecretValuesAsync(hook.Id));

        var first = HookRunner.EngineScopeOf(enabled, secrets);
        var second = HookRunner.EngineScopeOf(enabled, secrets);

        Assert.Same(first, second);
    }

    [Fact]
    public async Task EngineScopeOf_SecretValueChanged_ChangesTheVersion()
    {
        var hook = await _fixture.CreateHookAsync(enabled: true);
        await _fixture.Hooks.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["API_KEY"] = "k-1" });
        var before = HookRunner.EngineScopeOf((await _fixture.Hooks.GetAsync(hook.Id))!, await _fixture.Hooks.GetSecretValuesAsync(hook.Id));

        await _fixture.Hooks.UpdateSecretsAsync(hook.Id, new Dictionary<string, string> { ["API_KEY"] = "k-2" });
        var after = HookRunner.EngineScopeOf((await _fixture.Hooks.GetAsync(hook.Id))!, await _fixture.Hooks.GetSecretValuesAsync(hook.Id));

        Assert.Equal(before.Owner, after.Owner);
        Assert.NotEqual(before.Version, after.Version);
    }

    [Fact]
    public async Task EngineScopeOf_SameSecretsObjectWithAnotherHookVersion_ChangesTheVersion()
    {
        var hook = await _fixture.CreateHookAsync(enabled: true);
        var secrets = new Dictionary<string, string>();
        var before = HookRunner.EngineScopeOf(hook, secrets);

        var saved = await _fixture.Hooks.UpdateAsync(hook.Id, new HookUpdate(Script: StorageFixture.Script + "\n// v2"));

        Assert.NotEqual(before.Version, HookRunner.EngineScopeOf(saved, secrets).Version);
    }
}
