using System.Diagnostics;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Logs;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Hooks;

/// <summary>
/// The one path every invocation takes: the catalog validates and shapes the payload, secrets are
/// injected as <c>context.webtask.secrets</c>, the executor runs the code within the point's limits
/// and the catalog says what the point would apply from the result. Every invocation (unless it opts out
/// through <see cref="HookInvocation.Record"/>) is handed to the execution log, which only enqueues.
/// npm dependencies: a runtime invocation only ever reads the package cache (<see cref="IPackageInstaller.TryGetInstalled"/>);
/// the test panel and the command line may install what is missing.
/// </summary>
public sealed class HookRunner(
    IHookCatalog catalog,
    IHookExecutor executor,
    IHookStore store,
    ITestRunStore testRuns,
    IExecutionLog log,
    IOptions<ExecutionOptions> options,
    IPackageInstaller? installer = null,
    HookPackages? packages = null,
    Storage.SqliteHookStorage? hookStorage = null,
    Telemetry.HookMetrics? metrics = null,
    IHookEgressStore? egress = null) : IHookRunner
{
    public async Task<ExecutionResult> RunAsync(HookInvocation invocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invocation);

        var (payload, result) = await ExecuteAsync(invocation, cancellationToken).ConfigureAwait(false);
        if (invocation.Record)
            log.Record(invocation, payload, result);
        return result;
    }

    /// <summary>The run without its record: the payload actually used (the sample when none was given) and the result.</summary>
    private async Task<(JsonNode? Payload, ExecutionResult Result)> ExecuteAsync(HookInvocation invocation, CancellationToken cancellationToken)
    {
        // The invocation's span (null unless traces are exported): the executor's outbound HTTP spans are its children.
        var activity = Telemetry.HooksTelemetry.StartInvocation(invocation);
        var point = catalog.Find(invocation.TriggerId);
        var payload = invocation.Payload ?? point?.ParseSamplePayload();
        ExecutionResult result;
        try
        {
            result = point is null
                ? ExecutionResult.Failure(ExecutionErrorKind.Contract, "Error", UnknownPointMessage(invocation.TriggerId))
                : await RunAtPointAsync(point, invocation, payload, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            activity?.Dispose();
            throw;
        }

        Telemetry.HooksTelemetry.Complete(activity, result);
        metrics?.Record(invocation, result);
        // Every consumer that logs or stores the result scrubs the hook's secret values through this (see Redacted()).
        return (payload, result with { Redactor = SecretRedactor.For(invocation.Secrets) });
    }

    private async Task<ExecutionResult> RunAtPointAsync(ExtensibilityPoint point, HookInvocation invocation, JsonNode? payload, CancellationToken cancellationToken)
    {
        var prepared = point.PrepareReadOnlyArguments(payload);
        if (!prepared.IsValid)
            return ExecutionResult.Failure(ExecutionErrorKind.Contract, "Error", prepared.Error!);

        // The arguments may share nodes with the payload: nothing below changes them (the executor only reads them,
        // and puts context.webtask into the script's own context object), so the log records the payload as given.
        var arguments = prepared.Arguments!;

        var limits = options.Value.For(point.Id);
        if (invocation.TimeoutMs is { } timeoutMs)
            limits = limits with { TimeoutMs = timeoutMs };

        var (graph, packageError) = await PackagesAsync(invocation, cancellationToken).ConfigureAwait(false);
        if (packageError is not null)
            return ExecutionResult.Failure(ExecutionErrorKind.Contract, PackageErrorName, packageError);

        var request = new ExecutionRequest(invocation.Script, arguments, limits, graph)
        {
            HttpMocks = invocation.HttpMocks,
            // A saved hook's own egress policy applies wherever it runs (the test panel included).
            Egress = invocation.HookId is { } egressOwner && egress is not null
                ? await egress.GetRulesAsync(egressOwner, cancellationToken).ConfigureAwait(false)
                : null,
            // The test panel runs unsaved code: never on a saved hook's warm engine, whatever the caller set.
            EngineScope = invocation.Source == InvocationSource.Test ? null : invocation.EngineScope,
            // A saved hook's storage is its own durable document; code run without a hook gets one for this run only.
            Webtask = new WebtaskBinding(point.ContextArgumentIndex,
                invocation.HookId is { } hookId && hookStorage is not null && !invocation.IsolatedStorage ? hookStorage.For(hookId) : new InMemoryWebtaskStorage())
            {
                Context = WebtaskContextOf(invocation),
            },
        };
        var result = await executor.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? Apply(point, result) : result;
    }

    /// <summary>The error name of an invocation that could not start because its npm packages are not available.</summary>
    public const string PackageErrorName = "PackageError";

    /// <summary>
    /// The invocation's installed packages: given, or read from the cache. Never installed for a runtime
    /// invocation — a hook whose packages are missing fails with a message saying to save it again.
    /// </summary>
    private async Task<(PackageGraph? Graph, string? Error)> PackagesAsync(HookInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Packages is not null)
            return (invocation.Packages, null);
        if (invocation.Dependencies is not { Count: > 0 } dependencies)
            return (null, null);
        var list = string.Join(", ", dependencies.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}@{d.Value}"));
        if (installer is null)
            return (null, $"This server has no npm package installer configured, so the hook's dependencies ({list}) cannot be loaded.");
        if (installer.TryGetInstalled(dependencies) is { } installed)
            return (installed, null);
        if (invocation.Source == InvocationSource.Runtime)
            return (null, $"The hook's npm dependencies ({list}) are not installed on this server (missing from the package cache): save the hook again to install them.");
        try
        {
            return (await installer.InstallAsync(dependencies, cancellationToken).ConfigureAwait(false), null);
        }
        catch (PackageInstallException ex)
        {
            return (null, $"Dependencies could not be installed: {ex.Message}");
        }
    }

    /// <summary>
    /// The point's rules applied to a successful result. The data is already bounded by the executor's
    /// <see cref="ExecutionLimits.MaxResultBytes"/> and the rules are linear in it; their time counts in the duration.
    /// </summary>
    private static ExecutionResult Apply(ExtensibilityPoint point, ExecutionResult result)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var applied = point.ApplyResult(result.Data);
            return result with { Applied = applied, DurationMs = result.DurationMs + Stopwatch.GetElapsedTime(started).TotalMilliseconds };
        }
        catch (ResultRejectedException ex)
        {
            return result with
            {
                Status = ExecutionStatus.Error,
                Data = null,
                Error = new ExecutionError { Kind = ExecutionErrorKind.Limit, Name = "LimitError", Message = ex.Message },
                DurationMs = result.DurationMs + Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            };
        }
    }

    public async Task<ExecutionResult> TestAsync(string hookId, string script, JsonNode? payload, Execution.Http.HttpMockSet? httpMocks = null,
        IReadOnlyDictionary<string, string>? secretOverrides = null, CancellationToken cancellationToken = default)
    {
        var hook = await store.GetAsync(hookId, cancellationToken).ConfigureAwait(false) ?? throw new HookNotFoundException();
        var secrets = await store.GetSecretValuesAsync(hookId, cancellationToken).ConfigureAwait(false);
        if (secretOverrides is { Count: > 0 })
        {
            var merged = new Dictionary<string, string>(secrets, StringComparer.Ordinal);
            foreach (var (name, value) in secretOverrides)
                merged[name] = value;
            secrets = merged;
        }
        // Resolved once here, so the run and its history entry use the same payload.
        payload ??= catalog.Find(hook.TriggerId)?.ParseSamplePayload();
        var invocation = new HookInvocation(hook.TriggerId, script, payload, secrets, InvocationSource.Test)
        {
            HookId = hook.Id,
            HookName = hook.Name,
            HookVersion = hook.Version,
            HttpMocks = httpMocks,
            Dependencies = hook.Dependencies,
        };
        // The panel runs unsaved code: what it requires is installed (not saved) so the run sees it.
        if (packages is not null && (hook.Dependencies.Count > 0 || RequireScanner.Scan(script).Count > 0))
        {
            try
            {
                var prepared = await packages.PrepareAsync(script, hook.Dependencies, cancellationToken).ConfigureAwait(false);
                invocation = invocation with { Dependencies = prepared.Dependencies, Packages = prepared.Graph };
            }
            catch (PackageInstallException ex)
            {
                var failed = ExecutionResult.Failure(ExecutionErrorKind.Contract, PackageErrorName, $"Dependencies could not be installed: {ex.Message}");
                log.Record(invocation, payload, failed);
                await testRuns.AddAsync(hookId, payload?.ToJsonString() ?? "null", failed, httpMocks?.ToJson(), cancellationToken).ConfigureAwait(false);
                return failed;
            }
        }

        var result = await RunAsync(invocation, cancellationToken).ConfigureAwait(false);
        // The panel shows the hook's answer as it is (the admin's own run); the stored history is redacted like any log.
        await testRuns.AddAsync(hookId, payload?.ToJsonString() ?? "null", result.Redacted(), httpMocks?.ToJson(), cancellationToken).ConfigureAwait(false);
        return result;
    }

    public Task<ExecutionResult?> RunEnabledAsync(string triggerId, JsonNode payload, string? requestId = null, CancellationToken cancellationToken = default) =>
        RunEnabledAsync(triggerId, () => payload, requestId, cancellationToken);

    public async Task<ExecutionResult?> RunEnabledAsync(string triggerId, Func<JsonNode> payload, string? requestId = null, CancellationToken cancellationToken = default)
    {
        var invocation = await EnabledInvocationAsync(triggerId, payload, requestId, cancellationToken).ConfigureAwait(false);
        return invocation is null ? null : await RunAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HookRun?> RunEnabledUnrecordedAsync(string triggerId, JsonNode payload, string? requestId = null, CancellationToken cancellationToken = default)
    {
        var invocation = await EnabledInvocationAsync(triggerId, () => payload, requestId, cancellationToken).ConfigureAwait(false);
        if (invocation is null)
            return null;
        var (used, result) = await ExecuteAsync(invocation, cancellationToken).ConfigureAwait(false);
        return new HookRun(result, log.Prepare(invocation, used, result));
    }

    /// <summary>The runtime invocation of the point's enabled hook with its stored secrets; null when none is enabled.</summary>
    private async Task<HookInvocation?> EnabledInvocationAsync(string triggerId, Func<JsonNode> payload, string? requestId, CancellationToken cancellationToken)
    {
        // A request a hook made to this server runs no hook: recursion (a credentials-exchange hook asking this server
        // for a token) becomes impossible, and a hook never waits for a second hook slot (HookRequestOrigin).
        if (HookRequestOrigin.IsHook)
            return null;

        var hook = await store.GetEnabledAsync(triggerId, cancellationToken).ConfigureAwait(false);
        if (hook is null)
            return null;

        var secrets = await store.GetSecretValuesAsync(hook.Id, cancellationToken).ConfigureAwait(false);
        return new HookInvocation(triggerId, hook.Script, payload(), secrets, InvocationSource.Runtime)
        {
            HookId = hook.Id,
            HookName = hook.Name,
            HookVersion = hook.Version,
            RequestId = requestId,
            Dependencies = hook.Dependencies,
            EngineScope = EngineScopeOf(hook, secrets),
        };
    }

    public async Task<bool> WarmUpAsync(string hookId, CancellationToken cancellationToken = default)
    {
        var hook = await store.GetAsync(hookId, cancellationToken).ConfigureAwait(false);
        if (hook is not { Enabled: true } || catalog.Find(hook.TriggerId) is not { } point)
            return false;
        var secrets = await store.GetSecretValuesAsync(hook.Id, cancellationToken).ConfigureAwait(false);
        // Only what is installed already: a warm-up never reaches the registry.
        PackageGraph? graph = null;
        if (hook.Dependencies.Count > 0 && (graph = installer?.TryGetInstalled(hook.Dependencies)) is null)
            return false;
        var request = new ExecutionRequest(hook.Script, [], options.Value.For(point.Id), graph) { EngineScope = EngineScopeOf(hook, secrets) };
        return await executor.WarmUpAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The warm-engine scope of a saved hook: its id, and a version that changes with every save (its update time) and
    /// with its secrets' values (a digest), so a run never reuses an engine that saw other code or other secrets — even
    /// when another process changed them and no one discarded the engines.
    /// </summary>
    /// <remarks>
    /// The runtime path gets the same hook and secrets objects from the hook cache until a write, so the scope computed
    /// for that pair is kept with the secrets object: a token request does not digest the secrets again.
    /// </remarks>
    public static Execution.Engines.WarmEngineScope EngineScopeOf(Hook hook, IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ArgumentNullException.ThrowIfNull(secrets);
        if (ScopeBySecrets.TryGetValue(secrets, out var known) && ReferenceEquals(known.Hook, hook))
            return known.Scope;
        var scope = ComputeEngineScope(hook, secrets);
        ScopeBySecrets.AddOrUpdate(secrets, new KnownScope(hook, scope));
        return scope;
    }

    // Weak keys: an entry lives as long as the secrets object it was computed for (the hook cache's entry).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyDictionary<string, string>, KnownScope> ScopeBySecrets = [];

    private sealed record KnownScope(Hook Hook, Execution.Engines.WarmEngineScope Scope);

    private static Execution.Engines.WarmEngineScope ComputeEngineScope(Hook hook, IReadOnlyDictionary<string, string> secrets)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var (name, value) in secrets.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            sha.AppendData([0]);
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(value));
            sha.AppendData([0]);
        }
        var version = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hook.UpdatedAt.UtcTicks}:{Convert.ToHexString(sha.GetHashAndReset())}");
        return new Execution.Engines.WarmEngineScope(hook.Id, version);
    }

    /// <summary>
    /// Auth0 injected <c>context.webtask</c> in every point: webtask's context object. <c>secrets</c>; <c>meta</c> (the
    /// webtask's metadata: Auth0 marked hooks' webtasks <c>auth0-extension: runtime</c> and named the point in
    /// <c>auth0-extension-name</c>); <c>headers</c>, <c>query</c>, <c>body</c> empty, since a hook is not called by an HTTP
    /// request of its own; <c>data</c>, webtask's overlay of query, params and secrets, hence the secrets.
    /// <c>storage</c> is added by the executor (<see cref="WebtaskBinding"/>), which builds all of it into the script's
    /// context object, fresh per invocation.
    /// </summary>
    /// <remarks>
    /// The runtime path gets the same secrets and dependencies objects from the hook cache until a write, so what is
    /// fixed for that hook (names, values, meta) is made once and kept with the secrets object, like the engine scope.
    /// </remarks>
    internal static WebtaskContext WebtaskContextOf(HookInvocation invocation)
    {
        if (WebtaskBySecrets.TryGetValue(invocation.Secrets, out var known)
            && known.TriggerId == invocation.TriggerId && ReferenceEquals(known.Dependencies, invocation.Dependencies))
            return known.Context;
        var context = new WebtaskContext(invocation.Secrets,
            WebtaskMeta(invocation.TriggerId, invocation.Dependencies).Select(m => KeyValuePair.Create(m.Key, m.Value!.GetValue<string>())));
        WebtaskBySecrets.AddOrUpdate(invocation.Secrets, new KnownWebtask(invocation.TriggerId, invocation.Dependencies, context));
        return context;
    }

    // Weak keys: an entry lives as long as the secrets object it was made for (the hook cache's entry).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyDictionary<string, string>, KnownWebtask> WebtaskBySecrets = [];

    private sealed record KnownWebtask(string TriggerId, IReadOnlyDictionary<string, string>? Dependencies, WebtaskContext Context);

    /// <summary>
    /// The metadata Auth0 gave a hook's webtask (auth0-ext-compilers' README, "What is Auth0 extension", and wt-cli's
    /// <c>wt-node-dependencies</c>): <c>wt-compiler</c> = <c>auth0-ext-compilers/&lt;point&gt;</c>, <c>auth0-extension</c> =
    /// <c>runtime</c>, <c>auth0-extension-name</c> = the point, and, when the hook has dependencies,
    /// <c>wt-node-dependencies</c> = their JSON (name → version) as a string. Not given: <c>auth0-extension-secret</c>
    /// (the key Auth0's runtime used to call the webtask over HTTP; nothing calls a hook here, so there is no such
    /// credential to show) and <c>auth0-extension-disabled</c> (only enabled hooks run at runtime).
    /// </summary>
    internal static JsonObject WebtaskMeta(string triggerId, IReadOnlyDictionary<string, string>? dependencies)
    {
        var meta = new JsonObject
        {
            ["wt-compiler"] = "auth0-ext-compilers/" + triggerId,
            ["auth0-extension"] = "runtime",
            ["auth0-extension-name"] = triggerId,
        };
        if (dependencies is { Count: > 0 })
        {
            var list = new JsonObject();
            foreach (var (name, version) in dependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
                list[name] = version;
            meta["wt-node-dependencies"] = list.ToJsonString();
        }

        return meta;
    }

    private string UnknownPointMessage(string triggerId) =>
        $"Unknown extensibility point '{triggerId}'. Known points: {string.Join(", ", catalog.Points.Select(p => p.Id))}.";
}
