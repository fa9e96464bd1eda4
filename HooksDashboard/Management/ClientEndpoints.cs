using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Identity;
using HooksDashboard.Identity.Applications;
using HooksDashboard.RateLimits;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Management;

/// <summary>
/// <c>/api/v2/clients</c> as Auth0's Management API, over the applications the dashboard manages
/// (<see cref="IApplicationStore"/> holds the rules). Client secrets are stored hashed, so <c>client_secret</c> is in
/// the answers of create and rotate-secret only, whatever the token's scopes.
/// </summary>
public static class ClientEndpoints
{
    /// <summary>The client object's properties, in the order returned; also what <c>fields</c> accepts.</summary>
    public static IReadOnlyList<string> ClientFields { get; } =
    [
        "client_id", "tenant", "name", "global", "is_first_party", "app_type", "callbacks", "allowed_origins", "web_origins",
        "grant_types", "client_metadata", "token_endpoint_auth_method", "oidc_conformant",
    ];

    private static readonly string[] ListQuery = ["page", "per_page", "include_totals", "fields", "include_fields", "app_type", "is_global", "is_first_party"];
    private static readonly string[] FieldsQuery = ["fields", "include_fields"];
    private static readonly string[] Properties = ["name", "app_type", "callbacks", "allowed_origins", "web_origins", "grant_types", "client_metadata"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapClientEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var clients = endpoints.MapGroup(ManagementApi.BasePath + "/clients")
            .AddEndpointFilter<ManagementErrorFilter>()
            .RequireRateLimits(RateLimitScope.Management)
            .WithTags("Clients");

        clients.MapGet("", ListAsync).RequireScopes(ManagementApi.ReadClients, ManagementApi.ReadClientKeys)
            .WithName("GetClients").WithSummary("List applications")
            .Produces<ClientResponse[]>().Produces<ClientPageResponse>().Errors(400, 401, 403);
        clients.MapPost("", CreateAsync).RequireScopes(ManagementApi.CreateClients)
            .WithName("PostClients").WithSummary("Create an application (the answer holds its client_secret, shown only now)")
            .Body<ClientRequest>().Produces<ClientResponse>(StatusCodes.Status201Created).Errors(400, 401, 403, 413);
        clients.MapGet("/{id}", GetAsync).RequireScopes(ManagementApi.ReadClients, ManagementApi.ReadClientKeys)
            .WithName("GetClientsById").WithSummary("Get an application")
            .Produces<ClientResponse>().Errors(400, 401, 403, 404);
        clients.MapPatch("/{id}", UpdateAsync).RequireScopes(ManagementApi.UpdateClients, ManagementApi.UpdateClientKeys)
            .WithName("PatchClientsById").WithSummary("Update an application (client_metadata merges; a null value removes a key)")
            .Body<ClientRequest>().Produces<ClientResponse>().Errors(400, 401, 403, 404, 413);
        clients.MapDelete("/{id}", DeleteAsync).RequireScopes(ManagementApi.DeleteClients)
            .WithName("DeleteClientsById").WithSummary("Delete an application and its grants")
            .Produces(StatusCodes.Status204NoContent).Errors(401, 403, 404);
        clients.MapPost("/{id}/rotate-secret", RotateSecretAsync).RequireScopes(ManagementApi.UpdateClientKeys)
            .WithName("PostRotateSecret").WithSummary("Rotate an application's client secret (the old one stops working at once)")
            .Produces<ClientResponse>().Errors(401, 403, 404);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IApplicationStore applications, IOptions<TenantOptions> tenant, CancellationToken cancellationToken)
    {
        var query = request.Query;
        ManagementRequest.RejectUnknownQuery(query, ListQuery);
        var paging = ManagementPaging.Parse(query);
        var fields = ManagementFields.Parse(query, ClientFields);
        var appTypes = ManagementRequest.Single(query, "app_type")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknownType = appTypes?.FirstOrDefault(t => !ApplicationRules.AppTypes.Contains(t));
        if (unknownType is not null)
            throw ManagementApiException.InvalidQuery($"No enum match for: \"{unknownType}\"", "app_type");
        // Every application here is first-party and none is Auth0's global client.
        var isGlobal = ManagementRequest.QueryBool(query, "is_global");
        var isFirstParty = ManagementRequest.QueryBool(query, "is_first_party");

        var all = (await applications.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(a => appTypes is null || appTypes.Contains(a.Settings.AppType))
            .Where(_ => isGlobal != true && isFirstParty != false)
            .ToList();
        var items = new JsonArray([.. paging.Slice(all).Select(a => ManagementFields.Apply(ToJson(a, tenant.Value.Tenant, null), fields))]);
        return Results.Json(paging.Wrap("clients", items, all.Count, withLength: false), Json);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, IApplicationStore applications, IOptions<TenantOptions> tenant, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, FieldsQuery);
        var fields = ManagementFields.Parse(request.Query, ClientFields);
        var application = await RequireAsync(applications, id, cancellationToken).ConfigureAwait(false);
        return Results.Json(ManagementFields.Apply(ToJson(application, tenant.Value.Tenant, null), fields), Json);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IApplicationStore applications, IOptions<TenantOptions> tenant, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        ManagementRequest.RequireObject(body, Properties, ["name"]);
        var metadata = ReadMetadata(body);
        if (metadata is not null && metadata.FirstOrDefault(p => p.Value is null) is { Key: { } nullKey })
            throw ManagementApiException.InvalidBody("Expected type string but found type null", $"client_metadata.{nullKey}");
        var defaults = ClientSettings.Default;
        var created = await applications.CreateAsync(new NewApplication(
            ManagementRequest.OptionalString(body, "name", minLength: 1)!,
            metadata?.ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal),
            ManagementRequest.OptionalStringArray(body, "web_origins"))
        {
            Settings = new ClientSettings(
                ManagementRequest.OptionalString(body, "app_type") ?? defaults.AppType,
                ManagementRequest.OptionalStringArray(body, "callbacks") ?? defaults.Callbacks,
                ManagementRequest.OptionalStringArray(body, "allowed_origins") ?? defaults.AllowedOrigins,
                ManagementRequest.OptionalStringArray(body, "grant_types") ?? defaults.GrantTypes),
        }, cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(created.Application, tenant.Value.Tenant, created.ClientSecret), Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, IApplicationStore applications, IOptions<TenantOptions> tenant, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        ManagementRequest.RequireObject(body, Properties, []);
        var current = await RequireAsync(applications, id, cancellationToken).ConfigureAwait(false);
        var metadata = ReadMetadata(body);
        var updated = await applications.UpdateAsync(id, new ApplicationUpdate(
            ManagementRequest.OptionalString(body, "name", minLength: 1),
            metadata is null ? null : ApplicationRules.MergeMetadata(current.Metadata, metadata),
            ManagementRequest.OptionalStringArray(body, "web_origins"))
        {
            AppType = ManagementRequest.OptionalString(body, "app_type"),
            Callbacks = ManagementRequest.OptionalStringArray(body, "callbacks"),
            AllowedOrigins = ManagementRequest.OptionalStringArray(body, "allowed_origins"),
            GrantTypes = ManagementRequest.OptionalStringArray(body, "grant_types"),
        }, cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(updated, tenant.Value.Tenant, null), Json);
    }

