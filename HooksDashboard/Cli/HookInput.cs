using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog;
using HooksDashboard.Hooks;

namespace HooksDashboard.Cli;

/// <summary>The inputs <c>run-hook</c> and <c>bench-hook</c> share: point, script file, payload file, secrets, timeout.</summary>
internal sealed record HookInput(HookInvocation Invocation)
{
    public static readonly string[] Options = ["--trigger", "--script", "--payload", "--secret", "--timeout-ms", "--http-mock"];

    public const string Usage = "--trigger <triggerId> --script <file.js> [--payload <file.json>] [--secret NAME=VALUE]... [--timeout-ms N] [--http-mock <mocks.json>]";

    /// <summary>Reads and checks the inputs; anything wrong is a <see cref="CliUsageException"/>.</summary>
    public static HookInput Read(CliArguments args, IHookCatalog catalog, InvocationSource source)
    {
        var triggerId = Point(args, catalog).Id;

        var script = ReadFile(args.Required("--script"), "script");
        if (HookRules.ValidateScript(script) is { } scriptProblem)
            throw new CliUsageException(scriptProblem);

        JsonNode? payload = null;
        if (args.Optional("--payload") is { } payloadPath)
        {
            var text = ReadFile(payloadPath, "payload");
            try
            {
                payload = JsonNode.Parse(text) ?? throw new CliUsageException($"Payload {payloadPath} is JSON null; the hook needs an object.");
            }
            catch (JsonException e)
            {
                throw new CliUsageException($"Payload {payloadPath} is not valid JSON: {e.Message}");
            }
        }

        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in args.All("--secret"))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? pair[..eq] : pair;
            if (eq <= 0)
                throw new CliUsageException($"--secret takes NAME=VALUE, not '{name}'.");
            if (HookRules.ValidateSecretName(name) is { } nameProblem)
                throw new CliUsageException(nameProblem);
            secrets[name] = pair[(eq + 1)..];
        }
        if (secrets.Count > HookRules.MaxSecrets)
            throw new CliUsageException($"At most {HookRules.MaxSecrets} secrets are allowed.");

        var timeoutMs = args.Optional("--timeout-ms") is null ? (int?)null : args.PositiveInt("--timeout-ms", 0);

        Execution.Http.HttpMockSet? mocks = null;
        if (args.Optional("--http-mock") is { } mockPath)
        {
            try
            {
                mocks = Execution.Http.HttpMockSet.Parse(ReadFile(mockPath, "HTTP mock"));
            }
            catch (FormatException e)
            {
                throw new CliUsageException($"HTTP mock file {mockPath}: {e.Message}");
            }
        }

        return new HookInput(new HookInvocation(triggerId, script, payload, secrets, source) { TimeoutMs = timeoutMs, HttpMocks = mocks });
    }

    /// <summary>The point <c>--trigger</c> names; missing or unknown is a <see cref="CliUsageException"/>.</summary>
    public static ExtensibilityPoint Point(CliArguments args, IHookCatalog catalog)
    {
        var triggerId = args.Required("--trigger");
        return catalog.Find(triggerId)
            ?? throw new CliUsageException($"Unknown trigger '{triggerId}'. Known: {string.Join(", ", catalog.Points.Select(p => p.Id))}.");
    }

    private static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliUsageException($"Cannot read the {what} file '{path}': {e.Message}");
        }
    }
}
