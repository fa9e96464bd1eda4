using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;

namespace HooksDashboard.Cli;

/// <summary>
/// The JSON the command line prints. It goes to terminals, files and tools like <c>jq</c>, never into an HTML page, so
/// it is written with relaxed escaping: <c>'</c>, <c>+</c>, <c>&lt;</c>, <c>&amp;</c> and non-ASCII text appear as
/// they are instead of <c>\u0027</c>-style escapes (the default encoder's guard for JSON embedded in HTML).
/// Conventions: <c>run-hook</c> and <c>bench-hook</c> print one object on one line; <c>hooks ... --json</c> prints one
/// indented document, an array for lists and an object for one result; <c>hooks logs --follow --json</c> prints JSON
/// Lines (one record per line, as it arrives).
/// </summary>
internal static class CliJson
{
    /// <summary>Results (<see cref="ExecutionJson.Options"/>'s shape) on one line.</summary>
    public static JsonSerializerOptions Compact { get; } = new(ExecutionJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The same, indented, for documents meant to be read.</summary>
    public static JsonSerializerOptions Indented { get; } = new(Compact) { WriteIndented = true };

    /// <summary>A value on one line.</summary>
    public static string Line<T>(T value) => JsonSerializer.Serialize(value, Compact);

    /// <summary>A JSON tree on one line (a JSON Lines record).</summary>
    public static string Line(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    /// <summary>A JSON tree indented.</summary>
    public static string Document(JsonNode? node) => node?.ToJsonString(Indented) ?? "null";
}
