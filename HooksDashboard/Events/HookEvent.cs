using System.Text.Json.Serialization;

namespace HooksDashboard.Events;

/// <summary>Where a queued hook event stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HookEventStatus>))]
public enum HookEventStatus
{
    /// <summary>Waiting to run, or waiting for its next attempt.</summary>
    [JsonStringEnumMemberName("pending")] Pending,
    /// <summary>Leased by a worker; a lease that runs out (the process stopped) makes it due again.</summary>
    [JsonStringEnumMemberName("running")] Running,
    /// <summary>Ran: the hook succeeded, or the point had no enabled hook.</summary>
    [JsonStringEnumMemberName("done")] Done,
    /// <summary>Every attempt failed, or the failure could not change on retry (bad payload, syntax error).</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>
/// One invocation of a non-blocking point (post-user-registration, post-change-password) waiting in, or
/// recorded by, the durable queue.
/// </summary>
/// <param name="Id">A ULID: events sort by creation.</param>
/// <param name="Payload">The point's payload as JSON text.</param>
/// <param name="RequestId">The HTTP request that caused the event, passed on to the runner for logs.</param>
/// <param name="Attempts">How many times a worker started it.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="Result">The last attempt's execution result (shared result JSON); null when no hook was enabled.</param>
public sealed record HookEvent(
    string Id,
    string TriggerId,
    string Payload,
    string? RequestId,
    HookEventStatus Status,
    int Attempts,
    DateTimeOffset AvailableAt,
    DateTimeOffset? LeaseUntil,
    string? LastError,
    string? Result,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
