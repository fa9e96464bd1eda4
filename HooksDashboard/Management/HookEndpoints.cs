using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.RateLimits;
using HooksDashboard.Storage;

namespace HooksDashboard.Management;

/// <summary>
/// <c>/api/v2/hooks</c>, as Auth0's Management API: the same paths, parameters, bodies, status codes and
/// error bodies, so Auth0's SDKs and scripts work unchanged. Thin: the hook store does the work and owns
/// the rules (names, one enabled hook per point); refusals become Auth0's errors in <see cref="ManagementErrorFilter"/>.
/// </summary>
public static class HookEndpoints
{
    /// <summary>The hook object's properties, in the order Auth0 returns them; also the values <c>fields</c> accepts.</summary>
    public static IReadOnlyList<string> HookFields { get; } = ["id", "name", "script", "dependencies", "triggerId", "enabled"];

    private const int DefaultPerPage = 50;
    private const int MaxPerPage = 100;

    private static readonly string[] ListQuery = ["page", "per_page", "include_totals", "enabled", "fields", "triggerId"];
    private static readonly string[] GetQuery = ["fields"];
    private static readonly string[] LogsQuery = ["per_page"];
    private static readonly string[] CreateProperties = ["name", "script", "triggerId", "enabled", "dependencies"];
    private static readonly string[] CreateRequired = ["name", "script", "triggerId"];
    private static readonly string[] UpdateProperties = ["name", "script", "enabled", "dependencies"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapHookEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var hooks = endpoints.MapGroup(ManagementApi.BasePath + "/hooks")
            .AddEndpointFilter<ManagementErrorFilter>()
            .RequireRateLimits(RateLimitScope.Management)
            .WithTags("Hooks");

        hooks.MapGet("", ListAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.ReadHooks))
            .WithName("GetHooks").WithSummary("Get hooks")
            .Produces<HookResponse[]>().Produces<HookPageResponse>().Errors(400, 401, 403);
        hooks.MapPost("", CreateAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.CreateHooks))
            .WithName("PostHooks").WithSummary("Create a hook")
            .Body<HookCreateRequest>().Produces<HookResponse>(StatusCodes.Status201Created).Errors(400, 401, 403, 409, 413);
        hooks.MapGet("/{id}", GetAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.ReadHooks))
            .WithName("GetHooksById").WithSummary("Get a hook")
            .Produces<HookResponse>().Errors(400, 401, 403, 404);
        hooks.MapPatch("/{id}", UpdateAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.UpdateHooks))
            .WithName("PatchHooksById").WithSummary("Update a hook")
            .Body<HookUpdateRequest>().Produces<HookResponse>().Errors(400, 401, 403, 404, 409, 413);
        hooks.MapDelete("/{id}", DeleteAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.DeleteHooks))
            .WithName("DeleteHooksById").WithSummary("Delete a hook")
            .Produces(StatusCodes.Status204NoContent).Errors(401, 403, 404);

        hooks.MapGet("/{id}/secrets", GetSecretsAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.ReadHooks))
            .WithName("GetSecrets").WithSummary("Get hook secrets (values masked)")
            .Produces<Dictionary<string, string>>().Errors(401, 403, 404);
        hooks.MapPost("/{id}/secrets", AddSecretsAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.CreateHooks))
            .WithName("PostSecrets").WithSummary("Add hook secrets")
            .Body<Dictionary<string, string>>().Produces<Dictionary<string, string>>(StatusCodes.Status201Created).Errors(400, 401, 403, 404, 409, 413);
        hooks.MapPatch("/{id}/secrets", UpdateSecretsAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.UpdateHooks))
            .WithName("PatchSecrets").WithSummary("Update hook secrets")
            .Body<Dictionary<string, string>>().Produces<Dictionary<string, string>>().Errors(400, 401, 403, 404, 413);
        hooks.MapDelete("/{id}/secrets", DeleteSecretsAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.DeleteHooks))
            .WithName("DeleteSecrets").WithSummary("Delete hook secrets")
            .Body<string[]>().Produces(StatusCodes.Status204NoContent).Errors(400, 401, 403, 404, 413);

        hooks.MapGet("/{id}/logs", GetLogsAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.ReadHooks))
            .WithName("GetHookLogs").WithSummary("Get a hook's newest execution records, newest first")
            .Produces<HookLogEntry[]>().Errors(400, 401, 403, 404);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IHookStore store, KnownTriggerIds triggers, CancellationToken cancellationToken)
    {
        var query = request.Query;
        ManagementRequest.RejectUnknownQuery(query, ListQuery);
        var page = ManagementRequest.QueryInt(query, "page", 0, int.MaxValue) ?? 0;
        var perPage = ManagementRequest.QueryInt(query, "per_page", 0, MaxPerPage) ?? DefaultPerPage;
        var includeTotals = ManagementRequest.QueryBool(query, "include_totals") ?? false;
        var enabled = ManagementRequest.QueryBool(query, "enabled");
        var fields = ParseFields(query);
        var triggerId = ManagementRequest.Single(query, "triggerId");
        if (triggerId is not null && !triggers.Contains(triggerId))
            throw ManagementApiException.InvalidQuery($"No enum match for: \"{triggerId}\"", "triggerId");

        var filter = new HookQuery(triggerId, enabled, page, perPage);
        var hooks = new JsonArray([.. (await store.ListAsync(filter, cancellationToken).ConfigureAwait(false)).Select(h => ToJson(h, fields))]);
        if (!includeTotals)
            return Results.Json(hooks, Json);
        var total = await store.CountAsync(filter, cancellationToken).ConfigureAwait(false);
        return Results.Json(new JsonObject
        {
            ["start"] = (long)page * perPage,
            ["limit"] = perPage,
            ["total"] = total,
            ["hooks"] = hooks,
        }, Json);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, IHookStore store, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, GetQuery);
        var fields = ParseFields(request.Query);
        var hook = await store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new HookNotFoundException();
        return Results.Json(ToJson(hook, fields), Json);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IHookStore store, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        ManagementRequest.RequireObject(body, CreateProperties, CreateRequired);
        var hook = new NewHook(
            ManagementRequest.OptionalString(body, "name", minLength: 1)!,
            ManagementRequest.OptionalString(body, "triggerId", minLength: 1)!,
            ManagementRequest.OptionalString(body, "script", minLength: 1)!,
            // Auth0's API creates disabled hooks unless asked; null would mean the dashboard's first-hook rule.
            ManagementRequest.OptionalBoolean(body, "enabled") ?? false,
            ManagementRequest.OptionalStringMap(body, "dependencies"));
        var created = await store.CreateAsync(hook, cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(created, null), Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, IHookStore store, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        ManagementRequest.RequireObject(body, UpdateProperties, [], minProperties: 1);
        var update = new HookUpdate(
            ManagementRequest.OptionalString(body, "name", minLength: 1),
            ManagementRequest.OptionalString(body, "script", minLength: 1),
            ManagementRequest.OptionalBoolean(body, "enabled"),
            ManagementRequest.OptionalStringMap(body, "dependencies"));
        // ?runTests=true: the hook's saved test cases must pass against the new code of a live hook first.
        if (await HookTestCaseEndpoints.CheckBeforeUpdateAsync(id, update, request, cancellationToken).ConfigureAwait(false) is { } refused)
            return refused;
        var updated = await store.UpdateAsync(id, update, cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(updated, null), Json);
    }

    private static async Task<IResult> DeleteAsync(string id, IHookStore store, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> GetSecretsAsync(string id, IHookStore store, CancellationToken cancellationToken)
    {
        await RequireHookAsync(store, id, cancellationToken).ConfigureAwait(false);
        var names = await store.ListSecretNamesAsync(id, cancellationToken).ConfigureAwait(false);
        var masked = new JsonObject();
        foreach (var name in names)
            masked[name] = HookRules.SecretMask;
        return Results.Json(masked, Json);
    }

    private static async Task<IResult> AddSecretsAsync(string id, HttpRequest request, IHookStore store, CancellationToken cancellationToken)
    {
        var secrets = await ReadSecretsAsync(request, cancellationToken).ConfigureAwait(false);
        await store.AddSecretsAsync(id, secrets, cancellationToken).ConfigureAwait(false);
        return Results.Json(new JsonObject(), Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateSecretsAsync(string id, HttpRequest request, IHookStore store, CancellationToken cancellationToken)
    {
        var secrets = await ReadSecretsAsync(request, cancellationToken).ConfigureAwait(false);
        await store.UpdateSecretsAsync(id, secrets, cancellationToken).ConfigureAwait(false);
        return Results.Json(new JsonObject(), Json);
    }

    private static async Task<IResult> DeleteSecretsAsync(string id, HttpRequest request, IHookStore store, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        await store.DeleteSecretsAsync(id, ManagementRequest.StringArray(body), cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> GetLogsAsync(string id, HttpRequest request, IHookStore store, IExecutionLogQuery logs, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, LogsQuery);
        var limit = ManagementRequest.QueryInt(request.Query, "per_page", 1, ExecutionLogPageRequest.MaxLimit) ?? DefaultPerPage;
        await RequireHookAsync(store, id, cancellationToken).ConfigureAwait(false);
        var entries = await logs.ListHookLogsAsync(id, limit, cancellationToken).ConfigureAwait(false);
        return Results.Json(entries, ExecutionJson.Options);
    }

    private static async Task<Dictionary<string, string>> ReadSecretsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        var secrets = ManagementRequest.OptionalStringMap(body, null)!;
        if (secrets.Count == 0)
            throw ManagementApiException.InvalidBody("Too few properties defined (0), minimum 1");
        return secrets;
    }

    private static async Task RequireHookAsync(IHookStore store, string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
            throw new HookNotFoundException();
    }

    private static HashSet<string>? ParseFields(IQueryCollection query)
    {
        var text = ManagementRequest.Single(query, "fields");
        if (string.IsNullOrEmpty(text))
            return null;
        var fields = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = fields.FirstOrDefault(f => !HookFields.Contains(f));
        if (unknown is not null)
            throw ManagementApiException.InvalidQuery($"Unknown field '{unknown}'; expected any of: {string.Join(",", HookFields)}", "fields");
        return fields;
    }

    /// <summary>Auth0's hook object, limited to <paramref name="fields"/> when given.</summary>
    public static JsonObject ToJson(Hook hook, IReadOnlySet<string>? fields)
    {
        ArgumentNullException.ThrowIfNull(hook);
        var json = new JsonObject();
        void Add(string name, JsonNode? value)
        {
            if (fields is null || fields.Contains(name))
                json[name] = value;
        }
        Add("id", hook.Id);
        Add("name", hook.Name);
        Add("script", hook.Script);
        var dependencies = new JsonObject();
        foreach (var (name, version) in hook.Dependencies)
            dependencies[name] = version;
        Add("dependencies", dependencies);
        Add("triggerId", hook.TriggerId);
        Add("enabled", hook.Enabled);
        return json;
    }
}
