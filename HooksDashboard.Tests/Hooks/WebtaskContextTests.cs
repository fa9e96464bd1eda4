using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Tests.Execution;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Hooks;

/// <summary><c>context.webtask</c> as webtask documented it: storage (durable, versioned, 500 KB), meta, headers, query, body, data.</summary>
public sealed class WebtaskContextTests : IAsyncLifetime
{
    private StorageFixture _storage = null!;

    public async Task InitializeAsync() => _storage = await StorageFixture.CreateAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private async Task<Hook> CreateHookAsync(string script, IReadOnlyDictionary<string, string>? secrets = null)
    {
        var hook = await _storage.Hooks.CreateAsync(new NewHook("Storage hook " + Guid.NewGuid().ToString("N")[..8], PostChangePasswordPoint.TriggerId, script));
        if (secrets is not null)
            await _storage.Hooks.AddSecretsAsync(hook.Id, secrets);
        return hook;
    }

    private static Task<ExecutionResult> RunAsync(IHookRunner runner, Hook hook, IReadOnlyDictionary<string, string>? secrets = null) =>
        runner.RunAsync(new HookInvocation(hook.TriggerId, hook.Script, null, secrets ?? new Dictionary<string, string>(), InvocationSource.Test)
        {
            HookId = hook.Id,
            HookName = hook.Name,
            Record = false,
        });

    [Fact]
    public async Task RunAsync_Webtask_HasWebtasksContextPropertiesAndDashedSecretNames()
    {
        const string Script = """
            module.exports = function (user, context, cb) {
              var w = context.webtask;
              cb(null, { keys: Object.keys(w).sort(), meta: w.meta, headers: w.headers, query: w.query, body: w.body, data: w.data,
                apiKey: w.secrets['api-key'], storage: [typeof w.storage.get, typeof w.storage.set] });
            };
            """;
        var secrets = new Dictionary<string, string> { ["api-key"] = "k-123" };
        var hook = await CreateHookAsync(Script, secrets);

        var result = await RunAsync(_storage.Runner, hook, await _storage.Hooks.GetSecretValuesAsync(hook.Id));

        var data = result.AssertSuccess()!;
        Assert.Equal("""["body","data","headers","meta","query","secrets","storage"]""", data["keys"]!.ToJsonString());
        // The meta keys Auth0 gave a hook's webtask (auth0/auth0-ext-compilers README, "What is Auth0 extension").
        Assert.Equal("""{"wt-compiler":"auth0-ext-compilers/post-change-password","auth0-extension":"runtime","auth0-extension-name":"post-change-password"}""", data["meta"]!.ToJsonString());
        Assert.Equal("{}", data["headers"]!.ToJsonString());
        Assert.Equal("{}", data["query"]!.ToJsonString());
        Assert.Equal("{}", data["body"]!.ToJsonString());
        Assert.Equal("""{"api-key":"k-123"}""", data["data"]!.ToJsonString());
        Assert.Equal("k-123", (string?)data["apiKey"]);
        Assert.Equal("""["function","function"]""", data["storage"]!.ToJsonString());
    }

    [Fact]
    public async Task Storage_SetInOneInvocation_IsWhatTheNextGetsAndSurvivesARestart()
    {
        const string Script = """
            module.exports = function (user, context, cb) {
              context.webtask.storage.get(function (error, data) {
                if (error) return cb(error);
                var seen = data === null ? null : data.counter;
                context.webtask.storage.set({ counter: (seen || 0) + 1 }, function (error) { cb(error, { seen: seen }); });
              });
            };
            """;
        var hook = await CreateHookAsync(Script);

        Assert.Equal("""{"seen":null}""", (await RunAsync(_storage.Runner, hook)).AssertSuccess()!.ToJsonString());
        Assert.Equal("""{"seen":1}""", (await RunAsync(_storage.Runner, hook)).AssertSuccess()!.ToJsonString());

        await using var restarted = await StorageFixture.CreateAsync(_storage.DataDirectory);
        Assert.Equal("""{"seen":2}""", (await RunAsync(restarted.Runner, hook)).AssertSuccess()!.ToJsonString());
        Assert.Equal("""{"counter":3}""", (await restarted.Services.GetRequiredService<SqliteHookStorage>().ReadAsync(hook.Id)).Json);
    }

