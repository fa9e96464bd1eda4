using System.Text.Json;
using HooksDashboard.Execution;

namespace HooksDashboard.Logs;

/// <summary>A row of <c>execution_logs</c> as Dapper reads and writes it.</summary>
internal sealed class ExecutionLogRow
{
    /// <summary>The columns, aliased to this class's properties, for every SELECT of whole records.</summary>
    public const string Columns = """
        l.id AS Id, l.created_at AS CreatedAt, l.hook_id AS HookId, l.hook_name AS HookName, l.trigger_id AS TriggerId,
        l.source AS Source, l.outcome AS Outcome, l.duration_ms AS DurationMs, l.request_id AS RequestId,
        l.error_kind AS ErrorKind, l.error_name AS ErrorName, l.error_message AS ErrorMessage, l.error AS Error,
        l.logs AS Logs, l.logs_dropped AS LogsDropped, l.payload AS Payload, l.requests AS Requests
        """;

    public string Id { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? HookId { get; set; }
    public string? HookName { get; set; }
    public string TriggerId { get; set; } = "";
    public string Source { get; set; } = "";
    public string Outcome { get; set; } = "";
    public double DurationMs { get; set; }
    public string? RequestId { get; set; }
    public string? ErrorKind { get; set; }
    public string? ErrorName { get; set; }
    public string? ErrorMessage { get; set; }
    public string? Error { get; set; }
    public string Logs { get; set; } = "[]";
    public long LogsDropped { get; set; }
    public string? Payload { get; set; }
    public string? Requests { get; set; }

    public static ExecutionLogRow From(ExecutionLogRecord record) => new()
    {
        Id = record.Id,
        CreatedAt = record.CreatedAt,
        HookId = record.HookId,
        HookName = record.HookName,
        TriggerId = record.TriggerId,
        Source = ExecutionLogNames.Of(record.Source),
        Outcome = ExecutionLogNames.Of(record.Outcome),
        DurationMs = record.DurationMs,
        RequestId = record.RequestId,
        ErrorKind = record.Error is null ? null : JsonSerializer.SerializeToElement(record.Error.Kind, ExecutionJson.Options).GetString(),
        ErrorName = record.Error?.Name,
        ErrorMessage = record.Error?.Message,
        Error = record.Error is null ? null : JsonSerializer.Serialize(record.Error, ExecutionJson.Options),
        Logs = JsonSerializer.Serialize(record.Logs, ExecutionJson.Options),
        LogsDropped = record.LogsDropped,
        Payload = record.Payload,
        Requests = record.Requests.Count == 0 ? null : JsonSerializer.Serialize(record.Requests, ExecutionJson.Options),
    };

    public ExecutionLogRecord ToRecord() => new()
    {
        Id = Id,
        CreatedAt = CreatedAt,
        HookId = HookId,
        HookName = HookName,
        TriggerId = TriggerId,
        Source = ExecutionLogNames.TryParseSource(Source, out var source) ? source : throw Corrupt(nameof(Source)),
        Outcome = ExecutionLogNames.TryParseOutcome(Outcome, out var outcome) ? outcome : throw Corrupt(nameof(Outcome)),
        DurationMs = DurationMs,
        RequestId = RequestId,
        Error = Error is null ? null : JsonSerializer.Deserialize<ExecutionError>(Error, ExecutionJson.Options),
        Logs = JsonSerializer.Deserialize<List<ConsoleLine>>(Logs, ExecutionJson.Options) ?? [],
        LogsDropped = (int)LogsDropped,
        Payload = Payload,
        Requests = Requests is null ? [] : JsonSerializer.Deserialize<List<Execution.Http.HttpRequestRecord>>(Requests, ExecutionJson.Options) ?? [],
    };

    private InvalidOperationException Corrupt(string column) =>
        new($"Execution log record {Id} has an unknown {column} value.");
}
