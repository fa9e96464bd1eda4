namespace HooksDashboard.Identity.Connections;

/// <summary>A database connection: where users sign up with an email and a password.</summary>
/// <param name="Id"><c>con_</c> followed by 16 random letters and digits, like Auth0's.</param>
/// <param name="Name">The name clients send as <c>connection</c>, e.g. <c>Username-Password-Authentication</c>.</param>
public sealed record DatabaseConnection(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>The database connections. There is one, created on first use and kept: Auth0's default.</summary>
public interface IConnectionStore
{
    /// <summary>The default connection's name, as in every new Auth0 tenant.</summary>
    public const string DefaultName = "Username-Password-Authentication";

    /// <summary>The default connection, created (with a new id) the first time it is asked for.</summary>
    Task<DatabaseConnection> GetDefaultAsync(CancellationToken cancellationToken = default);

    /// <summary>The connection with this exact name, or null.</summary>
    Task<DatabaseConnection?> FindByNameAsync(string name, CancellationToken cancellationToken = default);
}
