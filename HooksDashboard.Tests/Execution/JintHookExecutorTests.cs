using System.Text.Json.Nodes;
using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution;

/// <summary>The hook contract: module shapes, cb semantics, errors and how arguments arrive.</summary>
public class JintHookExecutorTests
{
    private readonly JintHookExecutor _executor = new();

    [Fact]
    public async Task ExecuteAsync_CredentialsExchangeHook_ReturnsResultPassedToCb()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (client, scope, audience, context, cb) {
              var access_token = {};
              access_token['https://example.com/claim'] = 'bar';
              access_token.scope = scope;
              cb(null, access_token);
            };
            """, JsonNode.Parse("""{"id":"abc"}"""), JsonNode.Parse("""["read:connections"]"""), "https://api", new JsonObject());

        var data = result.AssertSuccess();
        Assert.Equal("""{"https://example.com/claim":"bar","scope":["read:connections"]}""", data!.ToJsonString());
        Assert.Null(result.Error);
        Assert.True(result.DurationMs > 0);
    }

    [Theory]
    [InlineData("module.exports = function (cb) { cb(null, 1); };")]
    [InlineData("module.exports = (cb) => cb(null, 1);")]
    [InlineData("exports = function (cb) { cb(null, 1); };")]
    [InlineData("function hook(cb) { cb(null, 1); }\nmodule.exports = hook;")]
    [InlineData("module.exports = async function (cb) { cb(null, 1); };")]
    public async Task ExecuteAsync_ExportStyle_CallsExportedFunction(string script)
    {
        var result = await _executor.RunAsync(script);

        Assert.Equal(1, result.AssertSuccess()!.GetValue<int>());
    }

    [Theory]
    [InlineData("var x = 1;")]
    [InlineData("module.exports = { handler: function (cb) { cb(); } };")]
    [InlineData("exports.handler = function (cb) { cb(); };")]
    public async Task ExecuteAsync_NoFunctionExported_ReturnsContractError(string script)
    {
        var result = await _executor.RunAsync(script);

        var error = result.AssertError(ExecutionErrorKind.Contract);
        Assert.Equal("The script must export a function: module.exports = function (...) { ... }", error.Message);
    }

    [Fact]
    public async Task ExecuteAsync_CbWithUndefinedResult_SucceedsWithNullData()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { cb(); };");

        Assert.True(result.IsSuccess);
        Assert.Null(result.Data);
    }

    [Fact]
    public async Task ExecuteAsync_CbWithError_ReturnsHookErrorWithLocation()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var e = new Error('nope');
              e.code = 'E_NOPE';
              cb(e);
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Hook);
        Assert.Equal("Error", error.Name);
        Assert.Equal("nope", error.Message);
        Assert.Null(error.FriendlyMessage);
        Assert.Equal(2, error.Line);
        Assert.Equal(11, error.Column);
        Assert.Equal("""{"code":"E_NOPE"}""", error.Details!.ToJsonString());
    }

    [Theory]
    [InlineData("new PreUserRegistrationError('denied', 'Sorry!')", "PreUserRegistrationError", "denied", "Sorry!")]
    [InlineData("new PreUserRegistrationError('denied')", "PreUserRegistrationError", "denied", "denied")]
    [InlineData("new SendPhoneMessageError('sms down', 'Try later')", "SendPhoneMessageError", "sms down", "Try later")]
    [InlineData("new InvalidScopeError('bad scope')", "InvalidScopeError", "bad scope", null)]
    [InlineData("new InvalidRequestError('bad request')", "InvalidRequestError", "bad request", null)]
    [InlineData("new ServerError('boom')", "ServerError", "boom", null)]
    [InlineData("new ExtensibilityUserError('base')", "ExtensibilityUserError", "base", null)]
    public async Task ExecuteAsync_CbWithAuth0ErrorClass_ReportsNameMessageAndFriendlyMessage(string construction, string name, string message, string? friendly)
    {
        var result = await _executor.RunAsync($$"""
            module.exports = function (cb) {
              var e = {{construction}};
              if (!(e instanceof Error) || !(e instanceof ExtensibilityUserError)) throw new Error('wrong prototype chain');
              cb(e);
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Hook);
        Assert.Equal(name, error.Name);
        Assert.Equal(message, error.Message);
        Assert.Equal(friendly, error.FriendlyMessage);
        Assert.Equal(name, error.Details!["name"]!.GetValue<string>());
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public async Task ExecuteAsync_Auth0ErrorWithOwnProperties_KeepsThemInDetails()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (user, context, cb) {
              var e = new PreUserRegistrationError('Denied user registration', 'Not allowed here');
              e.statusCode = 403;
              e.meta = { country: 'XX' };
              cb(e);
            };
            """, new JsonObject(), new JsonObject());

        var details = result.AssertError(ExecutionErrorKind.Hook).Details!;
        Assert.Equal(403, details["statusCode"]!.GetValue<int>());
        Assert.Equal("XX", details["meta"]!["country"]!.GetValue<string>());
        Assert.Equal("Not allowed here", details["friendlyMessage"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_CbWithErrorMadeWithoutClass_KeepsItsNameAndProperties()
    {
        // axios' AxiosError and node-fetch's FetchError are functions whose prototype is made from Error.prototype:
        // `instanceof Error`, not native errors. cb must report them as they are, not wrap them in a new Error.
        var result = await _executor.RunAsync("""
            function FetchError(message, type, systemError) {
              Error.call(this, message);
              this.message = message;
              this.type = type;
              this.code = this.errno = systemError.code;
              Error.captureStackTrace(this, this.constructor);
            }
            FetchError.prototype = Object.create(Error.prototype);
            FetchError.prototype.constructor = FetchError;
            FetchError.prototype.name = 'FetchError';
            module.exports = function (cb) {
              cb(new FetchError('request to https://api.example.com failed', 'system', { code: 'ECONNRESET' }));
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Hook);
        Assert.Equal("FetchError", error.Name);
        Assert.Equal("request to https://api.example.com failed", error.Message);
        Assert.Equal("ECONNRESET", error.Details!["code"]!.GetValue<string>());
        Assert.Equal("system", error.Details!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_ErrorDetailsWithRequestCredentials_AreRedacted()
    {
        // What axios' errors serialize to (toJSON): the request's config with its headers. A bearer token the hook
        // obtained at runtime is no configured secret; its header must still not reach the log.
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var e = new Error('Request failed with status code 401');
              e.config = { url: 'https://api.example.com/users', headers: { Accept: 'application/json', Authorization: 'Bearer eyJhbGciOi.x.y', 'X-Api-Key': 'k-123', Cookie: 'sid=1' }, data: '{"client_secret":"s3cr3t","name":"n"}' };
              e.response = { status: 401, data: { access_token: 'at', error: 'invalid_token' } };
              e.status = 401;
              cb(e);
            };
            """);

        var details = result.AssertError(ExecutionErrorKind.Hook).Details!;
        var headers = details["config"]!["headers"]!;
        Assert.Equal("application/json", headers["Accept"]!.GetValue<string>());
        Assert.Equal("[redacted]", headers["Authorization"]!.GetValue<string>());
        Assert.Equal("[redacted]", headers["X-Api-Key"]!.GetValue<string>());
        Assert.Equal("[redacted]", headers["Cookie"]!.GetValue<string>());
        Assert.Equal("[redacted]", details["response"]!["data"]!["access_token"]!.GetValue<string>());
        Assert.Equal("invalid_token", details["response"]!["data"]!["error"]!.GetValue<string>());
        Assert.Equal(401, details["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_RejectionAfterCb_KeepsTheOutcomeAndLogsIt()
    {
        // Node would crash on the unhandled rejection; the answer was already given, so it only shows in the logs.
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              cb(null, 'answered');
              Promise.reject(new TypeError('late failure'));
              Promise.reject(42);
            };
            """);

