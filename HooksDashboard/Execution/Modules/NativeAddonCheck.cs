using System.Text.Json;

namespace HooksDashboard.Execution.Modules;

/// <summary>
/// Recognises native add-ons in an unpacked package: hooks run in a JavaScript engine that cannot load compiled
/// code, and install scripts (which would build it) never run. Signs: a <c>binding.gyp</c>, <c>"gypfile": true</c>,
/// prebuilt <c>.node</c> files, or an install script that calls a native build tool.
/// </summary>
public static class NativeAddonCheck
{
    private static readonly string[] BuildTools = ["node-gyp", "node-pre-gyp", "prebuild-install", "cmake-js", "node-gyp-build", "prebuildify"];
    private static readonly string[] InstallScripts = ["preinstall", "install", "postinstall"];

    /// <summary>Why the package is a native add-on, or null when it is plain JavaScript.</summary>
    public static string? Reason(string directory)
    {
        if (File.Exists(Path.Combine(directory, "binding.gyp")))
            return "it ships binding.gyp (C/C++ code built at install time)";

        var manifest = Path.Combine(directory, "package.json");
        if (File.Exists(manifest))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (root.TryGetProperty("gypfile", out var gyp) && gyp.ValueKind == JsonValueKind.True)
                        return "its package.json sets \"gypfile\": true (C/C++ code built at install time)";
                    if (root.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var name in InstallScripts)
                        {
                            if (scripts.TryGetProperty(name, out var script) && script.ValueKind == JsonValueKind.String
                                && BuildTools.FirstOrDefault(t => script.GetString()!.Contains(t, StringComparison.Ordinal)) is { } tool)
                                return $"its \"{name}\" script runs {tool} to build native code";
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // A broken package.json is the loader's concern (it reports it on require), not a native add-on.
            }
        }

        var binary = Directory.EnumerateFiles(directory, "*.node", SearchOption.AllDirectories).FirstOrDefault();
        return binary is null ? null : $"it ships a compiled add-on ({Path.GetRelativePath(directory, binary).Replace('\\', '/')})";
    }
}
