using HooksDashboard.Execution;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Modules;

/// <summary>
/// Real packages published as ES modules only (uuid 13, nanoid 5: <c>"type": "module"</c>), installed by npm once for
/// the class (opt-in: category <c>Registry</c>), loaded by a hook with <c>require</c> (Node 20.20's require(esm)) and
/// <c>import()</c>, and compared line by line with node running the same code.
/// </summary>
[Trait("Category", "Registry")]
public sealed class RealEsmPackagesTests(RealEsmPackagesTests.InstalledPackages installed) : IClassFixture<RealEsmPackagesTests.InstalledPackages>
{
    private const string Script = """
        var uuid = require('uuid');
        var nanoid = require('nanoid');
        console.log(Object.keys(uuid).join(','), uuid.__esModule);
        console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuid.v4()), uuid.v5('hello', uuid.v5.DNS), uuid.validate('not'), uuid.version(uuid.v7()));
        console.log(uuid.v3('hello', uuid.v3.URL), uuid.stringify(uuid.parse('9342d47a-1bab-5709-9869-c840b2eac501')), uuid.NIL, uuid.MAX);
        console.log(nanoid.nanoid().length, nanoid.nanoid(10).length, /^[0-9a-f]{12}$/.test(nanoid.customAlphabet('0123456789abcdef', 12)()), nanoid.urlAlphabet.length);
        var done = import('uuid').then(function (ns) {
          console.log('import:', ns.v5('hello', ns.v5.URL), ns.default === undefined, typeof ns.v4);
          return import('nanoid');
        }).then(function (ns) { console.log('import nanoid:', ns.nanoid(5).length, ns.nanoid === nanoid.nanoid); });
        module.exports = function (cb) { done.then(function () { cb(); }, cb); };
        """;

    private readonly JintHookExecutor _executor = new();

    [NpmFact]
    public async Task ExecuteAsync_EsModuleOnlyPackages_PrintWhatNodePrints()
    {
        var file = Path.Combine(installed.Folder, "esm-only.js");
        await File.WriteAllTextAsync(file, Script);
        var expected = NodeOracle.RunFile(file) ?? throw new InvalidOperationException("node is required with npm");

        var result = await _executor.RunAsync(installed.Graph, Script);

        result.AssertSuccess();
        Assert.Equal(expected.TrimEnd('\n'), string.Join('\n', result.Logs.Select(l => l.Message)));
    }

    [NpmFact]
    public async Task ExecuteAsync_HookUsingUuid13_ReturnsAVersion4Id()
    {
        const string Hook = """
            module.exports = function (user, context, cb) {
              var v4 = require('uuid').v4;
              cb(null, { id: v4(), user: user.id });
            };
            """;

        var result = await _executor.RunAsync(installed.Graph, Hook, new System.Text.Json.Nodes.JsonObject { ["id"] = "u1" }, new System.Text.Json.Nodes.JsonObject());

        var data = result.AssertSuccess()!;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", (string)data["id"]!);
        Assert.Equal("u1", (string)data["user"]!);
    }

    /// <summary>uuid 13.0.2 and nanoid 5.1.12 (both ES modules only), installed once by npm (no install scripts).</summary>
    public sealed class InstalledPackages() : NpmInstalledPackages("real-esm-packages", ["uuid@13.0.2", "nanoid@5.1.12"], TimeSpan.FromMinutes(5));
}
