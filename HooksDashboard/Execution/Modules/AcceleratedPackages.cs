namespace HooksDashboard.Execution.Modules;

/// <summary>
/// Packages the engine gives natively instead of evaluating their files (<c>internal-bcrypt.js</c> over
/// <c>NodeBcrypt.cs</c>): bcryptjs 2.x and 3.x, whose bcrypt rounds take ~300 times longer in Jint than under Node, and the
/// native bcrypt package 5.x/6.x, a compiled add-on that the installer would otherwise refuse.
/// </summary>
public static class AcceleratedPackages
{
    /// <summary>The name of <c>internal/bcrypt</c>'s export that stands for this package version, or null when the engine evaluates it.</summary>
    public static string? ExportOf(string name, string version) => name switch
    {
        "bcryptjs" when version.StartsWith("2.", StringComparison.Ordinal) => "bcryptjs",
        // 3.x is what npm installs today: the same API with $2b$ salts and truncates (its CommonJS build; an import()
        // of its ES module still evaluates the package).
        "bcryptjs" when version.StartsWith("3.", StringComparison.Ordinal) => "bcryptjs3",
        "bcrypt" when version.StartsWith("5.", StringComparison.Ordinal) || version.StartsWith("6.", StringComparison.Ordinal) => "bcrypt",
        _ => null,
    };
}
