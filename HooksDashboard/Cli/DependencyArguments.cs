using HooksDashboard.Execution.Modules;
using HooksDashboard.Hooks;

namespace HooksDashboard.Cli;

/// <summary>The command line's <c>--dependency name@version</c> options (repeatable; a bare name means <c>latest</c>).</summary>
internal static class DependencyArguments
{
    /// <summary>Name → version; anything malformed is a <see cref="CliUsageException"/>.</summary>
    public static Dictionary<string, string> Parse(IEnumerable<string> values)
    {
        var dependencies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (!PackageNames.TryParseRequest(value.Trim(), out var name, out var version, out var subPath) || subPath is not null)
                throw new CliUsageException($"--dependency takes name@version (e.g. lodash@4.17.21 or @scope/pkg@1.0.0), not '{value}'.");
            if (dependencies.TryGetValue(name, out var previous))
                throw new CliUsageException($"--dependency names {name} twice ({previous} and {version ?? "latest"}).");
            dependencies[name] = version ?? "latest";
        }
        if (HookRules.ValidateDependencies(dependencies) is { } problem)
            throw new CliUsageException(problem);
        return dependencies;
    }
}
