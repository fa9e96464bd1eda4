using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Grants;
using HooksDashboard.RateLimits;

namespace HooksDashboard.Management;

/// <summary>
/// <c>/api/v2/client-grants</c> as Auth0's Management API, over <see cref="IClientGrantStore"/> (one grant per
/// application and API, holding only scopes the API defines).
/// </summary>
public static class ClientGrantEndpoints
{
    private static readonly string[] ListQuery = ["page", "per_page", "include_totals", "audience", "client_id"];
    private static readonly string[] CreateProperties = ["client_id", "audience", "scope"];
    private static readonly string[] UpdateProperties = ["scope"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapClientGrantEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var grants = endpoints.MapGroup(ManagementApi.BasePath + "/client-grants")
            .AddEndpointFilter<ManagementErrorFilter>()
            .RequireRateLimits(RateLimitScope.Management)
            .WithTags("Client grants");

        grants.MapGet("", ListAsync).RequireScopes(ManagementApi.ReadClientGrants)
            .WithName("GetClientGrants").WithSummary("List client grants, optionally of one audience or application")
            .Produces<ClientGrantResponse[]>().Produces<ClientGrantPageResponse>().Errors(400, 401, 403);
        grants.MapPost("", CreateAsync).RequireScopes(ManagementApi.CreateClientGrants)
            .WithName("PostClientGrants").WithSummary("Grant an application access to an API with scopes")
            .Body<ClientGrantCreateRequest>().Produces<ClientGrantResponse>(StatusCodes.Status201Created).Errors(400, 401, 403, 404, 409, 413);
        grants.MapPatch("/{id}", UpdateAsync).RequireScopes(ManagementApi.UpdateClientGrants)
            .WithName("PatchClientGrantsById").WithSummary("Replace a client grant's scopes")
            .Body<ClientGrantUpdateRequest>().Produces<ClientGrantResponse>().Errors(400, 401, 403, 404, 413);
        grants.MapDelete("/{id}", DeleteAsync).RequireScopes(ManagementApi.DeleteClientGrants)
            .WithName("DeleteClientGrantsById").WithSummary("Delete a client grant")
            .Produces(StatusCodes.Status204NoContent).Errors(401, 403, 404);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IClientGrantStore store, CancellationToken cancellationToken)
    {
        var query = request.Query;
        ManagementRequest.RejectUnknownQuery(query, ListQuery);
        var paging = ManagementPaging.Parse(query);
        var audience = ManagementRequest.Single(query, "audience");
        var clientId = ManagementRequest.Single(query, "client_id");
        var all = (clientId is null
                ? await store.ListAsync(cancellationToken).ConfigureAwait(false)
                : await store.ListForApplicationAsync(clientId, cancellationToken).ConfigureAwait(false))
            .Where(g => audience is null || g.Audience == audience)
            .ToList();
        var items = new JsonArray([.. paging.Slice(all).Select(g => (JsonNode)ToJson(g))]);
        return Results.Json(paging.Wrap("client_grants", items, all.Count, withLength: false), Json);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IClientGrantStore store, IApplicationStore applications, IResourceServerStore apis, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        ManagementRequest.RequireObject(body, CreateProperties, ["client_id", "audience", "scope"]);
        var clientId = ManagementRequest.OptionalString(body, "client_id", minLength: 1)!;
        var audience = ManagementRequest.OptionalString(body, "audience", minLength: 1)!;
        var scopes = ManagementRequest.OptionalStringArray(body, "scope")!;
        if (await applications.GetAsync(clientId, cancellationToken).ConfigureAwait(false) is null)
            throw ManagementErrors.NotFound("The client does not exist", ManagementErrors.InexistentClient);
        var api = await apis.FindByIdentifierAsync(audience, cancellationToken).ConfigureAwait(false)
            ?? throw ManagementErrors.NotFound($"No resource server found for audience: {audience}", ManagementErrors.InexistentResourceServer);
        if (await store.FindAsync(clientId, audience, cancellationToken).ConfigureAwait(false) is not null)
            throw new ManagementApiException(StatusCodes.Status409Conflict, "A client grant for this client and audience already exists", ManagementErrors.Conflict);
        var created = await store.CreateAsync(clientId, api.Id, scopes, cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(created), Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, IClientGrantStore store, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        ManagementRequest.RequireObject(body, UpdateProperties, [], minProperties: 1);
        var scopes = ManagementRequest.OptionalStringArray(body, "scope")!;
        await RequireAsync(store, id, cancellationToken).ConfigureAwait(false);
        var updated = await store.UpdateAsync(id, scopes, cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(updated), Json);
    }

    private static async Task<IResult> DeleteAsync(string id, IClientGrantStore store, CancellationToken cancellationToken)
    {
        await RequireAsync(store, id, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task RequireAsync(IClientGrantStore store, string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
            throw ManagementErrors.NotFound("The client grant does not exist", ManagementErrors.InexistentClientGrant);
    }

    /// <summary>Auth0's client grant object.</summary>
    public static JsonObject ToJson(ClientGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return new JsonObject
        {
            ["id"] = grant.Id,
            ["client_id"] = grant.ClientId,
            ["audience"] = grant.Audience,
            ["scope"] = new JsonArray([.. grant.Scopes.Select(s => (JsonNode)s)]),
        };
    }
}
