using System.Text.Json.Nodes;

namespace HooksDashboard.Transfer;

/// <summary>
/// Hook definitions read from a live tenant's Management API (<see cref="TenantClient"/>): name, trigger, script,
/// enabled, dependencies and the NAMES of the secrets. The tenant never shows secret values, so every secret comes
/// with "no value": an existing hook's secret keeps its value, and a new one needs a value given with the import
/// (<c>--secret HOOK.NAME=value</c>, the dashboard's fields), else the plan names it as missing. Nothing is guessed.
/// </summary>
public sealed class TenantSource(TenantClient client) : IHookDefinitionSource
{
    /// <summary>The "file" of this source's errors, e.g. <c>tenant example.eu.auth0.com</c>.</summary>
    public string Name => $"tenant {client.Connection.Name}";

    /// <exception cref="HookDefinitionException">
    /// The tenant cannot be read (credentials, scope, network, rate limit, an answer that is not JSON) or lists hooks
    /// this product cannot take (every such hook and field is named).
    /// </exception>
    public async Task<HookDefinitionSet> ReadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var hooks = await client.ListHooksAsync(cancellationToken).ConfigureAwait(false);
            var definitions = new List<HookDefinition>(hooks.Count);
            var errors = new List<DefinitionError>();
            for (var i = 0; i < hooks.Count; i++)
            {
                var definition = Read(hooks[i], i, errors);
                if (definition is null)
                    continue;
                var id = TenantClient.IdOf(hooks[i])!;
                var names = await client.GetSecretNamesAsync(id, cancellationToken).ConfigureAwait(false);
                definitions.Add(definition with
                {
                    Secrets = names.ToDictionary(n => n, _ => (string?)null, StringComparer.Ordinal),
                });
            }
            if (errors.Count > 0)
                throw new HookDefinitionException(errors);
            return new HookDefinitionSet(definitions, $"{Name} (Management API)", []);
        }
        catch (TenantException e)
        {
            throw new HookDefinitionException(new DefinitionError(Name, null, null, e.Message));
        }
    }

    private HookDefinition? Read(JsonObject hook, int index, List<DefinitionError> errors)
    {
        var before = errors.Count;
        var name = Text(hook, "name");
        var entry = name is null ? $"hooks[{index}]" : $"hooks[{index}] ('{name}')";
        void Error(string? field, string message) => errors.Add(new DefinitionError(Name, entry, field, message));

        var id = TenantClient.IdOf(hook);
        if (id is null)
            Error("id", "The hook has no id, so its secrets cannot be read.");
        if (name is null)
            Error("name", "Missing or not a string.");
        var triggerId = Text(hook, "triggerId");
        if (triggerId is null)
            Error("triggerId", "Missing or not a string.");
        var script = Text(hook, "script");
        if (script is null)
            Error("script", "Missing or not a string.");
        var enabled = false;
        if (hook["enabled"] is { } enabledNode && !(enabledNode is JsonValue e && e.TryGetValue(out enabled)))
            Error("enabled", "Not true or false.");
        var dependencies = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (hook["dependencies"])
        {
            case null:
                break;
            case JsonObject map:
                foreach (var (package, version) in map)
                {
                    if (version is JsonValue v && v.TryGetValue<string>(out var text))
                        dependencies[package] = text;
                    else
                        Error("dependencies", $"The version of '{package}' is not a string.");
                }
                break;
            default:
                Error("dependencies", "Not an object of package names to versions.");
                break;
        }
        if (errors.Count > before)
            return null;
        return new HookDefinition(name!, triggerId!, script!, enabled, dependencies, new Dictionary<string, string?>(), $"{Name}, hook '{name}' ({id})");
    }

    private static string? Text(JsonObject hook, string property) =>
        hook[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