    private static async Task<IResult> DeleteAsync(string id, IApplicationStore applications, CancellationToken cancellationToken)
    {
        await RequireAsync(applications, id, cancellationToken).ConfigureAwait(false);
        await applications.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> RotateSecretAsync(string id, IApplicationStore applications, IOptions<TenantOptions> tenant, CancellationToken cancellationToken)
    {
        await RequireAsync(applications, id, cancellationToken).ConfigureAwait(false);
        var rotated = await applications.RotateSecretAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(rotated.Application, tenant.Value.Tenant, rotated.ClientSecret), Json);
    }

    private static async Task<Application> RequireAsync(IApplicationStore applications, string id, CancellationToken cancellationToken) =>
        await applications.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw ManagementErrors.NotFound("The client does not exist", ManagementErrors.InexistentClient);

    /// <summary><c>client_metadata</c>: an object of strings, or null values (a PATCH removes those keys).</summary>
    private static Dictionary<string, string?>? ReadMetadata(JsonElement body)
    {
        if (!body.TryGetProperty("client_metadata", out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Object)
            throw ManagementApiException.InvalidBody($"Expected type object but found type {ManagementRequest.TypeOf(value)}", "client_metadata");
        var metadata = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            metadata[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                _ => throw ManagementApiException.InvalidBody($"Expected type string but found type {ManagementRequest.TypeOf(property.Value)}", $"client_metadata.{property.Name}"),
            };
        }
        return metadata;
    }

    /// <summary>Auth0's client object; <paramref name="secret"/> only right after creation or rotation.</summary>
    public static JsonObject ToJson(Application application, string tenant, string? secret)
    {
        ArgumentNullException.ThrowIfNull(application);
        var settings = application.Settings;
        var metadata = new JsonObject();
        foreach (var (key, value) in application.Metadata)
            metadata[key] = value;
        var json = new JsonObject
        {
            ["client_id"] = application.ClientId,
            ["tenant"] = tenant,
            ["name"] = application.Name,
            ["global"] = false,
            ["is_first_party"] = true,
            ["app_type"] = settings.AppType,
            ["callbacks"] = new JsonArray([.. settings.Callbacks.Select(c => (JsonNode)c)]),
            ["allowed_origins"] = new JsonArray([.. settings.AllowedOrigins.Select(c => (JsonNode)c)]),
            ["web_origins"] = new JsonArray([.. application.WebOrigins.Select(c => (JsonNode)c)]),
            ["grant_types"] = new JsonArray([.. settings.GrantTypes.Select(c => (JsonNode)c)]),
            ["client_metadata"] = metadata,
            ["token_endpoint_auth_method"] = "client_secret_post",
            ["oidc_conformant"] = true,
        };
        if (secret is not null)
            json["client_secret"] = secret;
        return json;
    }
}