    [Fact]
    public async Task Storage_AnotherInvocationWroteAfterTheGet_SetFailsWithConflictUnlessForced()
    {
        var hook = await CreateHookAsync(StorageFixture.Script);
        var storage = _storage.Services.GetRequiredService<SqliteHookStorage>();
        await storage.WriteAsync(hook.Id, """{"by":"first"}""", null, force: true);
        // Another invocation writes between this one's get and its set.
        var racing = new RacingStorage(storage.For(hook.Id), other => other.Write("""{"by":"other"}""", null, force: true));
        const string Script = """
            module.exports = function (user, context, cb) {
              var s = context.webtask.storage, out = {};
              s.get(function (error, data) {
                out.read = data.by;
                s.set({ by: 'me' }, function (error) {
                  out.conflict = { message: error.message, code: error.code, current: error.conflict.by, isError: error instanceof Error };
                  s.set({ by: 'me, forced' }, { force: 1 }, function (error) {
                    out.forced = error || 'ok';
                    cb(null, out);
                  });
                });
              });
            };
            """;

        var result = await new JintHookExecutor().ExecuteAsync(new ExecutionRequest(Script, [new JsonObject(), new JsonObject { ["webtask"] = new JsonObject() }], ExecutorTestExtensions.TestLimits)
        {
            Webtask = new WebtaskBinding(1, racing),
        });

        Assert.Equal("""{"read":"first","conflict":{"message":"Item was modified since it was read.","code":409,"current":"other","isError":true},"forced":"ok"}""", result.AssertSuccess()!.ToJsonString());
        Assert.Equal("""{"by":"me, forced"}""", (await storage.ReadAsync(hook.Id)).Json);
    }

    [Fact]
    public async Task Storage_ConflictThenSetAgain_ReplacesWhatTheConflictShowed()
    {
        var hook = await CreateHookAsync(StorageFixture.Script);
        var storage = _storage.Services.GetRequiredService<SqliteHookStorage>();
        var racing = new RacingStorage(storage.For(hook.Id), other => other.Write("""{"n":10}""", null, force: true));
        const string Script = """
            module.exports = function (user, context, cb) {
              var s = context.webtask.storage;
              s.get(function (error, data) {
                s.set({ n: 1 }, function retry(error) {
                  if (error && error.code === 409) return s.set({ n: error.conflict.n + 1 }, retry);
                  cb(error);
                });
              });
            };
            """;

        var result = await new JintHookExecutor().ExecuteAsync(new ExecutionRequest(Script, [new JsonObject(), new JsonObject { ["webtask"] = new JsonObject() }], ExecutorTestExtensions.TestLimits)
        {
            Webtask = new WebtaskBinding(1, racing),
        });

        result.AssertSuccess();
        Assert.Equal("""{"n":11}""", (await storage.ReadAsync(hook.Id)).Json);
    }

    [Fact]
    public async Task Storage_DataOver500KB_IsRefusedAndNothingIsStored()
    {
        const string Script = """
            module.exports = function (user, context, cb) {
              context.webtask.storage.set({ big: 'x'.repeat(500 * 1024) }, { force: 1 }, function (error) {
                cb(null, { code: error && error.code, message: error && error.message });
              });
            };
            """;
        var hook = await CreateHookAsync(Script);

        var data = (await RunAsync(_storage.Runner, hook)).AssertSuccess()!;

        Assert.Equal(400, (int)data["code"]!);
        Assert.Contains("at most 512000 bytes (500 KB)", (string)data["message"]!, StringComparison.Ordinal);
        Assert.Null((await _storage.Services.GetRequiredService<SqliteHookStorage>().ReadAsync(hook.Id)).Json);
    }

