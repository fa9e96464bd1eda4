using HooksDashboard.Execution;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Modules;

/// <summary>
/// The loader's own rules, where HooksDashboard deliberately differs from Node or Node has nothing to compare with:
/// a package never reaches files outside its folder, native add-ons and ES modules are refused with the reason,
/// webtask's <c>require('name@version')</c>, syntax errors, limits during module evaluation, the process-wide file
/// cache, virtual paths only, and per-invocation module state.
/// </summary>
public sealed class ModuleLoaderTests : IDisposable
{
    private static readonly PackageGraph Fixtures = NodeModulesGraph.FromFolder(Path.Combine(ModuleLoaderCompatibilityTests.FixturesFolder, "node_modules"));

    private readonly JintHookExecutor _executor = new();
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("hooks-modules-");

    public void Dispose() => _temp.Delete(recursive: true);

    private Task<ExecutionResult> RunAsync(string body, PackageGraph? packages = null) =>
        _executor.RunAsync(packages ?? Fixtures, $"module.exports = function (cb) {{\n{body}\n}};");

    private static string Caught(string expression) =>
        $"try {{ var v = {expression}; cb(null, 'loaded: ' + (typeof v === 'string' ? v : typeof v)); }} catch (e) {{ cb(null, e.code + ' | ' + e.message); }}";

    [Theory]
    [InlineData("relative", "Cannot find module '../cjs-basics'")]
    [InlineData("absolute", "Cannot find module '/hook/node_modules/cjs-basics/index.js'")]
    [InlineData("deep", "Cannot find module './../../../../etc/passwd'")]
    public async Task ExecuteAsync_PathOutsideThePackage_IsModuleNotFound(string attempt, string message)
    {
        var result = await RunAsync(Caught($"require('escape').{attempt}()"));

        Assert.Equal($"MODULE_NOT_FOUND | {message}\nRequire stack:\n- /hook/node_modules/escape/index.js\n- hook.js", result.AssertSuccess()!.GetValue<string>());
    }

