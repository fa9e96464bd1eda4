using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Identity.Apis;
using HooksDashboard.RateLimits;

namespace HooksDashboard.Management;

/// <summary>
/// <c>/api/v2/resource-servers</c> as Auth0's Management API, over the APIs the dashboard manages
/// (<see cref="IResourceServerStore"/> holds the rules: unique identifiers, scopes without spaces, removed scopes
/// leave every grant). Tokens are RS256 only, so <c>signing_alg</c> accepts nothing else.
/// </summary>
public static class ResourceServerEndpoints
{
    private const string SigningAlgorithm = "RS256";

    private static readonly string[] ListQuery = ["page", "per_page", "include_totals", "identifiers", "include_fields"];
    private static readonly string[] CreateProperties = ["identifier", "name", "scopes", "token_lifetime", "signing_alg"];
    private static readonly string[] UpdateProperties = ["name", "scopes", "token_lifetime", "signing_alg"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapResourceServerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var apis = endpoints.MapGroup(ManagementApi.BasePath + "/resource-servers")
            .AddEndpointFilter<ManagementErrorFilter>()
            .RequireRateLimits(RateLimitScope.Management)
            .WithTags("Resource servers");

        apis.MapGet("", ListAsync).RequireScopes(ManagementApi.ReadResourceServers)
            .WithName("GetResourceServers").WithSummary("List APIs")
            .Produces<ResourceServerResponse[]>().Produces<ResourceServerPageResponse>().Errors(400, 401, 403);
        apis.MapPost("", CreateAsync).RequireScopes(ManagementApi.CreateResourceServers)
            .WithName("PostResourceServers").WithSummary("Create an API")
            .Body<ResourceServerRequest>().Produces<ResourceServerResponse>(StatusCodes.Status201Created).Errors(400, 401, 403, 409, 413);
        apis.MapGet("/{id}", GetAsync).RequireScopes(ManagementApi.ReadResourceServers)
            .WithName("GetResourceServersById").WithSummary("Get an API by id or identifier (audience)")
            .Produces<ResourceServerResponse>().Errors(401, 403, 404);
        apis.MapPatch("/{id}", UpdateAsync).RequireScopes(ManagementApi.UpdateResourceServers)
            .WithName("PatchResourceServersById").WithSummary("Update an API (scopes removed leave every grant)")
            .Body<ResourceServerRequest>().Produces<ResourceServerResponse>().Errors(400, 401, 403, 404, 413);
        apis.MapDelete("/{id}", DeleteAsync).RequireScopes(ManagementApi.DeleteResourceServers)
            .WithName("DeleteResourceServersById").WithSummary("Delete an API and its grants (not the Management API)")
            .Produces(StatusCodes.Status204NoContent).Errors(400, 401, 403, 404);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IResourceServerStore store, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, ListQuery);
        var paging = ManagementPaging.Parse(request.Query);
        // identifiers may repeat (identifiers=a&identifiers=b), as Auth0's.
        var identifiers = request.Query.TryGetValue("identifiers", out var values) ? values.Where(v => !string.IsNullOrEmpty(v)).ToHashSet(StringComparer.Ordinal) : null;
        var all = (await store.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(a => identifiers is null || identifiers.Contains(a.Identifier))
            .ToList();
        var items = new JsonArray([.. paging.Slice(all).Select(ToJson)]);
        return Results.Json(paging.Wrap("resource_servers", items, all.Count, withLength: false), Json);
    }

    private static async Task<IResult> GetAsync(string id, IResourceServerStore store, CancellationToken cancellationToken) =>
        Results.Json(ToJson(await RequireAsync(store, id, cancellationToken).ConfigureAwait(false)), Json);

