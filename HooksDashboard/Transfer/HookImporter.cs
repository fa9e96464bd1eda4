using HooksDashboard.Hooks;
using HooksDashboard.Storage;

namespace HooksDashboard.Transfer;

/// <summary>Secret values an import takes besides the source's own.</summary>
/// <param name="SecretValues">"hook.SECRET" to value (the CLI's <c>--secret</c>, the dashboard's form); they win over the source.</param>
public sealed record ImportOptions(IReadOnlyDictionary<string, string>? SecretValues = null)
{
    public static ImportOptions Default { get; } = new();
}

/// <summary>
/// Imports hook definitions from any <see cref="IHookDefinitionSource"/>: a plan first (a dry run that writes nothing),
/// then the same plan applied as one batch — one database transaction — through the decorated hook store, so packages
/// are installed, versions and audit entries written, caches dropped. Hooks are matched by name (exactly, else in
/// deploy-cli's form: lower case, spaces as '-'); an import never deletes a hook.
/// </summary>
public sealed class HookImporter(IHookStore hooks, IHookBatchStore batches, KnownTriggerIds triggers)
{
    /// <summary>Reads the source and plans against the stored hooks; writes nothing.</summary>
    /// <exception cref="HookDefinitionException">The source cannot be read.</exception>
    public async Task<ImportPlan> PreviewAsync(IHookDefinitionSource source, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var set = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (await PlanAsync(set, options ?? ImportOptions.Default, cancellationToken).ConfigureAwait(false)).Plan;
    }

    /// <summary>Reads, plans and applies in one transaction: every change or none.</summary>
    /// <exception cref="HookDefinitionException">The source cannot be read.</exception>
    /// <exception cref="ImportRefusedException">The plan has errors (nothing was written).</exception>
    /// <exception cref="HookException">The store refused a change (a hook changed since the plan, a package failed to install); nothing was written.</exception>
    public async Task<ImportResult> ApplyAsync(IHookDefinitionSource source, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var set = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
        var (plan, items) = await PlanAsync(set, options ?? ImportOptions.Default, cancellationToken).ConfigureAwait(false);
        if (!plan.CanApply)
            throw new ImportRefusedException(plan);
        if (items.Count == 0)
            return new ImportResult(plan, new Dictionary<string, int>());

        var message = $"Imported from {set.Description}";
        if (message.Length > HookRules.MaxVersionMessageLength || message.Any(char.IsControl))
            message = "Imported";
        var changes = await batches.ApplyAsync(new HookBatch(items, message), cancellationToken).ConfigureAwait(false);
        return new ImportResult(plan, changes.ToDictionary(c => c.After.Name, c => c.After.Version, StringComparer.Ordinal));
    }

    /// <summary>deploy-cli's form of a hook name (its handlers lower-case names and turn whitespace into '-').</summary>
    public static string DeployCliName(string name) =>
        string.Concat(name.ToLowerInvariant().Select(c => char.IsWhiteSpace(c) ? '-' : c));

