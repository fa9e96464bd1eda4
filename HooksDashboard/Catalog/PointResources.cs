using System.Text.Json.Nodes;

namespace HooksDashboard.Catalog;

/// <summary>Reads a point's template (<c>{id}.js</c>) and sample payload (<c>{id}.json</c>) embedded from <c>Catalog/Points/</c>.</summary>
internal static class PointResources
{
    public static string Template(string triggerId) => Read($"{triggerId}.js");

    public static string Sample(string triggerId) =>
        // Normalised through JsonNode so every sample has the same indentation and line endings.
        JsonNode.Parse(Read($"{triggerId}.json"))!.ToJsonString(JsonDefaults.Indented);

    private static string Read(string file)
    {
        using var stream = typeof(PointResources).Assembly.GetManifestResourceStream($"HooksDashboard.Catalog.{file}")
            ?? throw new InvalidOperationException($"The catalog resource {file} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
