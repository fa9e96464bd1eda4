using System.Text.Json.Nodes;
using HooksDashboard.Components.Editor;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Components.Editor;

/// <summary>
/// The typings collector over packages packed by a loopback registry and installed into a real package cache, as the
/// editor reads them.
/// </summary>
public sealed class PackageTypingsCollectorTests : IAsyncLifetime, IDisposable
{
    private readonly TempDataDirectory _data = new();
    private LoopbackNpmRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await LoopbackNpmRegistry.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _data.Dispose();

    private Task<PackageGraph> InstallAsync(params (string Name, string Version)[] dependencies) =>
        TestPackageInstaller.Create(_registry.Url, Path.Combine(_data.Path, "packages"))
            .InstallAsync(dependencies.ToDictionary(d => d.Name, d => d.Version, StringComparer.Ordinal));

    private static Dictionary<string, string> Files(params (string Path, string Text)[] files) =>
        files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);

    private static Dictionary<string, string> ByPath(PackageTypings typings) =>
        typings.Libraries.ToDictionary(l => l.Path, l => l.Content, StringComparer.Ordinal);

    [Fact]
    public async Task Collect_TypesField_RegistersTheEntryAndTheFilesItReferences()
    {
        _registry.Publish("ty-types", "1.0.0", files: Files(
            ("index.js", "exports.greet = (o) => 'hi ' + o.name;"),
            ("lib/index.d.ts", "/// <reference path=\"./globals.d.ts\" />\nimport { Options } from './options';\nexport * from \"./more/index\";\nexport declare function greet(options: Options): string;\n"),
            ("lib/options.d.ts", "export interface Options { name: string; }\n"),
            ("lib/more/index.d.ts", "export declare const more: number;\n"),
            ("lib/globals.d.ts", "declare var tyGlobal: string;\n"),
            ("lib/unreferenced.d.ts", "export declare const never: 1;\n")),
            extraManifest: new JsonObject { ["main"] = "index.js", ["types"] = "./lib/index.d.ts" });

        var typings = PackageTypingsCollector.Collect(await InstallAsync(("ty-types", "1.0.0")));

        Assert.Equal("node_modules/ty-types/lib/index.d.ts", typings.Modules["ty-types"]);
        Assert.Equal(
            ["file:///node_modules/ty-types/lib/globals.d.ts", "file:///node_modules/ty-types/lib/index.d.ts",
             "file:///node_modules/ty-types/lib/more/index.d.ts", "file:///node_modules/ty-types/lib/options.d.ts"],
            typings.Libraries.Select(l => l.Path).Order(StringComparer.Ordinal));
        Assert.Equal("export interface Options { name: string; }\n", ByPath(typings)["file:///node_modules/ty-types/lib/options.d.ts"]);
        Assert.Empty(typings.Notes);
    }

    [Fact]
    public async Task Collect_ExportsWithTypesCondition_TakesTheRequireTypesUnderNamesTypeScriptFinds()
    {
        // As axios ships them: the require condition's .d.cts (export =), which TypeScript 4.5 only finds as *.d.ts.
        _registry.Publish("ty-exports", "2.0.0", files: Files(
            ("dist/index.cjs", "module.exports = { run() {} };"),
            ("dist/index.d.cts", "import { Helper } from './helpers.cjs';\ndeclare const x: { run(): Helper };\nexport = x;\n"),
            ("dist/helpers.d.cts", "export interface Helper { fromCjs: true; }\n"),
            ("dist/index.d.mts", "export declare function esmOnly(): void;\n"),
            ("wrong.d.ts", "export declare const wrong: 1;\n")),
            extraManifest: new JsonObject
            {
                ["types"] = "./wrong.d.ts",
                ["exports"] = new JsonObject
                {
                    ["."] = new JsonObject
                    {
                        ["types"] = new JsonObject { ["require"] = "./dist/index.d.cts", ["default"] = "./dist/index.d.mts" },
                        ["default"] = "./dist/index.cjs",
                    },
                    ["./package.json"] = "./package.json",
                },
            });

        var typings = PackageTypingsCollector.Collect(await InstallAsync(("ty-exports", "2.0.0")));

        Assert.Equal("node_modules/ty-exports/dist/index.d.cts.d.ts", typings.Modules["ty-exports"]);
        var files = ByPath(typings);
        Assert.Contains("export = x;", files["file:///node_modules/ty-exports/dist/index.d.cts.d.ts"], StringComparison.Ordinal);
        // `./helpers.cjs` is looked up by TypeScript 4.5 as ./helpers.cjs.d.ts.
        Assert.Contains("fromCjs", files["file:///node_modules/ty-exports/dist/helpers.cjs.d.ts"], StringComparison.Ordinal);
        Assert.DoesNotContain(typings.Libraries, l => l.Content.Contains("wrong", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Collect_TypesLeavingThePackage_IsRefusedWithANoteAndNothingOutsideIsRead()
    {
        _registry.Publish("ty-escape", "1.0.0", files: Files(("index.js", "module.exports = 1;")),
            extraManifest: new JsonObject { ["types"] = "../outside.d.ts" });
        _registry.Publish("ty-escape-ref", "1.0.0", files: Files(
            ("index.d.ts", "/// <reference path=\"../outside.d.ts\" />\nimport { X } from '../../outside';\nexport declare const inside: 1;\n")));
        var graph = await InstallAsync(("ty-escape", "1.0.0"), ("ty-escape-ref", "1.0.0"));
        // What the paths would reach if they were followed: a declaration file beside each package's folder in the cache.
        foreach (var package in graph.Roots.Values)
        {
            File.WriteAllText(Path.Combine(package.Directory, "..", "outside.d.ts"), "declare const stolen: 'secret';\n");
            File.WriteAllText(Path.Combine(package.Directory, "..", "..", "outside.d.ts"), "declare const stolen: 'secret';\n");
        }

        var typings = PackageTypingsCollector.Collect(graph);

        Assert.DoesNotContain(typings.Libraries, l => l.Content.Contains("secret", StringComparison.Ordinal));
        Assert.False(typings.Modules.ContainsKey("ty-escape"));
        Assert.Contains("ty-escape: its typings path '../outside.d.ts' leaves the package; ignored.", typings.Notes);
        Assert.Equal(["file:///node_modules/ty-escape-ref/index.d.ts"], typings.Libraries.Select(l => l.Path));
    }

    [Fact]
    public async Task Collect_PackageWithoutTypings_GivesNothingAndNoNote()
    {
        _registry.Publish("ty-plain", "1.0.0", files: Files(("index.js", "module.exports = 1;"), ("lib/util.js", "module.exports = 2;")),
            extraManifest: new JsonObject { ["main"] = "index.js" });

        var typings = PackageTypingsCollector.Collect(await InstallAsync(("ty-plain", "1.0.0")));

        Assert.Empty(typings.Libraries);
        Assert.Empty(typings.Modules);
        Assert.Empty(typings.Notes);
    }

    [Fact]
    public async Task Collect_TypingsImportingDependenciesAndATypesPackage_CollectsThemUnderTheirModuleNames()
    {
        _registry.Publish("ty-dep", "1.0.0", files: Files(("index.d.ts", "export interface Dep { depField: 1; }\n")));
        _registry.Publish("ty-main", "1.0.0", dependencies: new Dictionary<string, string> { ["ty-dep"] = "^1.0.0" }, files: Files(
            ("index.js", "module.exports = {};"),
            ("index.d.ts", "import { Dep } from 'ty-dep';\nexport declare function make(): Dep;\n")));
        // A package without typings, typed by the @types package the hook declares (as @types/node or @types/request).
        _registry.Publish("ty-untyped", "1.0.0", files: Files(("index.js", "module.exports = {};")));
        _registry.Publish("@types/ty-untyped", "1.0.0", files: Files(("index.d.ts", "export declare function typedByDefinitelyTyped(): void;\n")),
            extraManifest: new JsonObject { ["types"] = "index.d.ts" });

        var typings = PackageTypingsCollector.Collect(await InstallAsync(("ty-main", "1.0.0"), ("ty-untyped", "1.0.0"), ("@types/ty-untyped", "1.0.0")));

        Assert.Equal("node_modules/ty-main/index.d.ts", typings.Modules["ty-main"]);
        Assert.Equal("node_modules/ty-dep/index.d.ts", typings.Modules["ty-dep"]);
        Assert.Equal("node_modules/@types/ty-untyped/index.d.ts", typings.Modules["ty-untyped"]);
        Assert.Contains("typedByDefinitelyTyped", ByPath(typings)["file:///node_modules/@types/ty-untyped/index.d.ts"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_OverTheCaps_LeavesWholePackagesOutAndNamesThem()
    {
        _registry.Publish("ty-a", "1.0.0", files: Files(("index.d.ts", "export declare const a: string;\n" + new string(' ', 1000))));
        _registry.Publish("ty-b", "1.0.0", files: Files(("index.d.ts", "import './two';\nexport declare const b: string;\n"), ("two.d.ts", "export {};\n")));
        _registry.Publish("ty-c", "1.0.0", files: Files(("index.d.ts", "export declare const c: string;\n")));
        var graph = await InstallAsync(("ty-a", "1.0.0"), ("ty-b", "1.0.0"), ("ty-c", "1.0.0"));

        var byBytes = PackageTypingsCollector.Collect(graph, maxFiles: 100, maxBytes: 500);
        var byFiles = PackageTypingsCollector.Collect(graph, maxFiles: 2, maxBytes: 1_000_000);

        Assert.Equal(["ty-b", "ty-c"], byBytes.Modules.Keys.Order(StringComparer.Ordinal));
        Assert.True(byBytes.Bytes <= 500);
        Assert.Equal(["Typings left out (a hook's editor takes at most 100 declaration files and 0.5 KiB): ty-a."], byBytes.Notes);
        // ty-b's two files do not fit beside ty-a's; ty-c's one does.
        Assert.Equal(["ty-a", "ty-c"], byFiles.Modules.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Typings left out (a hook's editor takes at most 2 declaration files and 976.6 KiB): ty-b."], byFiles.Notes);
    }
}
