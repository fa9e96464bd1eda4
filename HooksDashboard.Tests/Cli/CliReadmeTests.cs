using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HooksDashboard.Catalog;
using HooksDashboard.Cli;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Cli;

/// <summary>The README's command lines and addresses, checked against what the tools do.</summary>
public sealed partial class CliReadmeTests
{
    private static readonly string Readme = RepositoryFiles.ReadAllText("README.md");

    [Fact]
    public void Readme_DotnetRunCommandLineExamples_SkipTheLaunchProfile()
    {
        var examples = DotnetRunVerb().Matches(Readme).Where(m => CliApp.Handles([m.Groups["verb"].Value])).ToList();

        Assert.NotEmpty(examples);
        // With the launch profile `dotnet run` prints "Using launch settings from ..." to standard output first.
        Assert.All(examples, m => Assert.Contains("--no-launch-profile", m.Groups["options"].Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DotnetRunWithoutLaunchProfile_PrintSample_StandardOutputIsTheJsonAlone()
    {
        // The README's way from the repository root; --no-build because the tests already built the app (and a
        // build must not run while other tests use its output). Same configuration as this test run.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var outcome = await ChildProcess.RunAsync("dotnet",
            ["run", "--project", "HooksDashboard", "--no-launch-profile", "--no-build", "-c", configuration, "--",
             "run-hook", "--trigger", "pre-user-registration", "--print-sample"],
            RepositoryFiles.Root, TimeSpan.FromMinutes(2));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var printed = JsonNode.Parse(outcome.StandardOutput);
        Assert.True(JsonNode.DeepEquals(new HookCatalog().Find("pre-user-registration")!.ParseSamplePayload(), printed), outcome.StandardOutput);
    }

    [Fact]
    public void Readme_LocalAddresses_UseThePortDotnetRunListensOn()
    {
        var launchSettings = JsonNode.Parse(RepositoryFiles.ReadAllText("HooksDashboard/Properties/launchSettings.json"))!;
        var url = new Uri(((string)launchSettings["profiles"]!["http"]!["applicationUrl"]!).Split(';')[0]);

        var addresses = LocalhostAddress().Matches(Readme).Select(m => int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Contains($"http://localhost:{url.Port}/api/v2/openapi.json", Readme, StringComparison.Ordinal);
        // Every localhost address is dotnet run's, except Kestrel's default named for the built binary.
        Assert.All(addresses, port => Assert.True(port == url.Port || port == 5000, $"README names localhost:{port}; dotnet run listens on {url.Port}."));
        Assert.Contains("--urls", Readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_PayloadTable_ShowsEveryPointsShapeFromTheCatalog()
    {
        // The same text run-hook --help prints (a table cell escapes '|').
        Assert.All(new HookCatalog().Points, p =>
            Assert.Contains($"| `{p.Id}` | `{p.PayloadShape.Replace("|", "\\|", StringComparison.Ordinal)}` |", Readme, StringComparison.Ordinal));
        Assert.Contains("--print-sample", Readme, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"dotnet run(?<options>[^`\n]*?) -- (?<verb>[a-z-]+)")]
    private static partial Regex DotnetRunVerb();

    [GeneratedRegex(@"http://localhost:(?<port>\d+)")]
    private static partial Regex LocalhostAddress();
}
