using System.Text.RegularExpressions;
using HooksDashboard.Execution;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Modules;

/// <summary>
/// Each <c>Fixtures/*.js</c> requires the fixture packages of <c>Fixtures/node_modules</c> and prints what it sees; run
/// as a hook with those packages, its console lines must equal what Node 20 printed for the same file (<c>*.out</c>,
/// from <c>regenerate.sh</c>, with the folder's real path shown as the executor presents it). When node is installed
/// the test also runs it and fails if the committed expectation is stale.
/// </summary>
public class ModuleLoaderCompatibilityTests
{
    internal static readonly string FixturesFolder = RepositoryFiles.PathOf(Path.Combine("HooksDashboard.Tests", "Execution", "Modules", "Fixtures"));

    private readonly JintHookExecutor _executor = new();

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(FixturesFolder, "*.js").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ExecuteAsync_FixtureCase_PrintsWhatNode20Prints(string name)
    {
        var script = Path.Combine(FixturesFolder, name + ".js");
        var expected = Normalize(await File.ReadAllTextAsync(Path.Combine(FixturesFolder, name + ".out")));
        if (NodeOracle.RunFile(script) is { } live)
        {
            var presented = live.Replace(script, "hook.js", StringComparison.Ordinal).Replace(FixturesFolder + "/", "/hook/", StringComparison.Ordinal);
            Assert.True(Normalize(presented) == expected, $"Fixtures/{name}.out is stale: run Fixtures/regenerate.sh. Node now prints:\n{presented}");
        }

        var result = await _executor.RunAsync(NodeModulesGraph.FromFolder(Path.Combine(FixturesFolder, "node_modules")), await File.ReadAllTextAsync(script));

        result.AssertSuccess();
        Assert.Equal(expected, string.Join('\n', result.Logs.Select(l => l.Message)));
    }

    // Node's process id in warnings differs per run (the executor's is always 1).
    internal static string Normalize(string output)
    {
        return Regex.Replace(output.Replace("\r\n", "\n", StringComparison.Ordinal), @"^\(node:\d+\)", "(node:1)", RegexOptions.Multiline).TrimEnd('\n');
    }
}
