using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HooksDashboard.Hooks;
using HooksDashboard.Hooks.TestCases;
using HooksDashboard.RateLimits;

namespace HooksDashboard.Management;

/// <summary>
/// <c>/api/v2/hooks/{id}/test-cases</c>: a hook's saved test cases and running them (our extension; Auth0 had none).
/// Bodies are the case shape of <see cref="TestCaseJson"/> (the same as a <c>run-hook --cases</c> file); answers add
/// <c>id</c>, <c>created_at</c> and <c>updated_at</c> and mask secret override values as the secrets endpoints do. A
/// masked value sent back keeps the stored one. Runs answer the report shape of <see cref="TestCaseReportJson"/>.
/// Scopes: read:hooks to read, create:hooks to add, update:hooks to change and to run (a run executes the hook's code
/// with its secrets), delete:hooks to delete.
/// </summary>
public static class HookTestCaseEndpoints
{
    private static readonly string[] RunProperties = ["script", "dependencies", "cases"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapHookTestCaseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var cases = endpoints.MapGroup(ManagementApi.BasePath + "/hooks/{id}/test-cases")
            .AddEndpointFilter<ManagementErrorFilter>()
            .RequireRateLimits(RateLimitScope.Management)
            .WithTags("Hooks");

        cases.MapGet("", ListAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.ReadHooks))
            .WithName("GetHookTestCases").WithSummary("Get a hook's saved test cases, by name (secret override values masked)")
            .Produces<JsonObject[]>().Errors(400, 401, 403, 404);
        cases.MapPost("", CreateAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.CreateHooks))
            .WithName("PostHookTestCase").WithSummary("Add a test case to a hook")
            .Body<TestCaseRequest>().Produces<JsonObject>(StatusCodes.Status201Created).Errors(400, 401, 403, 404, 409, 413);
        cases.MapPost("/run", RunAllAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.UpdateHooks))
            .WithName("PostHookTestCasesRun")
            .WithSummary("Run a hook's test cases (all, or those named) against its saved code or the script and dependencies given")
            .OptionalBody<TestCaseRunRequest>().Produces<JsonObject>().Errors(400, 401, 403, 404, 413);
        cases.MapGet("/{caseId}", GetAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.ReadHooks))
            .WithName("GetHookTestCase").WithSummary("Get one test case")
            .Produces<JsonObject>().Errors(400, 401, 403, 404);
        cases.MapPatch("/{caseId}", UpdateAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.UpdateHooks))
            .WithName("PatchHookTestCase").WithSummary("Change a test case: the properties given replace the stored ones")
            .Body<TestCaseRequest>().Produces<JsonObject>().Errors(400, 401, 403, 404, 409, 413);
        cases.MapDelete("/{caseId}", DeleteAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.DeleteHooks))
            .WithName("DeleteHookTestCase").WithSummary("Delete a test case")
            .Produces(StatusCodes.Status204NoContent).Errors(401, 403, 404);
        cases.MapPost("/{caseId}/run", RunOneAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.UpdateHooks))
            .WithName("PostHookTestCaseRun").WithSummary("Run one test case against the hook's saved code")
            .Produces<JsonObject>().Errors(401, 403, 404);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(string id, HttpRequest request, IHookStore hooks, ITestCaseStore store, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, []);
        await RequireHookAsync(hooks, id, cancellationToken).ConfigureAwait(false);
        var cases = await store.ListAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.Json(new JsonArray([.. cases.Select(c => (JsonNode)ToJson(c))]), Json);
    }

    private static async Task<IResult> GetAsync(string id, string caseId, HttpRequest request, IHookStore hooks, ITestCaseStore store, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, []);
        await RequireHookAsync(hooks, id, cancellationToken).ConfigureAwait(false);
        var found = await store.GetAsync(id, caseId, cancellationToken).ConfigureAwait(false) ?? throw new HookNotFoundException(TestCaseMessages.NotFound);
        return Results.Json(ToJson(found), Json);
    }

    private static async Task<IResult> CreateAsync(string id, HttpRequest request, IHookStore hooks, ITestCaseStore store, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, []);
        var body = await ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        await RequireHookAsync(hooks, id, cancellationToken).ConfigureAwait(false);
        var definition = TestCaseJson.KeepMaskedSecrets(TestCaseJson.Parse(body), new Dictionary<string, string>());
        var created = await store.CreateAsync(id, definition, cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(created), Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string id, string caseId, HttpRequest request, IHookStore hooks, ITestCaseStore store, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, []);
        var body = await ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Count == 0)
            throw ManagementApiException.InvalidBody("Too few properties defined (0), minimum 1");
        await RequireHookAsync(hooks, id, cancellationToken).ConfigureAwait(false);
        var existing = await store.GetAsync(id, caseId, cancellationToken).ConfigureAwait(false) ?? throw new HookNotFoundException(TestCaseMessages.NotFound);

        // The properties given replace the stored ones; the rest is kept (secrets in clear, then masked ones kept).
        var merged = TestCaseJson.ToJson(existing.Definition, maskSecrets: false);
        foreach (var (name, value) in body)
            merged[name] = value?.DeepClone();
        var definition = TestCaseJson.KeepMaskedSecrets(TestCaseJson.Parse(merged), existing.Definition.Secrets);
        var updated = await store.UpdateAsync(id, caseId, definition, cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(updated), Json);
    }

    private static async Task<IResult> DeleteAsync(string id, string caseId, IHookStore hooks, ITestCaseStore store, CancellationToken cancellationToken)
    {
        await RequireHookAsync(hooks, id, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(id, caseId, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> RunAllAsync(string id, HttpRequest request, ITestCaseStore store, TestCaseRunner runner, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, []);
        string? script = null;
        Dictionary<string, string>? dependencies = null;
        List<string>? ids = null;
        // The body is optional: a bare POST runs every case against the saved code.
        if (request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0))
        {
            var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
            ManagementRequest.RequireObject(body, RunProperties, []);
            script = ManagementRequest.OptionalString(body, "script", minLength: 1);
            if (script is not null && HookRules.ValidateScript(script) is { } scriptProblem)
                throw ManagementApiException.InvalidBody(scriptProblem.TrimEnd('.'), "script");
            dependencies = ManagementRequest.OptionalStringMap(body, "dependencies");
            if (HookRules.ValidateDependencies(dependencies) is { } dependencyProblem)
                throw ManagementApiException.InvalidBody(dependencyProblem.TrimEnd('.'), "dependencies");
            if (ManagementRequest.OptionalStringArray(body, "cases") is { } names)
            {
                // Cases are named by id or by name, as the command line's --case.
                var all = await store.ListAsync(id, cancellationToken).ConfigureAwait(false);
                ids = [];
                foreach (var name in names)
                {
                    var found = all.FirstOrDefault(c => c.Id == name) ?? all.FirstOrDefault(c => c.Name == name)
                        ?? throw new ManagementApiException(StatusCodes.Status404NotFound, $"{TestCaseMessages.NotFound}: '{name}'", ManagementErrors.HookDoesNotExist);
                    ids.Add(found.Id);
                }
            }
        }
        var report = await runner.RunHookAsync(id, script, dependencies, ids, cancellationToken).ConfigureAwait(false);
        return Results.Json(TestCaseReportJson.ToJson(report), Json);
    }

    private static async Task<IResult> RunOneAsync(string id, string caseId, HttpRequest request, TestCaseRunner runner, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, []);
        var report = await runner.RunHookAsync(id, caseIds: [caseId], cancellationToken: cancellationToken).ConfigureAwait(false);
        return Results.Json(TestCaseReportJson.ToJson(report), Json);
    }

    /// <summary>
    /// <c>PATCH /api/v2/hooks/{id}?runTests=true</c>: when the patch changes the code (script or dependencies) of a hook
    /// that is enabled (or that the patch enables), the hook's test cases run against the new code first; a failure
    /// refuses the patch (400 <c>test_cases_failed</c>, the report under <c>tests</c>) and nothing is saved. Without
    /// the parameter a PATCH behaves as Auth0's. Returns null when the patch may go ahead.
    /// </summary>
    public static async Task<IResult?> CheckBeforeUpdateAsync(string id, HookUpdate update, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(request);
        var runTests = ManagementRequest.QueryBool(request.Query, RunTestsParameter) ?? false;
        if (!runTests)
            return null;
        var services = request.HttpContext.RequestServices;
        var hook = await services.GetRequiredService<IHookStore>().GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new HookNotFoundException();
        var liveAfter = update.Enabled ?? hook.Enabled;
        var codeChanges = (update.Script is not null && update.Script != hook.Script) || update.Dependencies is not null;
        if (!liveAfter || !(codeChanges || (update.Enabled == true && !hook.Enabled)))
            return null;
        var report = await services.GetRequiredService<TestCaseRunner>()
            .RunHookAsync(id, update.Script ?? hook.Script, update.Dependencies ?? hook.Dependencies, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (report.AllPassed)
            return null;
        var message = $"Not saved: {report.Summary}. " + string.Join(" ", report.Results.Where(r => !r.Passed).Take(5)
            .Select(r => $"'{r.Name}': {string.Join("; ", r.Failures.Take(3))}."));
        var body = new JsonObject
        {
            ["statusCode"] = StatusCodes.Status400BadRequest,
            ["error"] = "Bad Request",
            ["message"] = message,
            ["errorCode"] = TestCasesFailed,
            ["tests"] = TestCaseReportJson.ToJson(report),
        };
        return Results.Json(body, Json, statusCode: StatusCodes.Status400BadRequest);
    }

    /// <summary>The query parameter of <c>PATCH /api/v2/hooks/{id}</c> that runs the test cases first.</summary>
    public const string RunTestsParameter = "runTests";

    /// <summary>The error code of a patch refused because test cases failed.</summary>
    public const string TestCasesFailed = "test_cases_failed";

    private static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var element = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (element.ValueKind != JsonValueKind.Object)
            throw ManagementApiException.InvalidBody($"Expected type object but found type {ManagementRequest.TypeOf(element)}");
        return JsonNode.Parse(element.GetRawText())!.AsObject();
    }

    private static async Task RequireHookAsync(IHookStore hooks, string id, CancellationToken cancellationToken)
    {
        if (await hooks.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
            throw new HookNotFoundException();
    }

    /// <summary>A stored case as the API answers it.</summary>
    public static JsonObject ToJson(HookTestCase testCase)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        var json = new JsonObject { ["id"] = testCase.Id };
        foreach (var (name, value) in TestCaseJson.ToJson(testCase.Definition, maskSecrets: true))
            json[name] = value?.DeepClone();
        json["created_at"] = testCase.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        json["updated_at"] = testCase.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return json;
    }
}

/// <summary>
/// A test case (POST; PATCH takes any subset): <c>name</c>, <c>payload</c> (the point's sample when left out),
/// <c>httpMocks</c>, <c>secrets</c> (overrides), <c>expect</c> {<c>outcome</c>: success|error, <c>errorName</c>,
/// <c>errorMessage</c> (contained), <c>result</c> / <c>applied</c> (JSON subsets), <c>console</c> (texts)}.
/// </summary>
public sealed record TestCaseRequest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("payload")] JsonObject? Payload,
    [property: JsonPropertyName("httpMocks")] JsonObject? HttpMocks,
    [property: JsonPropertyName("secrets")] IReadOnlyDictionary<string, string>? Secrets,
    [property: JsonPropertyName("expect")] JsonObject Expect);

/// <summary>POST .../test-cases/run: optional new code to test instead of the saved one, and the cases (ids or names) to run.</summary>
public sealed record TestCaseRunRequest(
    [property: JsonPropertyName("script")] string? Script,
    [property: JsonPropertyName("dependencies")] IReadOnlyDictionary<string, string>? Dependencies,
    [property: JsonPropertyName("cases")] IReadOnlyList<string>? Cases);
