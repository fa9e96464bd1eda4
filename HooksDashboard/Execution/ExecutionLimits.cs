namespace HooksDashboard.Execution;

/// <summary>Resource limits for one invocation. Every value must be positive.</summary>
public sealed record ExecutionLimits
{
    /// <summary>Wall time for the whole invocation, event loop included (Auth0: 20 s).</summary>
    public int TimeoutMs { get; init; } = 20_000;

    /// <summary>Bytes the whole invocation (module run, call, timers and promise jobs) may keep alive: measured on the heap after garbage collection whenever its allocations say it could be over; garbage a hook churns through does not count.</summary>
    public long MemoryBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Bytes module evaluation (the hook's top level and every module it requires the first time in an engine) may keep
    /// on top of <see cref="MemoryBytes"/>; what it keeps does not count against the call. Real SDKs keep tens of
    /// megabytes of engine objects (auth0 2.17.0: about 69 MB), more than a call should; per run, so reloading modules
    /// cannot stretch the call's limit beyond both together.
    /// </summary>
    public long ModuleMemoryBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// Largest single string, array buffer or typed array a script may create, in bytes. 32 MiB: the <c>bson</c> package
    /// (the <c>mongodb</c> driver) allocates a 17 MiB serialization buffer when it loads; what is kept still counts
    /// against <see cref="MemoryBytes"/>/<see cref="ModuleMemoryBytes"/>.
    /// </summary>
    public long MaxAllocationBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>JavaScript call depth.</summary>
    public int MaxRecursionDepth { get; init; } = 256;

    /// <summary>Largest script accepted, in UTF-8 bytes (Auth0's hooks allowed 100 KB).</summary>
    public int MaxScriptBytes { get; init; } = 100 * 1024;

    /// <summary>Total characters of console output kept; the rest is cut with a marker.</summary>
    public int MaxConsoleChars { get; init; } = 64 * 1024;

    /// <summary>
    /// Largest value a hook may pass to <c>cb</c>, in UTF-8 bytes of its JSON; a larger result is refused with a limit
    /// error. The points' own caps (scopes, claims, metadata) are far smaller; this bounds what any result costs to
    /// convert, apply, log and store.
    /// </summary>
    public int MaxResultBytes { get; init; } = 1024 * 1024;

    /// <summary>Outbound HTTP requests (each redirect hop counts) one invocation may start; one more fails in the hook.</summary>
    public int MaxHttpRequests { get; init; } = 50;

    /// <summary>Time one outbound request (connect, headers and the whole body) may take, in milliseconds; the invocation's own time limit still applies.</summary>
    public int HttpTimeoutMs { get; init; } = 10_000;

    /// <summary>Largest outbound request body, in bytes.</summary>
    public int MaxHttpRequestBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Largest response body an outbound request may read, in bytes (after decompression); the read stops at the cap.</summary>
    public int MaxHttpResponseBytes { get; init; } = 5 * 1024 * 1024;

    public static ExecutionLimits Default { get; } = new();
}

/// <summary>Per-point changes to the default limits; an unset value keeps the default.</summary>
public sealed class ExecutionLimitOverrides
{
    public int? TimeoutMs { get; set; }

    public long? MemoryBytes { get; set; }

    public long? ModuleMemoryBytes { get; set; }

    public long? MaxAllocationBytes { get; set; }

    public int? MaxRecursionDepth { get; set; }

    public int? MaxScriptBytes { get; set; }

    public int? MaxConsoleChars { get; set; }

    public int? MaxResultBytes { get; set; }

    public int? MaxHttpRequests { get; set; }

    public int? HttpTimeoutMs { get; set; }

    public int? MaxHttpRequestBytes { get; set; }

    public int? MaxHttpResponseBytes { get; set; }
}

/// <summary>Configuration section <c>Execution</c>: global limits and per-point overrides.</summary>
public sealed class ExecutionOptions
{
    public const string SectionName = "Execution";

    /// <summary>Limits for every point unless overridden.</summary>
    public ExecutionLimits Defaults { get; set; } = new();

    /// <summary>Per-triggerId overrides of individual limits, e.g. <c>Execution:Points:post-user-registration:TimeoutMs</c>.</summary>
    public Dictionary<string, ExecutionLimitOverrides> Points { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Where hooks' outbound HTTP requests may go (<c>Execution:Egress</c>).</summary>
    public Http.EgressOptions Egress { get; set; } = new();

    /// <summary>Engines kept warm per saved hook version (<c>Execution:WarmEngines</c>).</summary>
    public Engines.WarmEngineOptions WarmEngines { get; set; } = new();

    /// <summary>Limits in force for a point: the defaults with that point's overrides applied.</summary>
    public ExecutionLimits For(string triggerId)
    {
        if (!Points.TryGetValue(triggerId, out var o))
            return Defaults;
        return Defaults with
        {
            TimeoutMs = o.TimeoutMs ?? Defaults.TimeoutMs,
            MemoryBytes = o.MemoryBytes ?? Defaults.MemoryBytes,
            ModuleMemoryBytes = o.ModuleMemoryBytes ?? Defaults.ModuleMemoryBytes,
            MaxAllocationBytes = o.MaxAllocationBytes ?? Defaults.MaxAllocationBytes,
            MaxRecursionDepth = o.MaxRecursionDepth ?? Defaults.MaxRecursionDepth,
            MaxScriptBytes = o.MaxScriptBytes ?? Defaults.MaxScriptBytes,
            MaxConsoleChars = o.MaxConsoleChars ?? Defaults.MaxConsoleChars,
            MaxResultBytes = o.MaxResultBytes ?? Defaults.MaxResultBytes,
            MaxHttpRequests = o.MaxHttpRequests ?? Defaults.MaxHttpRequests,
            HttpTimeoutMs = o.HttpTimeoutMs ?? Defaults.HttpTimeoutMs,
            MaxHttpRequestBytes = o.MaxHttpRequestBytes ?? Defaults.MaxHttpRequestBytes,
            MaxHttpResponseBytes = o.MaxHttpResponseBytes ?? Defaults.MaxHttpResponseBytes,
        };
    }
}