        Assert.Equal("answered", result.AssertSuccess()!.GetValue<string>());
        Assert.Contains(result.Logs, l => l.Level == "warn" && l.Message == "After the outcome was decided: TypeError: late failure");
        Assert.Contains(result.Logs, l => l.Level == "warn" && l.Message.StartsWith("After the outcome was decided: UnhandledPromiseRejection: ", StringComparison.Ordinal)
            && l.Message.Contains("\"42\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cb('plain string')", "plain string")]
    [InlineData("cb({ message: 'from object', code: 1 })", "from object")]
    [InlineData("cb({ code: 1 })", "[object Object]")]
    [InlineData("cb(42)", "42")]
    public async Task ExecuteAsync_CbWithNonError_WrapsItAsError(string call, string message)
    {
        var result = await _executor.RunAsync($"module.exports = function (cb) {{ {call}; }};");

        var error = result.AssertError(ExecutionErrorKind.Hook);
        Assert.Equal("Error", error.Name);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task ExecuteAsync_CbCalledTwice_FirstCallWinsAndWarns()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              cb(null, { first: true });
              cb(new Error('second'));
            };
            """);

        Assert.Equal("""{"first":true}""", result.AssertSuccess()!.ToJsonString());
        var warning = Assert.Single(result.Logs);
        Assert.Equal("warn", warning.Level);
        Assert.Contains("cb was called more than once", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_SyncThrow_ReturnsExceptionWithLineAndColumn()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (user, context, cb) {
              var name = user.name;
              return name.first.toUpperCase();
            };
            """, new JsonObject(), new JsonObject());

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.Equal("TypeError", error.Name);
        Assert.Contains("first", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public async Task ExecuteAsync_ErrorWhoseMessageNamesAPlaceInTheHook_IsReportedWhereItWasCreated()
    {
        // The stack's first line is "Error: <message>" (as V8's): a place named in the message is not a frame.
        var result = await _executor.RunAsync("module.exports = function (cb) {\n\n  cb(new Error('compare with hook.js:40:2'));\n};");

        var error = result.AssertError(ExecutionErrorKind.Hook);
        Assert.Equal("compare with hook.js:40:2", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public async Task ExecuteAsync_ThrowAtModuleTopLevel_ReturnsExceptionAtThatLine()
    {
        var result = await _executor.RunAsync("var a = 1;\n\nthrow new RangeError('top level');\nmodule.exports = function (cb) { cb(); };");

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.Equal("RangeError", error.Name);
        Assert.Equal("top level", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal(7, error.Column);
    }

    [Fact]
    public async Task ExecuteAsync_ThrownErrorWhoseGettersLoop_StillReturnsAResult()
    {
        var limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 300 };

        var result = await _executor.RunAsync(limits, "module.exports = function (cb) { throw { get name() { while (true) {} }, get message() { while (true) {} } }; };");

        Assert.Equal(ExecutionStatus.Error, result.Status);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_ThrownNonError_ReportsItsStringAsMessage()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) {\n  throw 'just a string';\n};");

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.Equal("just a string", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public async Task ExecuteAsync_AsyncFunctionAwaitingPromises_Succeeds()
    {
        var result = await _executor.RunAsync("""
            module.exports = async function (user, context, cb) {
              const a = await Promise.resolve(20);
              const b = await new Promise((resolve) => setTimeout(() => resolve(22), 5));
              cb(null, { sum: a + b });
            };
            """, new JsonObject(), new JsonObject());

        Assert.Equal(42, result.AssertSuccess()!["sum"]!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_ReturnedPromiseRejects_ReturnsException()
    {
        var result = await _executor.RunAsync("""
            module.exports = async function (cb) {
              await null;
              throw new TypeError('async failure');
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.Equal("TypeError", error.Name);
        Assert.Equal("async failure", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public async Task ExecuteAsync_ExplicitlyReturnedRejectedPromise_ReturnsException()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { return Promise.reject(new Error('rejected')); };");

        Assert.Equal("rejected", result.AssertError(ExecutionErrorKind.Exception).Message);
    }

    [Fact]
    public async Task ExecuteAsync_CbCalledThenPromiseRejects_KeepsCbOutcome()
    {
        var result = await _executor.RunAsync("module.exports = async function (cb) { cb(null, 'ok'); throw new Error('late'); };");

        Assert.Equal("ok", result.AssertSuccess()!.GetValue<string>());
        Assert.Contains(result.Logs, line => line.Level == "warn" && line.Message.Contains("late", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_ReturnsWithoutCallingCbAndNothingPending_FailsImmediately()
    {
        // Waiting for the deadline would end with kind timeout (after a minute): kind exception proves it did not wait.
        var limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 60_000 };

        var result = await _executor.RunAsync(limits, "module.exports = function (user, context, cb) { var x = 1; };", new JsonObject(), new JsonObject());

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.Equal("Error", error.Name);
        Assert.Equal("The hook finished without calling cb(err, result)", error.Message);
    }

    [Fact]
    public async Task ExecuteAsync_AsyncHookAwaitingForeverWithNothingPending_FailsImmediately()
    {
        var result = await _executor.RunAsync("module.exports = async function (cb) { await new Promise(() => {}); cb(); };");

        Assert.Equal("The hook finished without calling cb(err, result)", result.AssertError(ExecutionErrorKind.Exception).Message);
    }

    [Fact]
    public async Task ExecuteAsync_NeverCallsCbWithPendingTimer_TimesOut()
    {
        var limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 200 };

        var result = await _executor.RunAsync(limits, "module.exports = function (cb) { setTimeout(function () {}, 60000); };");

        var error = result.AssertError(ExecutionErrorKind.Timeout);
        Assert.Equal("Script did not call cb within 200 ms: the hook must call cb(err, result) exactly once", error.Message);
        Assert.True(result.DurationMs >= 150, $"took {result.DurationMs} ms");
    }

    [Fact]
    public async Task ExecuteAsync_ResultWithCycle_ReturnsException()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { var a = {}; a.self = a; cb(null, a); };");

        Assert.Equal("TypeError", result.AssertError(ExecutionErrorKind.Exception).Name);
    }

    [Fact]
    public async Task ExecuteAsync_ResultNestedTooDeep_ReturnsLimitError()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { var o = {}; for (var i = 0; i < 100; i++) o = { o: o }; cb(null, o); };");

        Assert.Contains("result passed to cb", result.AssertError(ExecutionErrorKind.Limit).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ResultNestedBeyondStack_ReturnsLimitError()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { var o = {}; for (var i = 0; i < 100000; i++) o = { o: o }; cb(null, o); };");

        result.AssertError(ExecutionErrorKind.Limit);
    }

    [Fact]
    public async Task ExecuteAsync_ResultWithUndefinedAndFunctions_UsesJsonStringifySemantics()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { cb(null, { a: undefined, f: function () {}, d: new Date(0), n: NaN, list: [undefined] }); };");

        Assert.Equal("""{"d":"1970-01-01T00:00:00.000Z","n":null,"list":[null]}""", result.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_Arguments_ArriveAsPlainJsValues()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (client, scope, audience, context, cb) {
              cb(null, {
                plainObject: Object.getPrototypeOf(client) === Object.prototype,
                isArray: Array.isArray(scope),
                arrayProto: Object.getPrototypeOf(scope) === Array.prototype,
                audience: typeof audience,
                nested: typeof client.metadata.plan,
                json: JSON.stringify(client),
                nullArg: context === null,
                writable: (function () { client.extra = 1; return client.extra === 1; })(),
              });
            };
            """, JsonNode.Parse("""{"id":"x","metadata":{"plan":"full"}}"""), JsonNode.Parse("""["a","b"]"""), "https://api", null);

        var data = result.AssertSuccess()!;
        Assert.True(data["plainObject"]!.GetValue<bool>());
        Assert.True(data["isArray"]!.GetValue<bool>());
        Assert.True(data["arrayProto"]!.GetValue<bool>());
        Assert.Equal("string", data["audience"]!.GetValue<string>());
        Assert.Equal("string", data["nested"]!.GetValue<string>());
        Assert.Equal("""{"id":"x","metadata":{"plan":"full"}}""", data["json"]!.GetValue<string>());
        Assert.True(data["nullArg"]!.GetValue<bool>());
        Assert.True(data["writable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ExecuteAsync_Arguments_MatchJsonParseOfTheirText()
    {
        // Integer-like keys first, __proto__ as an own property, numbers of every shape, escapes, nulls in arrays.
        const string text = """{"b":1,"2":"two","1":[null,true,false,-0,1e300,0.1,-5],"__proto__":{"polluted":true},"s":"\u00e9\n\"q\"","e":{},"a":[]}""";
        var result = await _executor.RunAsync("""
            module.exports = function (value, text, cb) {
              var parsed = JSON.parse(text);
              cb(null, {
                same: JSON.stringify(value) === JSON.stringify(parsed),
                keys: Object.keys(value).join(','),
                ownProto: Object.prototype.hasOwnProperty.call(value, '__proto__'),
                notPolluted: ({}).polluted === undefined && Object.getPrototypeOf(value) === Object.prototype,
                negativeZero: Object.is(value['1'][3], -0),
              });
            };
            """, JsonNode.Parse(text), text);

        var data = result.AssertSuccess()!;
        Assert.True(data["same"]!.GetValue<bool>());
        Assert.Equal("1,2,b,__proto__,s,e,a", data["keys"]!.GetValue<string>());
        Assert.True(data["ownProto"]!.GetValue<bool>());
        Assert.True(data["notPolluted"]!.GetValue<bool>());
        Assert.True(data["negativeZero"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ExecuteAsync_ArgumentsBuiltByTheHost_ArriveWithTheirValues()
    {
        // Values the runner builds from CLR types (not parsed text) convert like their JSON text.
        var built = new JsonObject
        {
            ["long"] = 9007199254740993L,
            ["decimal"] = 1.5m,
            ["int"] = 42,
            ["text"] = "x",
            ["flag"] = true,
            ["none"] = null,
            ["date"] = JsonValue.Create(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)),
            ["guid"] = JsonValue.Create(Guid.Empty),
            ["char"] = JsonValue.Create('c'),
        };

        var result = await _executor.RunAsync("module.exports = function (value, cb) { cb(null, value); };", built);

        var data = result.AssertSuccess()!;
        Assert.Equal(9007199254740992d, data["long"]!.GetValue<double>());
        Assert.Equal(1.5d, data["decimal"]!.GetValue<double>());
        Assert.Equal(42, data["int"]!.GetValue<int>());
        Assert.Equal("x", data["text"]!.GetValue<string>());
        Assert.True(data["flag"]!.GetValue<bool>());
        Assert.Null(data["none"]);
        Assert.Equal("2026-11-26T12:00:00+00:00", data["date"]!.GetValue<string>());
        Assert.Equal("00000000-0000-0000-0000-000000000000", data["guid"]!.GetValue<string>());
        Assert.Equal("c", data["char"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_ArgumentAtTheDepthLimit_IsPassed()
    {
        // The argument list is the first level, so an argument may nest 63 levels.
        var deepest = JsonNode.Parse(new string('[', 63) + new string(']', 63), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 200 });

        var result = await _executor.RunAsync("module.exports = function (a, cb) { var d = 0; while (Array.isArray(a)) { d++; a = a[0]; } cb(null, d); };", deepest);

        Assert.Equal(63, result.AssertSuccess()!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_ArgumentNestedTooDeep_ReturnsContractError()
    {
        var deep = JsonNode.Parse(new string('[', 100) + new string(']', 100), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 200 });

        var result = await _executor.RunAsync("module.exports = function (a, cb) { cb(); };", deep);

        Assert.StartsWith("The arguments could not be passed to the script", result.AssertError(ExecutionErrorKind.Contract).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_NoClrAccess_HostGlobalsAreAbsent()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              cb(null, [typeof System, typeof importNamespace, typeof clrHelper, typeof host, typeof ShadowRealm, typeof SharedArrayBuffer].join(','));
            };
            """);

        Assert.Equal("undefined,undefined,undefined,undefined,undefined,undefined", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_GlobalsOfNodeAndAuth0_ArePresent()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              cb(null, [typeof console.log, typeof setTimeout, typeof clearTimeout, typeof setImmediate, typeof clearImmediate,
                typeof require, typeof module, typeof exports, global === globalThis].join(','));
            };
            """);

        Assert.Equal("function,function,function,function,function,function,object,object,true", result.AssertSuccess()!.GetValue<string>());
    }

    [Theory]
    [InlineData("globalThis['con' + 'sole'].log('via globalThis')")]
    [InlineData("global['con' + 'sole'].log('via global')")]
    public async Task ExecuteAsync_GlobalsReachedThroughGlobalObject_ArePresent(string call)
    {
        var result = await _executor.RunAsync($"module.exports = function (cb) {{ {call}; cb(); }};");

        result.AssertSuccess();
        Assert.StartsWith("via ", Assert.Single(result.Logs).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("require('request@2.56.0')", "Cannot find module 'request@2.56.0': the hook's dependencies do not include 'request'")]
    [InlineData("require('auth0')", "Cannot find module 'auth0'")]
    public async Task ExecuteAsync_RequireOfUndeclaredPackage_ThrowsNodesModuleNotFound(string call, string message)
    {
        var result = await _executor.RunAsync($"module.exports = function (cb) {{\n  var m = {call};\n  cb();\n}};");

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.Equal("Error", error.Name);
        Assert.Equal($"{message}\nRequire stack:\n- hook.js", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public async Task ExecuteAsync_RequireCaughtByScript_ScriptCanRecover()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { try { require('x'); } catch (e) { return cb(null, e.message); } };");

        Assert.StartsWith("Cannot find module 'x'", result.AssertSuccess()!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_DynamicImportOfRefusedBuiltin_RejectsWithRequiresError()
    {
        var result = await _executor.RunAsync("""
            module.exports = async function (cb) {
              var viaRequire;
              try { require('fs'); } catch (e) { viaRequire = e.message; }
              try { await import('fs'); cb(null, 'imported'); }
              catch (e) { cb(null, e.message === viaRequire ? 'same refusal' : e.message); }
            };
            """);

        Assert.Equal("same refusal", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_DynamicImportNotCaught_IsScriptErrorNamingTheModule()
    {
        var result = await _executor.RunAsync("module.exports = async function (cb) { var c = await import('node:crypto'); await import('not-a-package'); cb(); };");

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.Equal("Error", error.Name);
        Assert.Equal("Cannot find package 'not-a-package' imported from hook.js", error.Message);
    }

    [Theory]
    [InlineData("eval('1 + 1')", "2")]
    [InlineData("(function () { var local = 1; return (0, eval)('typeof local'); })()", "undefined")] // indirect eval: global scope
    [InlineData("(function () { var local = 5; return eval('local * 2'); })()", "10")]
    [InlineData("new Function('a', 'b', 'return a + b')(2, 3)", "5")]
    [InlineData("Function('return typeof this')()", "object")]
    [InlineData("(function () {}).constructor('return 7')()", "7")]
    [InlineData("(function* () {}).constructor('yield 8')().next().value", "8")]
    public async Task ExecuteAsync_StringCompilation_RunsAsInNode(string code, string expected)
    {
        // Expected values are what `node -e "console.log(String(<code>))"` prints (Node 20).
        var result = await _executor.RunAsync($"module.exports = function (cb) {{ cb(null, String({code})); }};");

        Assert.Equal(expected, result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_AsyncFunctionConstructor_ResolvesAsInNode()
    {
        var result = await _executor.RunAsync("""
            module.exports = async function (cb) {
              var AsyncFunction = (async function () {}).constructor;
              cb(null, await new AsyncFunction('x', 'return await Promise.resolve(x + 1)')(41));
            };
            """);

        Assert.Equal(42, result.AssertSuccess()!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_CompiledSyntaxError_IsCatchableSyntaxError()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              try { new Function('return ]'); cb(null, 'compiled'); }
              catch (e) { cb(null, [e instanceof SyntaxError, e.name]); }
            };
            """);

        Assert.Equal("""[true,"SyntaxError"]""", result.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_SyntaxError_ReportsLineAndColumn()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) {\n  var a = 1;\n  var b = );\n};");

        var error = result.AssertError(ExecutionErrorKind.Syntax);
        Assert.Equal("SyntaxError", error.Name);
        Assert.Equal(3, error.Line);
        Assert.Equal(11, error.Column);
        Assert.Contains("Unexpected token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_StateLeftByPreviousRun_IsNotVisible()
    {
        const string polluter = """
            Object.prototype.polluted = 'yes';
            Array.prototype.push = function () { return -1; };
            String.prototype.toUpperCase = function () { return 'hacked'; };
            globalThis.leaked = 42;
            var topLevelVar = 'still here';
            JSON.stringify = function () { return '"hijacked"'; };
            module.exports = function (cb) { cb(null, 'polluted'); };
            """;
        const string observer = """
            module.exports = function (cb) {
              var list = [];
              list.push(1);
              cb(null, [({}).polluted, list.length, 'a'.toUpperCase(), typeof leaked, typeof topLevelVar].join(','));
            };
            """;

        (await _executor.RunAsync(polluter)).AssertSuccess();
        var result = await _executor.RunAsync(observer);

        Assert.Equal(",1,A,undefined,undefined", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_SameScriptTwice_RunsFreshEachTime()
    {
        const string counter = "var count = (globalThis.count || 0) + 1; globalThis.count = count; module.exports = function (cb) { cb(null, count); };";

        var first = await _executor.RunAsync(counter);
        var second = await _executor.RunAsync(counter);

        Assert.Equal(1, first.AssertSuccess()!.GetValue<int>());
        Assert.Equal(1, second.AssertSuccess()!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_ScriptChanged_RunsNewContent()
    {
        var before = await _executor.RunAsync("module.exports = function (cb) { cb(null, 'v1'); };");
        var after = await _executor.RunAsync("module.exports = function (cb) { cb(null, 'v2'); };");
        var again = await _executor.RunAsync("module.exports = function (cb) { cb(null, 'v1'); };");

        Assert.Equal("v1", before.AssertSuccess()!.GetValue<string>());
        Assert.Equal("v2", after.AssertSuccess()!.GetValue<string>());
        Assert.Equal("v1", again.AssertSuccess()!.GetValue<string>());
        Assert.Equal(2, _executor.Scripts.Count);
    }

    [Fact]
    public async Task ExecuteAsync_ManyConcurrentRuns_KeepTheirOwnState()
    {
        const string script = """
            var seen = (globalThis.seen || 0) + 1;
            globalThis.seen = seen;
            module.exports = function (input, cb) {
              console.log('run %d', input.n);
              setTimeout(function () { cb(null, { n: input.n, seen: seen, echo: input.text }); }, input.n % 5);
            };
            """;

        var runs = Enumerable.Range(0, 40).Select(n => Task.Run(() => _executor.RunAsync(script, new JsonObject { ["n"] = n, ["text"] = new string('x', n) })));
        var results = await Task.WhenAll(runs);

        for (var n = 0; n < results.Length; n++)
        {
            var data = results[n].AssertSuccess()!;
            Assert.Equal(n, data["n"]!.GetValue<int>());
            Assert.Equal(1, data["seen"]!.GetValue<int>());
            Assert.Equal(new string('x', n), data["echo"]!.GetValue<string>());
            Assert.Equal($"run {n}", Assert.Single(results[n].Logs).Message);
        }
    }

    [Fact]
    public async Task ExecuteAsync_CancelledWhileWaitingForTimer_ReturnsCancelledTimeout()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var result = await _executor.ExecuteAsync(
            new ExecutionRequest("module.exports = function (cb) { setTimeout(cb, 5000); };", [], ExecutorTestExtensions.TestLimits),
            cancellation.Token);

        Assert.Equal("Execution was cancelled", result.AssertError(ExecutionErrorKind.Timeout).Message);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledWhileScriptLoops_ReturnsCancelledTimeout()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var result = await _executor.ExecuteAsync(
            new ExecutionRequest("module.exports = function (cb) { while (true) {} };", [], ExecutorTestExtensions.TestLimits),
            cancellation.Token);

        Assert.Equal("Execution was cancelled", result.AssertError(ExecutionErrorKind.Timeout).Message);
    }

    [Fact]
    public async Task ExecuteAsync_AlreadyCancelled_ReturnsCancelledTimeout()
    {
        var result = await _executor.ExecuteAsync(
            new ExecutionRequest("module.exports = function (cb) { cb(); };", [], ExecutorTestExtensions.TestLimits),
            new CancellationToken(canceled: true));

        Assert.Equal("Execution was cancelled", result.AssertError(ExecutionErrorKind.Timeout).Message);
    }

    [Fact]
    public async Task ExecuteAsync_InvalidLimits_ReturnsContractError()
    {
        var result = await _executor.RunAsync(new ExecutionLimits { TimeoutMs = 0 }, "module.exports = function (cb) { cb(); };");

        Assert.Contains("TimeoutMs", result.AssertError(ExecutionErrorKind.Contract).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(30_000)]
    public async Task ExecuteAsync_NestingTooDeepToParse_ReturnsSyntaxError(int depth)
    {
        var script = "module.exports = function (cb) { cb(null, " + new string('[', depth) + new string(']', depth) + "); };";

        var result = await _executor.RunAsync(script);

        result.AssertError(ExecutionErrorKind.Syntax);
        Assert.Single(_executor.CheckSyntax(script));
    }

    [Fact]
    public void CheckSyntax_ValidScript_ReturnsNoDiagnostics()
    {
        Assert.Empty(_executor.CheckSyntax("module.exports = async function (user, context, cb) { cb(null, { user }); };"));
    }

    [Fact]
    public void CheckSyntax_InvalidScript_ReturnsDiagnosticAtErrorPosition()
    {
        var diagnostic = Assert.Single(_executor.CheckSyntax("// header\nmodule.exports = function (cb) {\n  cb(null, {a: 1,,});\n};"));

        Assert.Equal(3, diagnostic.Line);
        Assert.Equal(18, diagnostic.Column);
        Assert.False(string.IsNullOrEmpty(diagnostic.Message));
    }
}