    private async Task<(ImportPlan Plan, List<HookBatchItem> Items)> PlanAsync(HookDefinitionSet set, ImportOptions options, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var warnings = new List<string>(set.Warnings);
        var stored = await hooks.ListAsync(null, cancellationToken).ConfigureAwait(false);
        var overrides = SecretOverrides(options.SecretValues, set, errors);

        // Duplicates in the source: deploy-cli's names are unique after its normalization.
        foreach (var group in set.Hooks.GroupBy(h => DeployCliName(h.Name)).Where(g => g.Count() > 1))
            errors.Add($"The source names the hook '{group.Key}' more than once: {string.Join(", ", group.Select(h => $"'{h.Name}' ({h.Origin})"))}.");

        // deploy-cli's own check (HooksHandler.validate): one enabled hook per point in the source.
        foreach (var group in set.Hooks.Where(h => h.Enabled).GroupBy(h => h.TriggerId).Where(g => g.Count() > 1))
            errors.Add($"Only one hook can be enabled for {group.Key}; the source enables {string.Join(", ", group.Select(h => $"'{h.Name}'"))}.");

        var entries = new List<HookPlanEntry>();
        var items = new List<HookBatchItem>();
        var disabled = new List<HookPlanDisable>();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in set.Hooks)
        {
            var before = errors.Count;
            Validate(definition, errors);
            var existing = Match(definition, stored, errors);
            if (existing is not null)
            {
                matched.Add(existing.Id);
                if (existing.TriggerId != definition.TriggerId)
                    errors.Add($"{definition.Origin}: the hook '{existing.Name}' exists for {existing.TriggerId}; a hook cannot move to {definition.TriggerId} (delete it, or rename the one in the source).");
            }
            if (errors.Count > before)
                continue;

            var secrets = await PlanSecretsAsync(definition, existing, overrides, cancellationToken).ConfigureAwait(false);
            if (secrets.Missing.Count > 0)
            {
                errors.Add($"{definition.Origin}: no value for the secret{(secrets.Missing.Count == 1 ? "" : "s")} {string.Join(", ", secrets.Missing)} of '{definition.Name}' " +
                    $"(give it with --secret {definition.Name}.{secrets.Missing[0]}=..., or as a ##KEYWORD## in the source with a mapping).");
            }

            var changes = existing is null ? [] : Describe(existing, definition);
            var secretsChange = secrets.Added.Count + secrets.Changed.Count + secrets.Removed.Count > 0;
            var action = existing is null ? HookPlanAction.Create : changes.Count > 0 || secretsChange ? HookPlanAction.Update : HookPlanAction.Unchanged;
            entries.Add(new HookPlanEntry(definition.Name, definition.TriggerId, definition.Origin, action, existing?.Id, existing?.Version,
                definition.Enabled, changes, secrets.Added, secrets.Changed, secrets.Kept, secrets.Removed, secrets.Missing));
            if (action != HookPlanAction.Unchanged)
            {
                items.Add(new HookBatchItem(existing?.Id, definition.Name, definition.TriggerId, definition.Script,
                    definition.Dependencies, definition.Enabled, secrets.Values, secrets.Removed, existing?.Version));
            }
        }

        // The one-enabled-per-point rule: enabling a hook disables the point's enabled hook when the source leaves it out.
        foreach (var definition in set.Hooks.Where(h => h.Enabled))
        {
            var current = stored.FirstOrDefault(h => h.Enabled && h.TriggerId == definition.TriggerId);
            if (current is not null && !matched.Contains(current.Id))
                disabled.Add(new HookPlanDisable(current.Name, current.TriggerId, $"'{definition.Name}' is enabled for {definition.TriggerId}, and only one hook of a point runs."));
        }