    /// <summary>
    /// What a hook sees of the storage API's argument handling, compared with auth0/webtask-runtime's lib/storage.js
    /// (Auth0's runtime for running webtasks locally): a <c>set</c> without a <c>get</c> before it and without
    /// <c>force</c> throws "When calling storage.set without having called storage.get before, you must specify the
    /// .force option."; a callback that is not a function throws "Callback must be a function."; options that are not
    /// an object throw "Options must be an object."; <c>get(options, cb)</c> is accepted; <c>set(data)</c> needs no
    /// callback; <c>set(null)</c> empties the storage.
    /// </summary>
    [Fact]
    public async Task Storage_ArgumentHandling_MatchesWebtaskRuntime()
    {
        const string Script = """
            module.exports = function (user, context, cb) {
              var s = context.webtask.storage, out = {};
              function attempt(name, f) { try { f(); out[name] = 'no error'; } catch (e) { out[name] = e.constructor.name + ': ' + e.message; } }
              attempt('setWithoutGet', function () { s.set({ a: 1 }, function () {}); });
              attempt('getNoFunction', function () { s.get(42); });
              attempt('getBadOptions', function () { s.get('x', function () {}); });
              attempt('setBadCallback', function () { s.set({ a: 1 }, { force: 1 }, 'cb'); });
              attempt('setBadOptions', function () { s.set({ a: 1 }, 'x', function () {}); });
              attempt('forceWithoutCallback', function () { s.set({ a: 1 }, { force: 1 }); });
              s.get({}, function (error, data) {
                s.set({ a: 'without callback' });
                s.get(function (error, data) {
                  out.afterSet = data;
                  s.set(null, function (error) {
                    s.get(function (error, data) { out.afterNull = data; cb(null, out); });
                  });
                });
              });
            };
            """;
        var hook = await CreateHookAsync(Script);

        var data = (await RunAsync(_storage.Runner, hook)).AssertSuccess()!;

        Assert.Equal("Error: " + "When calling storage.set without having called storage.get before, you must specify the .force option.", (string)data["setWithoutGet"]!);
        Assert.Equal("Error: Callback must be a function.", (string)data["getNoFunction"]!);
        Assert.Equal("Error: Options must be an object.", (string)data["getBadOptions"]!);
        Assert.Equal("Error: Callback must be a function.", (string)data["setBadCallback"]!);
        Assert.Equal("Error: Options must be an object.", (string)data["setBadOptions"]!);
        // webtask-runtime takes set(data, options) without a callback as a callback that is not a function.
        Assert.Equal("Error: Callback must be a function.", (string)data["forceWithoutCallback"]!);
        Assert.Equal("""{"a":"without callback"}""", data["afterSet"]!.ToJsonString());
        Assert.Null(data["afterNull"]);
    }

    [Fact]
    public void WebtaskMeta_HookWithDependencies_CarriesThemAsWtNodeDependencies()
    {
        var meta = HookRunner.WebtaskMeta(PostChangePasswordPoint.TriggerId, new Dictionary<string, string> { ["uuid"] = "11.1.0", ["lodash"] = "4.17.21" });

        // wt-cli stored a webtask's modules in meta as a JSON string (wt-node-dependencies).
        Assert.Equal("""{"lodash":"4.17.21","uuid":"11.1.0"}""", (string)meta["wt-node-dependencies"]!);
        Assert.Null(HookRunner.WebtaskMeta(PostChangePasswordPoint.TriggerId, new Dictionary<string, string>())["wt-node-dependencies"]);
    }

    [Fact]
    public async Task Storage_DeletedHook_TakesItsDocumentAlong()
    {
        var hook = await CreateHookAsync(StorageFixture.Script);
        var storage = _storage.Services.GetRequiredService<SqliteHookStorage>();
        await storage.WriteAsync(hook.Id, "[1]", null, force: false);

        await _storage.Hooks.DeleteAsync(hook.Id);

        Assert.Equal(new WebtaskDocument(null, 0), await storage.ReadAsync(hook.Id));
    }

    /// <summary>Lets "another invocation" write right after this one read.</summary>
    private sealed class RacingStorage(IWebtaskStorage inner, Action<IWebtaskStorage> afterFirstRead) : IWebtaskStorage
    {
        private bool _raced;

        public WebtaskDocument Read()
        {
            var document = inner.Read();
            if (!_raced)
            {
                _raced = true;
                afterFirstRead(inner);
            }

            return document;
        }

        public WebtaskWrite Write(string json, long? expectedVersion, bool force) => inner.Write(json, expectedVersion, force);
    }
}
