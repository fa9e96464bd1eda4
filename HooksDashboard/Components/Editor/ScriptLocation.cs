namespace HooksDashboard.Components.Editor;

/// <summary>A 1-based line and column in the hook's script, e.g. where an error was thrown.</summary>
public readonly record struct ScriptLocation(int Line, int Column);
