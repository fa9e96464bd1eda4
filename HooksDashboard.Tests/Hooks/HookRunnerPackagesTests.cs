using System.Text.Json.Nodes;
using HooksDashboard.Catalog;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HooksDashboard.Tests.Hooks;

/// <summary>How the runner hands a hook's installed packages to the executor: read from the cache at runtime, never installed.</summary>
public sealed class HookRunnerPackagesTests : IAsyncLifetime, IDisposable
{
    private const string Script = "module.exports = function (client, scope, audience, context, cb) { cb(null, {}); };";

    private readonly TempDataDirectory _data = new();
    private readonly CapturingExecutor _executor = new();
    private LoopbackNpmRegistry _registry = null!;
    private ServiceProvider _services = null!;

    private IHookStore Store => _services.GetRequiredService<IHookStore>();

    private IHookRunner Runner => _services.GetRequiredService<IHookRunner>();

    public async Task InitializeAsync()
    {
        _registry = await LoopbackNpmRegistry.StartAsync();
        _registry.Publish("greeting", "1.0.0", dependencies: new Dictionary<string, string> { ["words"] = "^1.0.0" });
        _registry.Publish("words", "1.4.0");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = _data.Path, ["Packages:RegistryUrl"] = _registry.Url })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(_data.Path));
        services.AddCatalog().AddStorage(configuration).AddExecution(configuration).AddHookRunner().AddHookPackages(configuration).AddExecutionLog(configuration);
        services.Replace(ServiceDescriptor.Singleton<IHookExecutor>(_executor));
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<SqliteDatabase>().MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _registry.DisposeAsync();
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task RunEnabledAsync_SavedDependencies_PassesTheInstalledGraphWithoutTheRegistry()
    {
        await Store.CreateAsync(new NewHook("With packages", TestTriggers.CredentialsExchange, Script, Enabled: true,
            Dependencies: new Dictionary<string, string> { ["greeting"] = "1.0.0" }));
        await _registry.DisposeAsync();

        var result = await Runner.RunEnabledAsync(TestTriggers.CredentialsExchange, Payload());

        Assert.True(result!.IsSuccess, result.Error?.Message);
        var packages = Assert.Single(_executor.Requests).Packages;
        Assert.NotNull(packages);
        Assert.Equal("1.4.0", packages.Roots["greeting"].Dependencies["words"].Version);
    }

    [Fact]
    public async Task RunEnabledAsync_PackagesMissingFromTheCache_FailsSayingToSaveAgainAndNeverInstalls()
    {
        await Store.CreateAsync(new NewHook("Lost packages", TestTriggers.CredentialsExchange, Script, Enabled: true,
            Dependencies: new Dictionary<string, string> { ["greeting"] = "1.0.0" }));
        Directory.Delete(Path.Combine(_data.Path, "packages"), recursive: true);
        var requestsBefore = _registry.Requests.Count;

        var result = await Runner.RunEnabledAsync(TestTriggers.CredentialsExchange, Payload());

        Assert.False(result!.IsSuccess);
        Assert.Equal(HookRunner.PackageErrorName, result.Error!.Name);
        Assert.Equal("The hook's npm dependencies (greeting@1.0.0) are not installed on this server (missing from the package cache): save the hook again to install them.", result.Error.Message);
        Assert.Empty(_executor.Requests);
        Assert.Equal(requestsBefore, _registry.Requests.Count);
    }

    [Fact]
    public async Task TestAsync_UnsavedScriptRequiresAPackage_InstallsItForTheRunWithoutSavingIt()
    {
        var hook = await Store.CreateAsync(new NewHook("Test panel", TestTriggers.CredentialsExchange, Script));

        var result = await Runner.TestAsync(hook.Id, "const w = require('words');\n" + Script, Payload());

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("1.4.0", Assert.Single(_executor.Requests).Packages!.Roots["words"].Version);
        Assert.Empty((await Store.GetAsync(hook.Id))!.Dependencies);
    }

    [Fact]
    public async Task CreateAsync_RegistryUnreachable_RefusedAsAValidationErrorOnDependencies()
    {
        await _registry.DisposeAsync();

        var error = await Assert.ThrowsAsync<HookValidationException>(() => Store.CreateAsync(new NewHook("Offline", TestTriggers.CredentialsExchange,
            "const g = require('greeting');\n" + Script)));

        Assert.Equal("dependencies", error.Field);
        Assert.StartsWith($"Dependencies could not be installed: The npm registry ({_registry.Url}) could not be reached", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.ListAsync());
    }

    private static JsonObject Payload() => (JsonObject)new HookCatalog().Find(TestTriggers.CredentialsExchange)!.ParseSamplePayload()!;

    private sealed class CapturingExecutor : IHookExecutor
    {
        public List<ExecutionRequest> Requests { get; } = [];

        public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
        {
            lock (Requests)
                Requests.Add(request);
            return Task.FromResult(new ExecutionResult { Status = ExecutionStatus.Success, Data = new JsonObject() });
        }

        public IReadOnlyList<ScriptDiagnostic> CheckSyntax(string script) => [];
    }
}
