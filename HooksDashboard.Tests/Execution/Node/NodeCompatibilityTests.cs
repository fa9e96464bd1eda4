using HooksDashboard.Execution;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Node;

/// <summary>
/// Each file in <c>Cases/</c> is a snippet that prints with <c>console</c>, run as a hook (its last line exports a
/// function calling <c>cb()</c>, which Node ignores); the hook's console lines must equal what Node 20 printed for
/// the same file (<c>Cases/*.out</c>, produced by <c>regenerate.sh</c> and checked against node when present).
/// </summary>
public class NodeCompatibilityTests
{
    private static readonly string CasesFolder = Path.Combine(AppContext.BaseDirectory, "Execution", "Node", "Cases");

    private readonly JintHookExecutor _executor = new();

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CasesFolder, "*.js").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ExecuteAsync_Snippet_PrintsWhatNode20Prints(string name)
    {
        var script = Path.Combine(CasesFolder, name + ".js");
        var expected = Normalize(await File.ReadAllTextAsync(Path.Combine(CasesFolder, name + ".out")));
        if (NodeOracle.RunFile(script) is { } live)
        {
            Assert.True(Normalize(live) == expected, $"Cases/{name}.out is stale: run Cases/regenerate.sh. Node now prints:\n{live}");
        }

        var result = await _executor.RunAsync(await File.ReadAllTextAsync(script));

        result.AssertSuccess();
        Assert.Equal(expected, string.Join('\n', result.Logs.Select(l => l.Message)));
    }

    private static string Normalize(string output) => output.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
}
