using HooksDashboard.Catalog;

namespace HooksDashboard.Storage;

/// <summary>
/// The triggerIds a hook may have: the catalog's extensibility points. The store needs only the ids,
/// so it depends on this view rather than on the whole catalog.
/// </summary>
public sealed class KnownTriggerIds
{
    private readonly HashSet<string> _set;

    public KnownTriggerIds(IEnumerable<string> ids)
    {
        All = [.. ids];
        _set = new HashSet<string>(All, StringComparer.Ordinal);
    }

    /// <summary>The ids in catalog order.</summary>
    public IReadOnlyList<string> All { get; }

    public static KnownTriggerIds FromCatalog(IHookCatalog catalog) => new(catalog.Points.Select(p => p.Id));

    public bool Contains(string? triggerId) => triggerId is not null && _set.Contains(triggerId);
}
