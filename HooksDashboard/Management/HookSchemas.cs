using System.Text.Json.Serialization;

namespace HooksDashboard.Management;

// The shapes the OpenAPI document describes. The endpoints read and write JSON themselves (strictly, with
// Auth0's messages), so these records are the documentation of those shapes, kept next to them.

/// <summary>A hook as the Management API returns it.</summary>
public sealed record HookResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("script")] string Script,
    [property: JsonPropertyName("dependencies")] IReadOnlyDictionary<string, string> Dependencies,
    [property: JsonPropertyName("triggerId")] string TriggerId,
    [property: JsonPropertyName("enabled")] bool Enabled);

/// <summary>A page of hooks with <c>include_totals=true</c>.</summary>
public sealed record HookPageResponse(
    [property: JsonPropertyName("start")] long Start,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("hooks")] IReadOnlyList<HookResponse> Hooks);

/// <summary>POST /hooks: name, script and triggerId are required; enabled defaults to false; no other property.</summary>
public sealed record HookCreateRequest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("script")] string Script,
    [property: JsonPropertyName("triggerId")] string TriggerId,
    [property: JsonPropertyName("enabled")] bool? Enabled,
    [property: JsonPropertyName("dependencies")] IReadOnlyDictionary<string, string>? Dependencies);

/// <summary>PATCH /hooks/{id}: at least one property; the triggerId cannot change.</summary>
public sealed record HookUpdateRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("script")] string? Script,
    [property: JsonPropertyName("enabled")] bool? Enabled,
    [property: JsonPropertyName("dependencies")] IReadOnlyDictionary<string, string>? Dependencies);

/// <summary>Who saved a version: <c>type</c> is admin, application or system; <c>name</c> an email, a client_id or "system".</summary>
public sealed record HookVersionAuthorResponse(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("name")] string Name);

/// <summary>
/// A hook version (our extension; Auth0 keeps none for hooks). Lists leave out <c>script</c>; <c>current</c> marks the
/// version that runs now.
/// </summary>
public sealed record HookVersionResponse(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("current")] bool Current,
    [property: JsonPropertyName("script")] string? Script,
    [property: JsonPropertyName("dependencies")] IReadOnlyDictionary<string, string> Dependencies,
    [property: JsonPropertyName("secrets")] IReadOnlyList<string> Secrets,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("created_by")] HookVersionAuthorResponse CreatedBy,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("restored_from")] int? RestoredFrom,
    [property: JsonPropertyName("lines")] int Lines);

/// <summary>A page of versions with <c>include_totals=true</c>.</summary>
public sealed record HookVersionPageResponse(
    [property: JsonPropertyName("start")] long Start,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("versions")] IReadOnlyList<HookVersionResponse> Versions);

/// <summary>POST .../versions/{number}/restore: an optional note for the new version (default "Restored from version N").</summary>
public sealed record HookRestoreRequest(
    [property: JsonPropertyName("message")] string? Message);
