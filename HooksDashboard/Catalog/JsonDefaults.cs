using System.Text.Json;

namespace HooksDashboard.Catalog;

internal static class JsonDefaults
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
