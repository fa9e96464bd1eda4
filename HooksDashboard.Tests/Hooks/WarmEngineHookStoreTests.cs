using System.Text.Json.Nodes;
using HooksDashboard.Catalog;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Storage;
using HooksDashboard.Tests.Execution;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HooksDashboard.Tests.Hooks;

/// <summary>
/// Warm engines through the runner and the store, as the app registers them: runtime invocations of a saved hook reuse
/// its engine; a save or a secret change discards it; the test panel's code never runs on a saved hook's engine.
/// </summary>
public sealed class WarmEngineHookStoreTests : IAsyncLifetime, IDisposable
{
    private const string Counter = """
        var count = 0;
        module.exports = function (client, scope, audience, context, cb) {
          count++;
          cb(null, { 'https://example.com/count': count, 'https://example.com/secret': context.webtask.secrets.KEY || null });
        };
        """;

    private readonly TempDataDirectory _data = new();
    private ServiceProvider _services = null!;

    private IHookStore Store => _services.GetRequiredService<IHookStore>();

    private IHookRunner Runner => _services.GetRequiredService<IHookRunner>();

    private JintHookExecutor Executor => _services.GetRequiredService<JintHookExecutor>();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = _data.Path })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(_data.Path));
        services.AddCatalog().AddStorage(configuration).AddExecution(configuration).AddHookRunner().AddHookWarmUp().AddExecutionLog(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await _services.GetRequiredService<SqliteDatabase>().MigrateAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    public void Dispose() => _data.Dispose();

    private async Task<JsonNode> RunEnabledAsync()
    {
        var result = await Runner.RunEnabledAsync(TestTriggers.CredentialsExchange, Payload());
        Assert.NotNull(result);
        return result.AssertSuccess()!;
    }

    private static int Count(JsonNode data) => data["https://example.com/count"]!.GetValue<int>();

    private static JsonObject Payload() => new()
    {
        ["client"] = new JsonObject { ["id"] = "app", ["name"] = "App", ["tenant"] = "t", ["metadata"] = new JsonObject() },
        ["scope"] = new JsonArray(),
        ["audience"] = "https://api.example.com",
    };

    private async Task<Hook> CreateEnabledAsync(string script = Counter) =>
        await Store.CreateAsync(new NewHook("Counter", TestTriggers.CredentialsExchange, script, Enabled: true));

    [Fact]
    public async Task RunEnabledAsync_SavedHook_ReusesItsWarmEngine()
    {
        await CreateEnabledAsync();

        Assert.Equal(1, Count(await RunEnabledAsync()));
        Assert.Equal(2, Count(await RunEnabledAsync()));
    }

    [Fact]
    public async Task UpdateAsync_Save_DiscardsTheEngineAndTheNextRunStartsFresh()
    {
        var hook = await CreateEnabledAsync();
        await RunEnabledAsync();
        await RunEnabledAsync();

        await Store.UpdateAsync(hook.Id, new HookUpdate(Name: "Counter renamed"));

        Assert.Equal(0, Executor.WarmEngines.IdleCount(hook.Id));
        Assert.Equal(1, Count(await RunEnabledAsync()));
    }

    [Fact]
    public async Task UpdateSecretsAsync_SecretChange_DiscardsTheEngineAndTheNextRunSeesOnlyTheNewValue()
    {
        var hook = await CreateEnabledAsync();
        await Store.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["KEY"] = "old value" });
        Assert.Equal("old value", (await RunEnabledAsync())["https://example.com/secret"]!.GetValue<string>());
        await RunEnabledAsync();

        await Store.UpdateSecretsAsync(hook.Id, new Dictionary<string, string> { ["KEY"] = "new value" });

        Assert.Equal(0, Executor.WarmEngines.IdleCount(hook.Id));
        var next = await RunEnabledAsync();
        Assert.Equal(1, Count(next));
        Assert.Equal("new value", next["https://example.com/secret"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateAsync_Disable_DiscardsTheEngine()
    {
        var hook = await CreateEnabledAsync();
        await RunEnabledAsync();
        Assert.Equal(1, Executor.WarmEngines.IdleCount(hook.Id));

        await Store.UpdateAsync(hook.Id, new HookUpdate(Enabled: false));

        Assert.Equal(0, Executor.WarmEngines.IdleCount(hook.Id));
    }

    [Fact]
    public async Task TestAsync_SameCodeAsTheSavedHook_NeverReusesItsEngine()
    {
        var hook = await CreateEnabledAsync();
        await RunEnabledAsync();
        await RunEnabledAsync();

        var tested = await Runner.TestAsync(hook.Id, Counter, Payload());

        Assert.Equal(1, Count(tested.AssertSuccess()!));
        Assert.Equal(3, Count(await RunEnabledAsync()));
    }

    [Fact]
    public async Task RunAsync_TestInvocationCarryingTheSavedHooksScope_StillGetsAFreshEngine()
    {
        var hook = await CreateEnabledAsync();
        await RunEnabledAsync();
        var scope = HookRunner.EngineScopeOf((await Store.GetAsync(hook.Id))!, new Dictionary<string, string>());

        var tested = await Runner.RunAsync(new HookInvocation(TestTriggers.CredentialsExchange, Counter, Payload(), new Dictionary<string, string>(), InvocationSource.Test)
        {
            HookId = hook.Id,
            EngineScope = scope,
            Record = false,
        });

        Assert.Equal(1, Count(tested.AssertSuccess()!));
    }

    [Fact]
    public async Task WarmUpAsync_EnabledHook_TheFirstRuntimeInvocationFindsItsModuleEvaluated()
    {
        const string Script = """
            global.loads = (global.loads || 0) + 1;
            module.exports = function (client, scope, audience, context, cb) { cb(null, { 'https://example.com/count': global.loads }); };
            """;
        var hook = await CreateEnabledAsync(Script);
        Executor.DiscardWarmEngines(hook.Id);

        Assert.True(await Runner.WarmUpAsync(hook.Id));

        Assert.Equal(1, Executor.WarmEngines.IdleCount(hook.Id));
        Assert.Equal(1, Count(await RunEnabledAsync()));
        Assert.Equal(1, Executor.WarmEngines.IdleCount(hook.Id));
    }

    [Fact]
    public async Task CreateAndUpdateAsync_EnabledHook_IsWarmedInTheBackgroundBeforeAnyInvocation()
    {
        var warmUp = _services.GetRequiredService<HookWarmUp>();
        await warmUp.StartAsync(CancellationToken.None);
        try
        {
            const string Script = "console.log('module evaluated');\n" + Counter;
            var hook = await CreateEnabledAsync(Script);
            await WaitForIdleEngineAsync(hook.Id);

            await Store.UpdateAsync(hook.Id, new HookUpdate(Script: Script + "\n// saved again"));
            await WaitForIdleEngineAsync(hook.Id);

            // The first request runs on the engine warmed for the saved version: its module is not evaluated again
            // (a key mismatch would discard the warmed engine and log the module's line in this invocation).
            var first = await Runner.RunEnabledAsync(TestTriggers.CredentialsExchange, Payload());
            Assert.Equal(1, Count(first!.AssertSuccess()!));
            Assert.DoesNotContain(first!.Logs, l => l.Message == "module evaluated");
        }
        finally
        {
            await warmUp.StopAsync(CancellationToken.None);
        }
    }

    private async Task WaitForIdleEngineAsync(string hookId)
    {
        for (var waited = 0; Executor.WarmEngines.IdleCount(hookId) == 0; waited += 20)
        {
            Assert.True(waited < 15_000, "The hook was not warmed within 15 s");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task WarmUpAsync_DisabledHook_WarmsNothing()
    {
        var hook = await Store.CreateAsync(new NewHook("Off", TestTriggers.CredentialsExchange, Counter, Enabled: false));

        Assert.False(await Runner.WarmUpAsync(hook.Id));
        Assert.Equal(0, Executor.WarmEngines.IdleCount(hook.Id));
    }
}