    [Theory]
    [InlineData("./linked-folder/secret")]
    [InlineData("./linked-file")]
    public async Task ExecuteAsync_SymbolicLinkInsideThePackage_IsNeverFollowed(string request)
    {
        var outside = Directory.CreateDirectory(Path.Combine(_temp.FullName, "outside"));
        await File.WriteAllTextAsync(Path.Combine(outside.FullName, "secret.js"), "module.exports = 'outside the package';");
        var packages = Package("links", $"module.exports = function () {{ return require('{request}'); }};");
        var folder = Path.Combine(_temp.FullName, "node_modules", "links");
        Directory.CreateSymbolicLink(Path.Combine(folder, "linked-folder"), outside.FullName);
        File.CreateSymbolicLink(Path.Combine(folder, "linked-file.js"), Path.Combine(outside.FullName, "secret.js"));

        var result = await RunAsync(Caught("require('links')()"), packages);

        Assert.StartsWith($"MODULE_NOT_FOUND | Cannot find module '{request}'", result.AssertSuccess()!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_AbsolutePathInsideOwnPackage_Loads()
    {
        var result = await RunAsync(Caught("require('escape').own()"));

        Assert.Equal("loaded: own file by absolute path", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_HookRequiresPathIntoItsNodeModules_LoadsThePackageFileAsNodeDoes()
    {
        // Auth0 samples write require('./node_modules/axios'): the hook's packages are under /hook/node_modules, and a
        // path names the package's file or folder ("main", not "exports", as for any path in Node).
        var result = await RunAsync("""
            cb(null, [
              require('./node_modules/cjs-basics') === require('cjs-basics'),
              require('/hook/node_modules/cjs-basics/index.js') === require('cjs-basics'),
              require('./node_modules/../node_modules/cjs-basics/') === require('cjs-basics'),
              require('./node_modules/exports-map') === require('exports-map'),
              require('./node_modules/exports-map/legacy') === require('./node_modules/exports-map'),
            ]);
            """);

        Assert.Equal("[true,true,true,false,true]", result.AssertSuccess()!.ToJsonString());
    }

    [Theory]
    [InlineData("./node_modules/not-installed")]
    [InlineData("./node_modules/cjs-basics/no-such-file")]
    [InlineData("./node_modules/../../etc/passwd")]
    [InlineData("./helper")]
    [InlineData("/hook/hook.js")]
    public async Task ExecuteAsync_HookRequiresOtherPath_IsModuleNotFound(string request)
    {
        var result = await RunAsync(Caught($"require(['{request}'][0])"));

        Assert.StartsWith($"MODULE_NOT_FOUND | Cannot find module '{request}'", result.AssertSuccess()!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_NativeAddon_IsRefusedWithTheReason()
    {
        var result = await RunAsync(Caught("require('native')"));

        Assert.Equal("ERR_HOOKS_NATIVE_ADDON | Cannot load native add-on /hook/node_modules/native/build/addon.node: hooks run in a JavaScript engine, which cannot load compiled Node add-ons",
            result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_EsModulePackage_RequireReturnsItsNamespace()
    {
        // Node 20.20's require(esm): the namespace, with __esModule added when there is a default export.
        var result = await RunAsync("var ns = require('esm-only'); cb(null, [Object.keys(ns).join(','), ns.default, Object.prototype.toString.call(ns)].join(' | '));");

        Assert.Equal("__esModule,default | esm only | [object Module]", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_NestedDependencyInItsOwnFolderRequiredAsEsModule_Loads()
    {
        // The package cache keeps every package in a folder of its own, so a nested dependency
        // (/hook/node_modules/outer/node_modules/inner) is not inside its parent's folder. async-function 1.x is such a
        // package (its module-sync export is an ES module), nested under get-intrinsic in auth0@2's and axios's trees.
        var outerFolder = Directory.CreateDirectory(Path.Combine(_temp.FullName, "cache", "outer@1.0.0")).FullName;
        var innerFolder = Directory.CreateDirectory(Path.Combine(_temp.FullName, "cache", "inner@1.0.0")).FullName;
        await File.WriteAllTextAsync(Path.Combine(outerFolder, "package.json"), """{"name":"outer","version":"1.0.0","dependencies":{"inner":"1.0.0"}}""");
        await File.WriteAllTextAsync(Path.Combine(outerFolder, "index.js"), "module.exports = require('inner')();");
        await File.WriteAllTextAsync(Path.Combine(innerFolder, "package.json"),
            """{"name":"inner","version":"1.0.0","exports":{".":[{"module-sync":"./require.mjs","default":"./index.js"},"./index.js"]}}""");
        await File.WriteAllTextAsync(Path.Combine(innerFolder, "index.js"), "module.exports = function () { return 'inner answered'; };");
        await File.WriteAllTextAsync(Path.Combine(innerFolder, "require.mjs"), "import f from './index.js';\nexport default f;\nexport { f as 'module.exports' };\n");
        var outer = new InstalledPackage("outer", "1.0.0", outerFolder);
        outer.Dependencies["inner"] = new InstalledPackage("inner", "1.0.0", innerFolder);

        var result = await RunAsync("cb(null, require('outer'));", new PackageGraph(new Dictionary<string, InstalledPackage>(StringComparer.Ordinal) { ["outer"] = outer }));

        Assert.Equal("inner answered", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_PackageWithSyntaxError_NamesVirtualFileAndLine()
    {
        var result = await RunAsync("try { require('bad-syntax'); } catch (e) { cb(null, [e.name, e.message, e.stack.split('\\n').slice(0, 3).join('|')]); }");

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("SyntaxError", data[0]!.GetValue<string>());
        Assert.Equal("Unexpected token ';' (/hook/node_modules/bad-syntax/index.js:2:14)", data[1]!.GetValue<string>());
        Assert.Equal("/hook/node_modules/bad-syntax/index.js:2|var broken = ;|             ^", data[2]!.GetValue<string>());
    }

    [Theory]
    [InlineData("cjs-basics@1.0.0", "loaded: object")]
    [InlineData("cjs-basics@^1.0.0", "loaded: object")]
    [InlineData("cjs-basics@1.x", "loaded: object")]
    [InlineData("@scope/pkg@3.1.0", "loaded: scoped main")]
    [InlineData("@scope/pkg@3.1.0/sub", "loaded: scoped sub")]
    [InlineData("cjs-basics@2.0.0", "MODULE_NOT_FOUND | Cannot find module 'cjs-basics@2.0.0': the hook's dependencies have cjs-basics 1.0.0, which does not satisfy 2.0.0\nRequire stack:\n- hook.js")]
    [InlineData("cjs-basics@not a range!", "MODULE_NOT_FOUND | Cannot find module 'cjs-basics@not a range!': 'not a range!' is not a valid version or range (the hook's dependencies have cjs-basics 1.0.0)\nRequire stack:\n- hook.js")]
    [InlineData("lodash@4.17.21", "MODULE_NOT_FOUND | Cannot find module 'lodash@4.17.21': the hook's dependencies do not include 'lodash'\nRequire stack:\n- hook.js")]
    public async Task ExecuteAsync_WebtaskNameAtVersion_ResolvesToTheRootPackageWhenItsVersionMatches(string id, string expected)
    {
        var result = await RunAsync(Caught($"require('{id}')"));

        Assert.Equal(expected, result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_RequireMain_IsTheRunnersModuleNotTheHooks()
    {
        // Webtask compiled the hook as a child of its own runtime: a local test harness guarded by
        // `require.main === module` does not run (it would call the hook a second time).
        var result = await _executor.RunAsync(Fixtures, """
            var ran = false;
            module.exports = function (cb) {
              cb(null, [ran, require.main === module, require.main.id, require.main.filename, require.main.loaded,
                require.main.require('path') === require('path'), require.main.require('cjs-basics') === require('cjs-basics'),
                require.main === require.main, process.mainModule === require.main, module.parent === require.main,
                Object.keys(module).includes('parent')]);
            };
            if (require.main === module) { ran = true; }
            if (!module.parent) { ran = 'no parent'; }
            """);

        Assert.Equal("""[false,false,".","/webtask/index.js",true,true,true,true,true,true,false]""", result.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_WebtaskNameAtVersion_IsTheSameModuleAsThePlainName()
    {
        var result = await RunAsync("cb(null, require('cjs-basics@1.0.0') === require('cjs-basics'));");

        Assert.True(result.AssertSuccess()!.GetValue<bool>());
    }

    [Fact]
    public async Task ExecuteAsync_ModuleState_DoesNotPersistAcrossInvocations()
    {
        const string Body = "var s = require('stateful'); s.next(); cb(null, s.next());";

        var first = await RunAsync(Body);
        var second = await RunAsync(Body);

        Assert.Equal(2, first.AssertSuccess()!.GetValue<int>());
        Assert.Equal(2, second.AssertSuccess()!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_ExportsChangedByOneInvocation_AreFreshInTheNext()
    {
        const string Body = "var m = require('cjs-basics'); var seen = String(m.marker) + ',' + typeof global.leak; m.marker = 'set'; global.leak = 'x'; cb(null, seen);";

        var first = await RunAsync(Body);
        var second = await RunAsync(Body);

        Assert.Equal("undefined,undefined", first.AssertSuccess()!.GetValue<string>());
        Assert.Equal("undefined,undefined", second.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_PackageUsingNodeGlobalsTheHookNeverNames_FindsThem()
    {
        var packages = Package("uses-globals", """
            module.exports = [typeof Buffer.from, typeof process.nextTick, typeof setImmediate, typeof setTimeout, typeof global,
              typeof URL, typeof TextEncoder, typeof queueMicrotask, Buffer.from('hi').toString('base64')].join(',');
            """);

        var result = await RunAsync("cb(null, require('uses-globals'));", packages);

        Assert.Equal("function,function,function,function,object,function,function,function,aGk=", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_PackageFileChangedOnDiskAfterFirstLoad_IsServedFromTheProcessCache()
    {
        var packages = Package("cached-once", "module.exports = 'first text';");
        var first = await RunAsync("cb(null, require('cached-once'));", packages);

        // Packages are immutable once installed: the loader never reads a file twice.
        await File.WriteAllTextAsync(Path.Combine(_temp.FullName, "node_modules", "cached-once", "index.js"), "module.exports = 'rewritten';");
        var second = await RunAsync("cb(null, require('cached-once'));", packages);

        Assert.Equal("first text", first.AssertSuccess()!.GetValue<string>());
        Assert.Equal("first text", second.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_ErrorsAndStacks_ShowOnlyVirtualPaths()
    {
        var packages = Package("leaky", "exports.stack = new Error('where').stack; exports.file = __filename; exports.fail = function () { throw new Error('from package'); };");

        var result = await RunAsync("var p = require('leaky'); console.log(p.stack); console.log(p.file); p.fail();", packages);

        var error = result.AssertError(ExecutionErrorKind.Exception);
        var everything = string.Join('\n', result.Logs.Select(l => l.Message)) + error.Message + error.Details?.ToJsonString();
        Assert.Contains("/hook/node_modules/leaky/index.js", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(_temp.FullName, everything, StringComparison.Ordinal);
        Assert.Equal("from package", error.Message);
    }

    [Fact]
    public async Task ExecuteAsync_ErrorThrownInPackageFileNamedHookJs_IsLocatedAtTheHooksCall()
    {
        var packages = Package("named", "module.exports = require('./hook');");
        await File.WriteAllTextAsync(Path.Combine(_temp.FullName, "node_modules", "named", "hook.js"), "\n\n\n\nexports.fail = function () { throw new Error('deep'); };");

        var result = await _executor.RunAsync(packages, "module.exports = function (cb) {\n  require('named').fail();\n};");

        Assert.Equal(2, result.AssertError(ExecutionErrorKind.Exception).Line);
    }

    [Fact]
    public async Task ExecuteAsync_PackageLoopingAtLoad_StopsAtTheTimeLimit()
    {
        var packages = Package("spins", "while (true) {}");
        var limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 300 };

        var result = await _executor.ExecuteAsync(new ExecutionRequest("module.exports = function (cb) { require('spins'); cb(); };", [], limits, packages));

        result.AssertError(ExecutionErrorKind.Timeout);
    }

    [Theory]
    [InlineData("require('spins-esm')")]
    [InlineData("import('spins-esm')")]
    public async Task ExecuteAsync_EsModuleLoopingAtLoad_StopsAtTheTimeLimit(string load)
    {
        // An ES module runs in the invocation's engine: the deadline covers it, whether required or imported.
        var packages = Package("spins-esm", "export const never = 1; while (true) {}", esModule: true);
        var limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 300 };

        var result = await _executor.ExecuteAsync(new ExecutionRequest($"module.exports = async function (cb) {{ await {load}; cb(); }};", [], limits, packages));

        result.AssertError(ExecutionErrorKind.Timeout);
    }

    [Fact]
    public async Task ExecuteAsync_PackageRecursingAtLoad_IsALimitError()
    {
        var packages = Package("recurses", "function f(n) { return f(n + 1) + 1; } module.exports = f(0);");

        var result = await RunAsync("require('recurses'); cb();", packages);

        result.AssertError(ExecutionErrorKind.Limit);
    }

    [Fact]
    public async Task ExecuteAsync_PackageAllocatingAtLoad_IsAMemoryLimitError()
    {
        var packages = Package("hoards", "var keep = []; for (var i = 0; i < 1e7; i++) keep.push({ i: i, s: 'x' + i });");
        // Loading has its own room on top of the call's limit (ModuleMemoryBytes); small ones keep the test quick.
        var limits = ExecutorTestExtensions.TestLimits with { MemoryBytes = 16L * 1024 * 1024, ModuleMemoryBytes = 16L * 1024 * 1024 };

        var result = await _executor.ExecuteAsync(new ExecutionRequest("module.exports = function (cb) { require('hoards'); cb(); };", [], limits, packages));

        Assert.Contains("bytes while loading modules (the call's 16777216 bytes plus the ", result.AssertError(ExecutionErrorKind.Limit).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_RelativeRequireFromHook_IsModuleNotFoundWithRequireStack()
    {
        var result = await RunAsync("try { require('./local'); } catch (e) { cb(null, [e.code, e.message, e.requireStack]); }");

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("MODULE_NOT_FOUND", data[0]!.GetValue<string>());
        Assert.Equal("Cannot find module './local'\nRequire stack:\n- hook.js", data[1]!.GetValue<string>());
        Assert.Equal("hook.js", Assert.Single(data[2]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_PackageRequiringRefusedModules_LoadsTheirShapeAndIsRefusedWhenCalling()
    {
        var packages = Package("uses-host", """
            var fs = require('fs'), net = require('node:net'), tls = require('tls'), dns = require('dns'), tty = require('tty'), http2 = require('http2');
            exports.shape = [typeof fs.readFileSync, typeof fs.ReadStream, fs.constants.R_OK, typeof fs.promises.readFile, net.isIP('10.0.0.1'),
              net.isIP('::ffff:1.2.3.4'), net.isIP('1.2.3'), net.isIPv6('fe80::1%eth0'), tty.isatty(2), dns.V4MAPPED, typeof dns.promises.Resolver,
              http2.constants.HTTP2_HEADER_STATUS, tls.DEFAULT_MIN_VERSION];
            exports.read = function () { return fs.readFileSync('/etc/passwd'); };
            exports.listen = function () { return net.createServer(); };
            exports.tlsListen = function () { return tls.createServer(); };
            """);

        var result = await RunAsync("""
            var p = require('uses-host');
            var out = [p.shape];
            ['read', 'listen', 'tlsListen'].forEach(function (f) { try { p[f](); out.push('ran'); } catch (e) { out.push(e.code + ' | ' + e.message); } });
            try { require('fs'); out.push('hook loaded fs'); } catch (e) { out.push(e.code); }
            cb(null, out);
            """, packages);

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("""["function","function",4,"function",4,6,0,true,false,8,"function",":status","TLSv1.2"]""", data[0]!.ToJsonString());
        // The file system packages see is empty (NodePackageStandInTests covers the rest of the stand-ins).
        Assert.Equal("ENOENT | ENOENT: no such file or directory, open '/etc/passwd' (HooksDashboard: hooks have no file system; packages see an empty, read-only one)", (string?)data[1]);
        // Outbound sockets are real (NodeNetTests); servers are refused.
        Assert.Equal("ERR_HOOKS_MODULE_REFUSED | net.createServer() is not available to hooks: hooks may not listen for connections or use local sockets on the server (outbound TCP goes through the egress policy)", (string?)data[2]);
        Assert.Equal("ERR_HOOKS_MODULE_REFUSED | tls.createServer() is not available to hooks: hooks may not accept TLS connections on the server", (string?)data[3]);
        Assert.Equal("ERR_HOOKS_MODULE_REFUSED", (string?)data[4]);
    }

    [Fact]
    public async Task ExecuteAsync_PackagePromisifyingDnsLookup_GetsAddressAndFamilyAsNodeResolvesThem()
    {
        // Node names dns.lookup's two callback values for util.promisify (as it does generateKeyPair's, Cases/util.js).
        var packages = Package("lookup-lib", """
            var util = require('util'), dns = require('dns');
            exports.run = async function () {
              var lookup = util.promisify(dns.lookup);
              return [await lookup('127.0.0.1'), await lookup('::1', { all: true }), await util.promisify(dns.lookupService)('127.0.0.1', 22).catch(function (e) { return e.code; })];
            };
            """);

        var result = await RunAsync("require('lookup-lib').run().then(function (r) { cb(null, r); }, cb);", packages);

        Assert.Equal("""[{"address":"127.0.0.1","family":4},[{"address":"::1","family":6}],"ERR_HOOKS_DNS_REFUSED"]""", result.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_PackageCallingCaptureStackTrace_GetsAStackWithItsMessage()
    {
        var packages = Package("errors-lib", """
            function MyError(message) { this.name = 'MyError'; this.message = message; Error.captureStackTrace(this, MyError); }
            MyError.prototype = Object.create(Error.prototype);
            exports.make = function () { return new MyError('went wrong'); };
            """);

        var result = await RunAsync("var e = require('errors-lib').make(); cb(null, [e.stack.split(String.fromCharCode(10))[0], typeof Error.stackTraceLimit, e instanceof Error]);", packages);

        Assert.Equal("""["MyError: went wrong","number",true]""", result.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_PackageReadingItsCallersFile_GetsCallSitesOfTheFrames()
    {
        // depd's way: Error.prepareStackTrace returning the call sites, read through captureStackTrace.
        var packages = Package("caller-file", """
            exports.where = function where() {
              var saved = Error.prepareStackTrace;
              Error.prepareStackTrace = function (error, sites) { return sites; };
              var holder = {};
              Error.captureStackTrace(holder, where);
              var site = holder.stack[0];
              Error.prepareStackTrace = saved;
              return [site.getFileName(), site.getLineNumber(), typeof saved];
            };
            """);

        var result = await RunAsync("cb(null, require('caller-file').where());", packages);

        Assert.Equal("""["hook.js",2,"function"]""", result.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_PackageFunctions_ShowTheirSourceText()
    {
        // Function.prototype.toString of package code, CommonJS and ES module, as V8 gives it (not "[native code]").
        Package("src-cjs", "exports.add = function add(a, b) { return a + b; }; exports.K = class K { m() {} };");
        var packages = Package("src-esm", "export function twice(x) { return x * 2; }", esModule: true);

        var result = await RunAsync("var c = require('src-cjs'); cb(null, [c.add.toString(), String(c.K), require('src-esm').twice.toString()]);", packages);

        Assert.Equal(["function add(a, b) { return a + b; }", "class K { m() {} }", "function twice(x) { return x * 2; }"],
            result.AssertSuccess()!.AsArray().Select(static n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task ExecuteAsync_ImportOfAThrowingEsModuleCaught_IsNoUnhandledRejection()
    {
        // Jint rejects the module's own evaluation promise without a handler; Node never reports that one.
        var result = await RunAsync("(async function () { try { await import('es-bad/throws'); } catch (e) { return e.message; } })().then(function (m) { setTimeout(function () { cb(null, m); }, 5); });");

        Assert.Equal("thrown at the top of an ES module", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_DefaultPrepareStackTraceGivenAHugeLength_IsRefusedInsteadOfLooping()
    {
        var result = await RunAsync("try { Error.prepareStackTrace(new Error('x'), { length: 1e15 }); cb(null, 'looped'); } catch (e) { cb(null, e.message); }");

        Assert.Equal("Error.prepareStackTrace formats at most 65536 call sites", result.AssertSuccess()!.GetValue<string>());
    }

    /// <summary>A graph with one package, <paramref name="name"/>, whose index.js is <paramref name="source"/>, in this test's folder.</summary>
    private PackageGraph Package(string name, string source, bool esModule = false)
    {
        var folder = Path.Combine(_temp.FullName, "node_modules", name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "package.json"), $$"""{ "name": "{{name}}", "version": "1.0.0"{{(esModule ? ", \"type\": \"module\"" : "")}} }""");
        File.WriteAllText(Path.Combine(folder, "index.js"), source);
        return NodeModulesGraph.FromFolder(Path.Combine(_temp.FullName, "node_modules"));
    }
}
