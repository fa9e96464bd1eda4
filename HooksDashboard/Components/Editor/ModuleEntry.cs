using HooksDashboard.Execution.Modules;

namespace HooksDashboard.Components.Editor;

/// <summary>How a row of the Modules panel differs from the saved hook.</summary>
public enum ModuleChange
{
    /// <summary>As saved.</summary>
    None,

    /// <summary>Not in the saved dependencies yet: added on save.</summary>
    Added,

    /// <summary>Saved with another version: changed on save.</summary>
    Changed,

    /// <summary>Saved, but removed on save.</summary>
    Removed,
}

/// <summary>Whether a row's package is in the package cache.</summary>
public enum ModuleState
{
    /// <summary>Installed: <see cref="ModuleEntry.Version"/> and <see cref="ModuleEntry.TransitiveCount"/> are known.</summary>
    Ready,

    /// <summary>Being fetched from the registry; <see cref="ModuleEntry.Progress"/> says how far.</summary>
    Fetching,

    /// <summary>Could not be installed; <see cref="ModuleEntry.Error"/> says why.</summary>
    Failed,
}

/// <summary>One dependency shown in the Modules panel. Written on the circuit's thread only (progress is marshalled).</summary>
public sealed class ModuleEntry(string name, string spec)
{
    /// <summary>The package name.</summary>
    public string Name { get; } = name;

    /// <summary>The version, range or dist-tag the hook declares (or will, on save).</summary>
    public string Spec { get; set; } = spec;

    public ModuleChange Change { get; set; }

    public ModuleState State { get; set; } = ModuleState.Fetching;

    /// <summary>The exact version installed for <see cref="Spec"/>.</summary>
    public string? Version { get; set; }

    /// <summary>Packages this one brings in through its own dependencies.</summary>
    public int TransitiveCount { get; set; }

    public PackageInstallProgress? Progress { get; set; }

    public string? Error { get; set; }

    /// <summary>Bumped by every new fetch, so a late answer to an older one is ignored.</summary>
    public int Generation { get; set; }

    /// <summary>Set when the last save added or kept this dependency because the code requires it.</summary>
    public bool RequiredByCode { get; set; }
}
