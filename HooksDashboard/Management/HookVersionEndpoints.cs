using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Audit;
using HooksDashboard.Hooks;
using HooksDashboard.RateLimits;

namespace HooksDashboard.Management;

/// <summary>
/// <c>/api/v2/hooks/{id}/versions</c>: a hook's saved versions and restoring one. Auth0 has no such endpoints for
/// hooks; these follow this API's conventions (hooks scopes, <c>page</c>/<c>per_page</c>/<c>include_totals</c>, strict
/// bodies, Auth0's error body) and the shape of Auth0's action versions (snake_case, a <c>number</c> per version,
/// restore as a POST on the version that answers the version now current).
/// </summary>
public static class HookVersionEndpoints
{
    private const int DefaultPerPage = 50;
    private const int MaxPerPage = 100;

    private static readonly string[] ListQuery = ["page", "per_page", "include_totals"];
    private static readonly string[] RestoreProperties = ["message"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapHookVersionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var versions = endpoints.MapGroup(ManagementApi.BasePath + "/hooks/{id}/versions")
            .AddEndpointFilter<ManagementErrorFilter>()
            .RequireRateLimits(RateLimitScope.Management)
            .WithTags("Hooks");

        versions.MapGet("", ListAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.ReadHooks))
            .WithName("GetHookVersions").WithSummary("Get a hook's versions, newest first (without their scripts)")
            .Produces<HookVersionResponse[]>().Produces<HookVersionPageResponse>().Errors(400, 401, 403, 404);
        versions.MapGet("/{number}", GetAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.ReadHooks))
            .WithName("GetHookVersion").WithSummary("Get one version of a hook with its script")
            .Produces<HookVersionResponse>().Errors(400, 401, 403, 404);
        versions.MapPost("/{number}/restore", RestoreAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.UpdateHooks))
            .WithName("PostHookVersionRestore")
            .WithSummary("Make a version's script and dependencies current again, as a new version; answers the version now current")
            .OptionalBody<HookRestoreRequest>().Produces<HookVersionResponse>().Errors(400, 401, 403, 404, 409, 413);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(string id, HttpRequest request, IHookStore hooks, HookVersions versions, CancellationToken cancellationToken)
    {
        var query = request.Query;
        ManagementRequest.RejectUnknownQuery(query, ListQuery);
        var page = ManagementRequest.QueryInt(query, "page", 0, int.MaxValue) ?? 0;
        var perPage = ManagementRequest.QueryInt(query, "per_page", 0, MaxPerPage) ?? DefaultPerPage;
        var includeTotals = ManagementRequest.QueryBool(query, "include_totals") ?? false;
        var hook = await hooks.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new HookNotFoundException();

        var result = await versions.ListAsync(id, page, perPage, cancellationToken).ConfigureAwait(false);
        var items = new JsonArray([.. result.Versions.Select(v => ToJson(v, null, hook.Version))]);
        if (!includeTotals)
            return Results.Json(items, Json);
        return Results.Json(new JsonObject
        {
            ["start"] = (long)page * perPage,
            ["limit"] = perPage,
            ["total"] = result.Total,
            ["versions"] = items,
        }, Json);
    }

    private static async Task<IResult> GetAsync(string id, string number, HttpRequest request, IHookStore hooks, HookVersions versions, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, []);
        var n = ParseNumber(number);
        var hook = await hooks.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new HookNotFoundException();
        var version = await versions.GetAsync(id, n, cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(version.Info, version.Script, hook.Version), Json);
    }

    private static async Task<IResult> RestoreAsync(string id, string number, HttpRequest request, HookVersions versions, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, []);
        var n = ParseNumber(number);
        string? message = null;
        // The body is optional: a bare POST restores with the default note.
        if (request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0))
        {
            var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
            ManagementRequest.RequireObject(body, RestoreProperties, []);
            message = ManagementRequest.OptionalString(body, "message");
        }
        var result = await versions.RestoreAsync(id, n, message, cancellationToken: cancellationToken).ConfigureAwait(false);
        var current = await versions.GetAsync(id, result.Hook.Version, cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(current.Info, current.Script, result.Hook.Version), Json);
    }

    /// <summary>A version number in the path: 1, 2, ... ("v3" is accepted too, as the command line writes it).</summary>
    private static int ParseNumber(string text)
    {
        var digits = text.StartsWith('v') || text.StartsWith('V') ? text[1..] : text;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            throw new ManagementApiException(StatusCodes.Status400BadRequest,
                $"Path validation error: 'Expected a version number (1, 2, ...), not \"{text}\"' on property number.", ManagementErrors.InvalidQueryString);
        return number;
    }

    /// <summary>A version as the API returns it; <paramref name="script"/> null leaves the script out (lists).</summary>
    public static JsonObject ToJson(HookVersionInfo version, string? script, int currentVersion)
    {
        ArgumentNullException.ThrowIfNull(version);
        var json = new JsonObject
        {
            ["number"] = version.Number,
            ["current"] = version.Number == currentVersion,
        };
        if (script is not null)
            json["script"] = script;
        var dependencies = new JsonObject();
        foreach (var (name, value) in version.Dependencies)
            dependencies[name] = value;
        json["dependencies"] = dependencies;
        json["secrets"] = new JsonArray([.. version.SecretNames.Select(n => (JsonNode)n)]);
        json["message"] = version.Message;
        json["created_by"] = new JsonObject
        {
            ["type"] = version.Author.Kind switch { ActorKind.Admin => "admin", ActorKind.Application => "application", _ => "system" },
            ["name"] = version.Author.Name,
        };
        json["created_at"] = version.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        json["restored_from"] = version.RestoredFrom;
        json["lines"] = version.ScriptLines;
        return json;
    }
}
