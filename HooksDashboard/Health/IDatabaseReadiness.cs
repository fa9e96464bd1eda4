namespace HooksDashboard.Health;

/// <summary>
/// Whether the database can serve requests: reachable, and every migration this build knows applied. The readiness
/// check (<c>/readyz</c>) asks it through the storage provider's own connection service; another provider plugs in by
/// registering its implementation instead of <see cref="SqliteDatabaseReadiness"/>.
/// </summary>
public interface IDatabaseReadiness
{
    /// <summary>Opens a connection and compares the applied migrations with the build's; never throws for a database fault.</summary>
    Task<DatabaseReadiness> CheckAsync(CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IDatabaseReadiness.CheckAsync"/> found.</summary>
/// <param name="Reachable">A connection opened and answered a query.</param>
/// <param name="Problem">Why the database is not reachable (the provider's message), or null.</param>
/// <param name="PendingMigrations">Migrations of this build not recorded as applied (version and name), in order.</param>
public sealed record DatabaseReadiness(bool Reachable, string? Problem, IReadOnlyList<string> PendingMigrations)
{
    public bool IsReady => Reachable && PendingMigrations.Count == 0;
}
