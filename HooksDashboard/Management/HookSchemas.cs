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
