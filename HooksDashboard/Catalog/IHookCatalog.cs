namespace HooksDashboard.Catalog;

/// <summary>The five extensibility points, in display order. Nothing else in the app hard-codes a point.</summary>
public interface IHookCatalog
{
    IReadOnlyList<ExtensibilityPoint> Points { get; }

    /// <summary>The point with this triggerId, or null.</summary>
    ExtensibilityPoint? Find(string? triggerId);
}
