using System.Text.Json;
using System.Text.Json.Serialization;

namespace HooksDashboard.Execution;

/// <summary>The one JSON shape of results, shared by the command line, the API and stored runs.</summary>
public static class ExecutionJson
{
    /// <summary>camelCase, enums as their lowercase names, nulls written (every field is always present).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Indented variant for people.</summary>
    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}
