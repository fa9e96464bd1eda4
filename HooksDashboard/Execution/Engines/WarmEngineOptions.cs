namespace HooksDashboard.Execution.Engines;

/// <summary>
/// Configuration section <c>Execution:WarmEngines</c>: engines kept warm per saved hook version
/// (<see cref="WarmEnginePool"/>). The defaults bound memory by a global count and recycle every engine after a
/// number of invocations or minutes, so module state cannot grow without bound.
/// </summary>
public sealed class WarmEngineOptions
{
    /// <summary>Whether saved hooks run on warm engines at all (false: a fresh engine per invocation, as before).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Whether hooks without npm dependencies also run on warm engines. Measured (docs/benchmarks.md, "Warm engines"):
    /// a reused engine is several times cheaper per call than a fresh one even for the starter templates, and a hook
    /// then keeps module-level state the same way whether or not it has dependencies, as Auth0's containers did.
    /// </summary>
    public bool WithoutDependencies { get; set; } = true;

    /// <summary>Engines alive at once over every hook (idle and running); past it the least recently used idle one goes.</summary>
    public int MaxEngines { get; set; } = 32;

    /// <summary>Idle engines kept per hook: as many invocations of one hook can start at once without building one.</summary>
    public int MaxIdlePerHook { get; set; } = 4;

    /// <summary>Invocations one engine serves before it is discarded.</summary>
    public int MaxInvocations { get; set; } = 5_000;

    /// <summary>Minutes an engine lives (from its creation) before it is discarded.</summary>
    public double MaxAgeMinutes { get; set; } = 30;

    /// <summary>Describes what is wrong with the options, or returns null when they are usable.</summary>
    public string? Validate()
    {
        if (MaxEngines < 0) return "Execution:WarmEngines:MaxEngines must not be negative";
        if (MaxIdlePerHook < 0) return "Execution:WarmEngines:MaxIdlePerHook must not be negative";
        if (MaxInvocations <= 0) return "Execution:WarmEngines:MaxInvocations must be positive";
        if (!(MaxAgeMinutes > 0)) return "Execution:WarmEngines:MaxAgeMinutes must be positive";
        return null;
    }
}

/// <summary>
/// Which engines an invocation may reuse: <paramref name="Owner"/> is the saved hook (engines of two owners never mix),
/// <paramref name="Version"/> everything about it the executor cannot see that changes what runs (the save, the
/// secrets' values). The executor adds the script, the resolved package graph and the limits to the key.
/// </summary>
public sealed record WarmEngineScope(string Owner, string Version);
