namespace HooksDashboard.Execution;

/// <summary>Resource limits for one invocation. Every value must be positive.</summary>
public sealed record ExecutionLimits
{
    /// <summary>Wall time for the whole invocation, event loop included (Auth0: 20 s).</summary>
    public int TimeoutMs { get; init; } = 20_000;

    /// <summary>Bytes the whole invocation may allocate (module run, call, timers and promise jobs together); allocations are counted, not live memory.</summary>
    public long MemoryBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest single string, array buffer or typed array a script may create, in bytes.</summary>
    public long MaxAllocationBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>JavaScript call depth.</summary>
    public int MaxRecursionDepth { get; init; } = 256;

    /// <summary>Largest script accepted, in UTF-8 bytes (Auth0's hooks allowed 100 KB).</summary>
    public int MaxScriptBytes { get; init; } = 100 * 1024;

    /// <summary>Total characters of console output kept; the rest is cut with a marker.</summary>
    public int MaxConsoleChars { get; init; } = 64 * 1024;

    public static ExecutionLimits Default { get; } = new();
}

/// <summary>Configuration section <c>Execution</c>: global limits and per-point overrides.</summary>
public sealed class ExecutionOptions
{
    public const string SectionName = "Execution";

    /// <summary>Limits for every point unless overridden.</summary>
    public ExecutionLimits Defaults { get; set; } = new();

    /// <summary>Per-triggerId overrides; a point listed here replaces <see cref="Defaults"/> entirely for that point.</summary>
    public Dictionary<string, ExecutionLimits> Points { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Limits in force for a point.</summary>
    public ExecutionLimits For(string triggerId) =>
        Points.TryGetValue(triggerId, out var limits) ? limits : Defaults;
}
