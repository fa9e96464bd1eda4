using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HooksDashboard.Hooks;
using HooksDashboard.RateLimits;
using HooksDashboard.Transfer;

namespace HooksDashboard.Management;

/// <summary>
/// <c>/api/v2/hooks/import</c> and <c>/api/v2/hooks/export</c>: deploy-cli import and export for the command line (and
/// any client). Auth0 has no such endpoints. The body of an import is the hook definitions AFTER the client read its
/// files and replaced keywords — <c>{"source": "...", "hooks": [{name, triggerId, script, enabled, dependencies,
/// secrets}], "secrets": {"hook.NAME": "value"}}</c> — so the server never sees the client's files or environment;
/// <c>/import/preview</c> answers the plan and writes nothing, <c>/import</c> applies it in one transaction.
/// </summary>
public static class HookTransferEndpoints
{
    /// <summary>An import carries whole scripts (100 KB each at most): a larger bound than other bodies.</summary>
    public const int MaxImportBytes = 8 * 1024 * 1024;

    public const string ImportRefused = "import_refused";

    private static readonly string[] BodyProperties = ["source", "hooks", "secrets"];
    private static readonly string[] HookProperties = ["name", "triggerId", "script", "enabled", "dependencies", "secrets"];
    private static readonly string[] HookRequired = ["name", "triggerId", "script"];

    /// <summary>The plan's JSON: camelCase like the hooks' own API, actions as words.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IEndpointRouteBuilder MapHookTransferEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var hooks = endpoints.MapGroup(ManagementApi.BasePath + "/hooks")
            .AddEndpointFilter<ManagementErrorFilter>()
            .RequireRateLimits(RateLimitScope.Management)
            .WithTags("Hooks");

        hooks.MapPost("/import/preview", PreviewAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.ReadHooks))
            .WithName("PostHooksImportPreview").WithSummary("Plan an import of hook definitions (deploy-cli's fields) without writing anything")
            .Produces<ImportPlan>().Errors(400, 401, 403, 413);
        hooks.MapPost("/import", ApplyAsync)
            .RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.CreateHooks), ManagementApi.PolicyFor(ManagementApi.UpdateHooks))
            .WithName("PostHooksImport").WithSummary("Import hook definitions: every change in one transaction, or none")
            .Produces<ImportResult>().Errors(400, 401, 403, 404, 409, 413);
        hooks.MapGet("/export", ExportAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.ReadHooks))
            .WithName("GetHooksExport").WithSummary("Every hook as deploy-cli definitions, secret values masked")
            .Errors(401, 403);
        return endpoints;
    }

    private static async Task<IResult> PreviewAsync(HttpRequest request, HookImporter importer, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, []);
        var (set, options) = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        var plan = await importer.PreviewAsync(new HookDefinitionList(set), options, cancellationToken).ConfigureAwait(false);
        return Results.Json(plan, Json);
    }

    private static async Task<IResult> ApplyAsync(HttpRequest request, HookImporter importer, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, []);
        var (set, options) = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await importer.ApplyAsync(new HookDefinitionList(set), options, cancellationToken).ConfigureAwait(false);
            return Results.Json(result, Json);
        }
        catch (ImportRefusedException e)
        {
            // Auth0's error body, and the plan that says why (each error also in the message).
            var body = JsonSerializer.SerializeToNode(ManagementErrors.Body(StatusCodes.Status400BadRequest, e.Message, ImportRefused))!.AsObject();
            body["plan"] = JsonSerializer.SerializeToNode(e.Plan, Json);
            return Results.Json(body, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> ExportAsync(HttpRequest request, HookExporter exporter, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, []);
        var hooks = await exporter.ReadAsync(cancellationToken).ConfigureAwait(false);
        var array = new JsonArray();
        foreach (var hook in hooks)
            array.Add(ToJson(hook));
        return Results.Json(new JsonObject { ["hooks"] = array });
    }

    /// <summary>A definition as the import body and the export write it.</summary>
    public static JsonObject ToJson(HookDefinition hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        var dependencies = new JsonObject();
        foreach (var (name, version) in hook.Dependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
            dependencies[name] = version;
        var secrets = new JsonObject();
        foreach (var (name, value) in hook.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal))
            secrets[name] = value;
        return new JsonObject
        {
            ["name"] = hook.Name,
            ["triggerId"] = hook.TriggerId,
            ["script"] = hook.Script,
            ["enabled"] = hook.Enabled,
            ["dependencies"] = dependencies,
            ["secrets"] = secrets,
        };
    }

    private static async Task<(HookDefinitionSet Set, ImportOptions Options)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, MaxImportBytes, cancellationToken).ConfigureAwait(false);
        ManagementRequest.RequireObject(body, BodyProperties, ["hooks"]);
        var source = ManagementRequest.OptionalString(body, "source") ?? "request body";
        var secrets = ManagementRequest.OptionalStringMap(body, "secrets");
        var list = body.GetProperty("hooks");
        if (list.ValueKind != JsonValueKind.Array)
            throw ManagementApiException.InvalidBody($"Expected type array but found type {ManagementRequest.TypeOf(list)}", "hooks");

        var hooks = new List<HookDefinition>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"hooks[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
                throw ManagementApiException.InvalidBody($"Expected type object but found type {ManagementRequest.TypeOf(item)}", at);
            var extra = item.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !HookProperties.Contains(n));
            if (extra is not null)
                throw ManagementApiException.InvalidBody($"Additional properties not allowed: {extra}", at);
            var missing = HookRequired.FirstOrDefault(n => !item.TryGetProperty(n, out _));
            if (missing is not null)
                throw ManagementApiException.InvalidBody($"Missing required property: {missing}", at);
            var name = RequiredString(item, "name", at);
            hooks.Add(new HookDefinition(
                name,
                RequiredString(item, "triggerId", at),
                RequiredString(item, "script", at),
                ManagementRequest.OptionalBoolean(item, "enabled") ?? false,
                ManagementRequest.OptionalStringMap(item, "dependencies") ?? [],
                SecretMap(item, at),
                $"{source}, {at} ('{name}')"));
            index++;
        }
        return (new HookDefinitionSet(hooks, source, []), new ImportOptions(secrets));
    }

    private static string RequiredString(JsonElement item, string name, string at)
    {
        var value = item.GetProperty(name);
        if (value.ValueKind != JsonValueKind.String)
            throw ManagementApiException.InvalidBody($"Expected type string but found type {ManagementRequest.TypeOf(value)}", $"{at}.{name}");
        return value.GetString()!;
    }

    /// <summary>Secrets: a string, or null / the mask for "no value here" (an existing secret keeps its value).</summary>
    private static Dictionary<string, string?> SecretMap(JsonElement item, string at)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!item.TryGetProperty("secrets", out var secrets) || secrets.ValueKind == JsonValueKind.Null)
            return map;
        if (secrets.ValueKind != JsonValueKind.Object)
            throw ManagementApiException.InvalidBody($"Expected type object but found type {ManagementRequest.TypeOf(secrets)}", $"{at}.secrets");
        foreach (var property in secrets.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                _ => throw ManagementApiException.InvalidBody($"Expected type string but found type {ManagementRequest.TypeOf(property.Value)}", $"{at}.secrets.{property.Name}"),
            };
        }
        return map;
    }
}
