using System.Text.Json.Serialization;
using HooksDashboard.Execution;

namespace HooksDashboard.Logs;

/// <summary>
/// One record as the Management API's <c>GET /api/v2/hooks/{id}/logs</c> returns it. Serialize with
/// <see cref="ExecutionJson.Options"/> (camelCase, nulls written):
/// <c>{"id","date","hookId","triggerId","source","outcome","durationMs","logs":[{"level","message"}],"error":{"kind","name","message"}|null}</c>.
/// </summary>
public sealed record HookLogEntry(
    string Id,
    DateTimeOffset Date,
    string? HookId,
    string TriggerId,
    string Source,
    string Outcome,
    double DurationMs,
    IReadOnlyList<HookLogLine> Logs,
    HookLogError? Error)
{
    public static HookLogEntry From(ExecutionLogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(
            record.Id,
            record.CreatedAt,
            record.HookId,
            record.TriggerId,
            ExecutionLogNames.Of(record.Source),
            ExecutionLogNames.Of(record.Outcome),
            record.DurationMs,
            [.. record.Logs.Select(l => new HookLogLine(l.Level, l.Message))],
            record.Error is null ? null : new HookLogError(record.Error.Kind, record.Error.Name, record.Error.Message));
    }
}

public sealed record HookLogLine(string Level, string Message);

/// <param name="Kind">hook, exception, syntax, timeout, limit or contract.</param>
public sealed record HookLogError(
    [property: JsonConverter(typeof(JsonStringEnumConverter<ExecutionErrorKind>))] ExecutionErrorKind Kind,
    string Name,
    string Message);
