using System.Security.Cryptography;
using Dapper;
using HooksDashboard.Storage;

namespace HooksDashboard.Identity.Connections;

/// <summary>
/// <see cref="IConnectionStore"/> on either engine (<see cref="IDatabase"/>; the name predates PostgreSQL); the default
/// connection's row is inserted once and never replaced, also when several instances start at once.
/// </summary>
public sealed class SqliteConnectionStore(IDatabase database, TimeProvider time) : IConnectionStore
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // ON CONFLICT keeps the first id when two requests (or two processes) create it at once.
    private const string EnsureSql = """
        INSERT INTO connections (id, name, strategy, created_at) VALUES (@Id, @Name, 'auth0', @CreatedAt)
        ON CONFLICT (name) DO NOTHING;
        """;

    private const string FindSql = "SELECT id AS Id, name AS Name, created_at AS CreatedAt FROM connections WHERE name = @Name;";

    private DatabaseConnection? _default;

    public async Task<DatabaseConnection> GetDefaultAsync(CancellationToken cancellationToken = default)
    {
        if (_default is { } known)
            return known;

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var candidate = new { Id = NewId(), Name = IConnectionStore.DefaultName, CreatedAt = time.GetUtcNow() };
        await connection.ExecuteAsync(new CommandDefinition(EnsureSql, candidate, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<ConnectionRow>(
            new CommandDefinition(FindSql, new { Name = IConnectionStore.DefaultName }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var stored = new DatabaseConnection(row.Id, row.Name, row.CreatedAt);
        _default = stored;
        return stored;
    }

    public async Task<DatabaseConnection?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var defaultConnection = await GetDefaultAsync(cancellationToken).ConfigureAwait(false);
        return string.Equals(name, defaultConnection.Name, StringComparison.Ordinal) ? defaultConnection : null;
    }

    /// <summary><c>con_</c> and 16 random letters and digits, the shape of Auth0's connection ids.</summary>
    internal static string NewId() => "con_" + RandomNumberGenerator.GetString(IdAlphabet, 16);

    private sealed class ConnectionRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
    }
}
