using System.Globalization;
using System.Text.Json;
using HooksDashboard.Execution;
using HooksDashboard.Logs;

namespace HooksDashboard.Components.Logs;

/// <summary>How the Logs components show a record: short summaries and pretty JSON. Pure formatting.</summary>
public static class ExecutionLogView
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    /// <summary>Local-independent, second precision, UTC: the same on every screen and in downloads.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Duration(double ms) =>
        ms < 10 ? ms.ToString("0.00' ms'", CultureInfo.InvariantCulture) : ms.ToString("0' ms'", CultureInfo.InvariantCulture);

    /// <summary>The line a table row shows: the error, else the first console line, else nothing.</summary>
    public static string Summary(ExecutionLogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Error is { } error)
            return $"{error.Name}: {error.Message}";
        return record.Logs.Count > 0 ? record.Logs[0].Message : "";
    }

    /// <summary>Indented JSON for display; text that is not JSON is shown as it is.</summary>
    public static string PrettyJson(string? json)
    {
        if (json is null)
            return "";
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Pretty);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    public static string Name(Hooks.InvocationSource source) => ExecutionLogNames.Of(source);

    public static string Name(ExecutionStatus outcome) => ExecutionLogNames.Of(outcome);

    /// <summary>The hook editor with this record's payload loaded into the test panel.</summary>
    public static string TestPanelUrl(ExecutionLogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.HookId is null ? "" : $"/hooks/{Uri.EscapeDataString(record.HookId)}?run={Uri.EscapeDataString(record.Id)}";
    }
}