        var untouched = stored.Where(h => !matched.Contains(h.Id)).Select(h => h.Name).ToList();
        var plan = new ImportPlan(set.Description, entries, disabled, untouched, errors, warnings);
        return (plan, items);
    }

    private void Validate(HookDefinition definition, List<string> errors)
    {
        void Check(string field, string? error)
        {
            if (error is not null)
                errors.Add($"{definition.Origin}, field {field}: {error}");
        }

        Check("name", HookRules.ValidateName(definition.Name));
        if (!triggers.Contains(definition.TriggerId))
            Check("triggerId", $"Unknown triggerId '{definition.TriggerId}'; expected one of: {string.Join(", ", triggers.All)}.");
        Check("script", HookRules.ValidateScript(definition.Script));
        Check("dependencies", HookRules.ValidateDependencies(definition.Dependencies));
        if (definition.Secrets.Count > HookRules.MaxSecrets)
            Check("secrets", $"A hook can have at most {HookRules.MaxSecrets} secrets; this one has {definition.Secrets.Count}.");
        foreach (var (name, value) in definition.Secrets)
        {
            Check("secrets", HookRules.ValidateSecretName(name));
            if (value is not null)
                Check("secrets", HookRules.ValidateSecretValue(name, value));
        }
    }

    /// <summary>The stored hook a definition updates: same name, else same name in deploy-cli's form.</summary>
    private static Hook? Match(HookDefinition definition, IReadOnlyList<Hook> stored, List<string> errors)
    {
        if (stored.FirstOrDefault(h => h.Name == definition.Name) is { } exact)
            return exact;
        var normalized = DeployCliName(definition.Name);
        var candidates = stored.Where(h => DeployCliName(h.Name) == normalized).ToList();
        if (candidates.Count > 1)
            errors.Add($"{definition.Origin}: '{definition.Name}' could be any of the stored hooks {string.Join(", ", candidates.Select(c => $"'{c.Name}'"))}; name one exactly.");
        return candidates.Count == 1 ? candidates[0] : null;
    }

    private sealed record SecretPlan(
        Dictionary<string, string> Values, List<string> Added, List<string> Changed, List<string> Kept, List<string> Removed, List<string> Missing);

    private async Task<SecretPlan> PlanSecretsAsync(
        HookDefinition definition, Hook? existing, Dictionary<(string Hook, string Secret), string> overrides, CancellationToken cancellationToken)
    {
        var current = existing is null
            ? new Dictionary<string, string>()
            : await hooks.GetSecretValuesAsync(existing.Id, cancellationToken).ConfigureAwait(false);
        var plan = new SecretPlan(new Dictionary<string, string>(StringComparer.Ordinal), [], [], [], [], []);
        foreach (var (name, written) in definition.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var value = overrides.TryGetValue((DeployCliName(definition.Name), name), out var given) ? given : Usable(written);
            if (value is null)
            {
                (current.ContainsKey(name) ? plan.Kept : plan.Missing).Add(name);
                continue;
            }
            if (!current.TryGetValue(name, out var stored))
            {
                plan.Added.Add(name);
                plan.Values[name] = value;
            }
            else if (stored != value)
            {
                plan.Changed.Add(name);
                plan.Values[name] = value;
            }
            else
            {
                plan.Kept.Add(name);
            }
        }
        plan.Removed.AddRange(current.Keys.Where(k => !definition.Secrets.ContainsKey(k)).Order(StringComparer.Ordinal));
        return plan;
    }

    /// <summary>A value written in the source, unless it stands for "no value": null, deploy-cli's mask, a keyword never replaced.</summary>
    private static string? Usable(string? value) =>
        value is null || value == HookRules.SecretMask || KeywordMappings.HasMarker(value) ? null : value;

    private static Dictionary<(string Hook, string Secret), string> SecretOverrides(
        IReadOnlyDictionary<string, string>? values, HookDefinitionSet set, List<string> errors)
    {
        var result = new Dictionary<(string, string), string>();
        if (values is null)
            return result;
        foreach (var (key, value) in values)
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == key.Length - 1)
            {
                errors.Add($"The secret value '{key}' must be named HOOK.SECRET (a hook name, a dot, a secret name).");
                continue;
            }
            var (hookName, secret) = (DeployCliName(key[..dot]), key[(dot + 1)..]);
            var hook = set.Hooks.FirstOrDefault(h => DeployCliName(h.Name) == hookName);
            if (hook is null)
                errors.Add($"A value is given for '{key}', but the source has no hook '{key[..dot]}'.");
            else if (!hook.Secrets.ContainsKey(secret))
                errors.Add($"A value is given for '{key}', but the hook '{hook.Name}' has no secret '{secret}' in the source (secrets: {(hook.Secrets.Count == 0 ? "none" : string.Join(", ", hook.Secrets.Keys))}).");
            else
                result[(hookName, secret)] = value;
        }
        return result;
    }

    /// <summary>What differs between a stored hook and its definition, one sentence each.</summary>
    private static List<string> Describe(Hook existing, HookDefinition definition)
    {
        var changes = new List<string>();
        if (existing.Name != definition.Name)
            changes.Add($"Renamed from '{existing.Name}'.");
        if (existing.Script != definition.Script)
        {
            var diff = UnifiedDiff.Create(existing.Script, definition.Script, "stored", "source").Split('\n');
            var added = diff.Count(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal));
            var removed = diff.Count(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal));
            changes.Add($"Script: {Lines(existing.Script)} → {Lines(definition.Script)} lines (+{added} −{removed}).");
        }
        var dependencyChanges = DependencyChanges(existing.Dependencies, definition.Dependencies);
        if (dependencyChanges.Count > 0)
            changes.Add($"Dependencies: {string.Join(", ", dependencyChanges)}.");
        if (existing.Enabled != definition.Enabled)
            changes.Add(definition.Enabled ? "Enabled." : "Disabled.");
        return changes;
    }

    private static List<string> DependencyChanges(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var changes = new List<string>();
        foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var had = before.TryGetValue(name, out var old);
            var has = after.TryGetValue(name, out var now);
            if (had && has && old != now)
                changes.Add($"{name} {old} → {now}");
            else if (!had && has)
                changes.Add($"+{name}@{now}");
            else if (had && !has)
                changes.Add($"−{name}@{old}");
        }
        return changes;
    }

    private static int Lines(string script) => script.Count(c => c == '\n') + 1;
}
