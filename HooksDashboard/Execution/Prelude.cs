using Acornima.Ast;
using Jint;

namespace HooksDashboard.Execution;

/// <summary>Host scripts evaluated inside hook engines, embedded in the assembly and prepared once per process.</summary>
internal static class Prelude
{
    /// <summary>Evaluates to an object holding Auth0's error classes.</summary>
    public static Prepared<Script> ErrorClasses { get; } = Prepare("ErrorClasses.js");

    private static Prepared<Script> Prepare(string name)
    {
        using var stream = typeof(Prelude).Assembly.GetManifestResourceStream($"HooksDashboard.Execution.Prelude.{name}")
            ?? throw new InvalidOperationException($"Embedded prelude script {name} is missing");
        using var reader = new StreamReader(stream);
        // A source name other than hook.js keeps prelude frames out of the user's error locations.
        return Engine.PrepareScript(reader.ReadToEnd(), $"prelude/{name}", strict: true);
    }
}