    private static async Task<IResult> CreateAsync(HttpRequest request, IResourceServerStore store, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        ManagementRequest.RequireObject(body, CreateProperties, ["identifier"]);
        RequireSigningAlgorithm(body);
        var identifier = ManagementRequest.OptionalString(body, "identifier", minLength: 1)!;
        if (await store.FindByIdentifierAsync(identifier, cancellationToken).ConfigureAwait(false) is not null)
            throw new ManagementApiException(StatusCodes.Status409Conflict, "A resource server with the same identifier already exists", ManagementErrors.Conflict);
        var created = await store.CreateAsync(new NewResourceServer(
            identifier,
            // Auth0 names an API after its identifier when no name is given.
            ManagementRequest.OptionalString(body, "name") ?? identifier,
            ReadScopes(body),
            ManagementRequest.OptionalInteger(body, "token_lifetime", 1, ApiRules.MaxTokenLifetime)), cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(created), Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, IResourceServerStore store, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        ManagementRequest.RequireObject(body, UpdateProperties, []);
        RequireSigningAlgorithm(body);
        var current = await RequireAsync(store, id, cancellationToken).ConfigureAwait(false);
        var updated = await store.UpdateAsync(current.Id, new ResourceServerUpdate(
            ManagementRequest.OptionalString(body, "name", minLength: 1),
            ReadScopes(body),
            ManagementRequest.OptionalInteger(body, "token_lifetime", 1, ApiRules.MaxTokenLifetime)), cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(updated), Json);
    }

    private static async Task<IResult> DeleteAsync(string id, IResourceServerStore store, CancellationToken cancellationToken)
    {
        var current = await RequireAsync(store, id, cancellationToken).ConfigureAwait(false);
        if (current.IsManagementApi)
            throw new ManagementApiException(StatusCodes.Status400BadRequest, "The Management API is a system resource server and cannot be deleted", "operation_not_supported");
        await store.DeleteAsync(current.Id, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    /// <summary>
    /// By id, or by identifier (audience) as Auth0 also accepts. The server leaves <c>%2F</c> encoded in a path (it
    /// would change the segments), so an identifier's slashes arrive as <c>%2F</c>, as SDKs encode them.
    /// </summary>
    private static async Task<ResourceServer> RequireAsync(IResourceServerStore store, string idOrIdentifier, CancellationToken cancellationToken) =>
        await store.GetAsync(idOrIdentifier, cancellationToken).ConfigureAwait(false)
            ?? await store.FindByIdentifierAsync(idOrIdentifier.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase), cancellationToken).ConfigureAwait(false)
            ?? throw ManagementErrors.NotFound("The resource server does not exist", ManagementErrors.InexistentResourceServer);

    private static void RequireSigningAlgorithm(JsonElement body)
    {
        if (ManagementRequest.OptionalString(body, "signing_alg") is { } algorithm && algorithm != SigningAlgorithm)
            throw ManagementApiException.InvalidBody($"Only {SigningAlgorithm} is supported; this server signs every token with its RSA key", "signing_alg");
    }

    private static List<ApiScope>? ReadScopes(JsonElement body)
    {
        if (!body.TryGetProperty("scopes", out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Array)
            throw ManagementApiException.InvalidBody($"Expected type array but found type {ManagementRequest.TypeOf(value)}", "scopes");
        var scopes = new List<ApiScope>();
        foreach (var item in value.EnumerateArray())
        {
            var at = $"scopes[{scopes.Count}]";
            if (item.ValueKind != JsonValueKind.Object)
                throw ManagementApiException.InvalidBody($"Expected type object but found type {ManagementRequest.TypeOf(item)}", at);
            ManagementRequest.RequireObject(item, ["value", "description"], ["value"]);
            scopes.Add(new ApiScope(
                ManagementRequest.OptionalString(item, "value", minLength: 1)!,
                ManagementRequest.OptionalString(item, "description") ?? ""));
        }
        return scopes;
    }

    /// <summary>Auth0's resource server object.</summary>
    public static JsonObject ToJson(ResourceServer api)
    {
        ArgumentNullException.ThrowIfNull(api);
        return new JsonObject
        {
            ["id"] = api.Id,
            ["name"] = api.Name,
            ["is_system"] = api.IsManagementApi,
            ["identifier"] = api.Identifier,
            ["scopes"] = new JsonArray([.. api.Scopes.Select(s => (JsonNode)new JsonObject { ["value"] = s.Value, ["description"] = s.Description })]),
            ["signing_alg"] = SigningAlgorithm,
            ["allow_offline_access"] = false,
            ["token_lifetime"] = api.TokenLifetime,
            ["token_lifetime_for_web"] = api.TokenLifetime,
            ["skip_consent_for_verifiable_first_party_clients"] = true,
        };
    }
}
