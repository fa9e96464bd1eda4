using System.Globalization;
using System.Text.Json;
using HooksDashboard.Execution;
using Microsoft.AspNetCore.WebUtilities;

namespace HooksDashboard.Logs;

/// <summary>
/// The dashboard's log download: <c>GET /dashboard-api/logs/download</c> with the Logs page's filter as query
/// parameters (<c>hook</c>, <c>point</c>, <c>source</c>, <c>outcome</c>, <c>from</c>, <c>to</c> as ISO-8601, <c>q</c>),
/// streamed as a JSON array of records. Under <see cref="BasePath"/> so it is protected with the dashboard's pages.
/// </summary>
public static class ExecutionLogEndpoints
{
    public const string BasePath = "/dashboard-api/logs";

    public const string DownloadPath = BasePath + "/download";

    public static IEndpointRouteBuilder MapExecutionLogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DownloadPath, DownloadAsync).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The download URL for a filter (what the Logs page links to).</summary>
    public static string DownloadUrl(ExecutionLogFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["hook"] = filter.HookId,
            ["point"] = filter.TriggerId,
            ["source"] = filter.Source is { } source ? ExecutionLogNames.Of(source) : null,
            ["outcome"] = filter.Outcome is { } outcome ? ExecutionLogNames.Of(outcome) : null,
            ["from"] = filter.From?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["to"] = filter.To?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["q"] = string.IsNullOrWhiteSpace(filter.Text) ? null : filter.Text,
        };
        return QueryHelpers.AddQueryString(DownloadPath, query.Where(p => p.Value is not null));
    }

    /// <summary>Reads a filter from query parameters; a bad value is a clear message, never a guess.</summary>
    public static bool TryParseFilter(IQueryCollection query, out ExecutionLogFilter filter, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        filter = ExecutionLogFilter.All;
        error = null;

        Hooks.InvocationSource? source = null;
        if (NonEmpty(query, "source") is { } sourceText)
        {
            if (!ExecutionLogNames.TryParseSource(sourceText, out var parsed))
            {
                error = $"source must be runtime, test or cli, not '{sourceText}'.";
                return false;
            }
            source = parsed;
        }
        ExecutionStatus? outcome = null;
        if (NonEmpty(query, "outcome") is { } outcomeText)
        {
            if (!ExecutionLogNames.TryParseOutcome(outcomeText, out var parsed))
            {
                error = $"outcome must be success or error, not '{outcomeText}'.";
                return false;
            }
            outcome = parsed;
        }
        if (!TryParseTime(query, "from", out var from, ref error) || !TryParseTime(query, "to", out var to, ref error))
            return false;

        filter = new ExecutionLogFilter(NonEmpty(query, "hook"), NonEmpty(query, "point"), source, outcome, from, to, NonEmpty(query, "q"));
        return true;
    }

    private static async Task DownloadAsync(HttpContext context, IExecutionLogQuery logs)
    {
        if (!TryParseFilter(context.Request.Query, out var filter, out var error))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error }, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var cancellationToken = context.RequestAborted;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.ContentDisposition =
            $"attachment; filename=\"hook-logs-{DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.json\"";

        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartArray();
        await foreach (var record in logs.StreamAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            JsonSerializer.Serialize(writer, ExecutionLogExport.From(record), ExecutionJson.Options);
            // Flushed as it goes: memory stays flat however many records match.
            if (writer.BytesPending > 32 * 1024)
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? NonEmpty(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;

    private static bool TryParseTime(IQueryCollection query, string name, out DateTimeOffset? value, ref string? error)
    {
        value = null;
        if (NonEmpty(query, name) is not { } text)
            return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }
        error = $"{name} must be an ISO-8601 date and time, not '{text}'.";
        return false;
    }
}

/// <summary>A record as downloaded: everything stored, sources and outcomes as their lowercase names, the payload as JSON.</summary>
public sealed record ExecutionLogExport(
    string Id,
    DateTimeOffset Date,
    string? HookId,
    string? HookName,
    string TriggerId,
    string Source,
    string Outcome,
    double DurationMs,
    string? RequestId,
    ExecutionError? Error,
    IReadOnlyList<ConsoleLine> Logs,
    int LogsDropped,
    JsonElement? Payload,
    IReadOnlyList<Execution.Http.HttpRequestRecord> Requests)
{
    public static ExecutionLogExport From(ExecutionLogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(
            record.Id, record.CreatedAt, record.HookId, record.HookName, record.TriggerId,
            ExecutionLogNames.Of(record.Source), ExecutionLogNames.Of(record.Outcome), record.DurationMs, record.RequestId,
            record.Error, record.Logs, record.LogsDropped,
            record.Payload is null ? null : JsonSerializer.Deserialize<JsonElement>(record.Payload),
            record.Requests);
    }
}
