using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;

namespace HooksDashboard.Management;

/// <summary>Auth0's error body: <c>{"statusCode","error","message","errorCode"}</c>.</summary>
public sealed record ManagementErrorBody(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("errorCode"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorCode);

/// <summary>
/// A request the Management API refuses, thrown by parsing and validation and turned into Auth0's error body
/// by the endpoints' filter (one place maps every refusal).
/// </summary>
public sealed class ManagementApiException(int statusCode, string message, string? errorCode) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string? ErrorCode { get; } = errorCode;

    /// <summary>400 <c>invalid_body</c>: "Payload validation error: '...'".</summary>
    public static ManagementApiException InvalidBody(string problem, string? property = null) =>
        new(StatusCodes.Status400BadRequest,
            $"Payload validation error: '{problem}'{(property is null ? "" : $" on property {property}")}.",
            ManagementErrors.InvalidBody);

    /// <summary>400 <c>invalid_query_string</c>: "Query validation error: '...'".</summary>
    public static ManagementApiException InvalidQuery(string problem, string? parameter = null) =>
        new(StatusCodes.Status400BadRequest,
            $"Query validation error: '{problem}'{(parameter is null ? "" : $" on property {parameter}")}.",
            ManagementErrors.InvalidQueryString);
}

/// <summary>Error codes and the writer of Auth0's error body.</summary>
public static class ManagementErrors
{
    public const string InvalidBody = "invalid_body";
    public const string InvalidQueryString = "invalid_query_string";
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";
    public const string HookDoesNotExist = "HookDoesNotExist";
    public const string HookConflict = "HookConflict";
    public const string PayloadTooLarge = "payload_too_large";
    public const string InexistentUser = "inexistent_user";
    public const string UserConflict = "auth0_idp_error";
    public const string InexistentClient = "inexistent_client";
    public const string InexistentResourceServer = "inexistent_resource_server";
    public const string InexistentClientGrant = "inexistent_client_grant";
    public const string Conflict = "conflict";

    /// <summary>404 with Auth0's message and code for a resource that does not exist.</summary>
    public static ManagementApiException NotFound(string message, string errorCode) => new(StatusCodes.Status404NotFound, message, errorCode);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The body for a status, e.g. 404 → <c>"error":"Not Found"</c>.</summary>
    public static ManagementErrorBody Body(int statusCode, string message, string? errorCode) =>
        new(statusCode, ReasonPhrases.GetReasonPhrase(statusCode), message, errorCode);

    public static IResult Result(int statusCode, string message, string? errorCode) =>
        Results.Json(Body(statusCode, message, errorCode), Options, statusCode: statusCode);

    /// <summary>Writes the body directly, for refusals made before an endpoint runs (authentication, authorization).</summary>
    public static async Task WriteAsync(HttpResponse response, int statusCode, string message, string? errorCode)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = statusCode;
        await response.WriteAsJsonAsync(Body(statusCode, message, errorCode), Options).ConfigureAwait(false);
    }
}
