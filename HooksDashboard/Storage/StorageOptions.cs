namespace HooksDashboard.Storage;

/// <summary>The database engine behind every store (configuration key <c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>The default: one SQLite file in the data folder; one instance.</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL database (<c>ConnectionStrings:HooksDashboard</c>); any number of instances.</summary>
    PostgreSQL,
}

/// <summary>Where HooksDashboard keeps its state: the database and the Data Protection key ring.</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration key of the engine.</summary>
    public const string ProviderKey = "Storage:Provider";

    /// <summary>Name of the connection string (<c>ConnectionStrings:HooksDashboard</c>) used with PostgreSQL.</summary>
    public const string ConnectionStringName = "HooksDashboard";

    /// <summary>The engine; <see cref="StorageProvider.Sqlite"/> unless <c>Storage:Provider</c> says otherwise.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The PostgreSQL connection string (<c>ConnectionStrings:HooksDashboard</c>); unused with SQLite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The data folder. Bound from the top-level configuration key <c>DataDirectory</c> (so the environment
    /// variable of that name works); a relative path is taken from the content root; unset means
    /// <c>{ContentRoot}/data</c>.
    /// </summary>
    public string DataDirectory { get; set; } = "";

    public string DatabasePath => Path.Combine(DataDirectory, "hooks.db");

    /// <summary>The Data Protection key ring that encrypts hook secrets: losing it makes stored secrets unreadable.</summary>
    public string KeysDirectory => Path.Combine(DataDirectory, "keys");

    /// <summary>Resolves <see cref="DataDirectory"/> against the content root; applied once when the options are built.</summary>
    internal static string ResolveDataDirectory(string? configured, string contentRootPath) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, contentRootPath);

    /// <summary>
    /// Reads <c>Storage:Provider</c>: empty means SQLite; the names are matched without regard to case.
    /// </summary>
    /// <exception cref="InvalidOperationException">Any other value, naming the accepted ones.</exception>
    internal static StorageProvider ParseProvider(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
            return StorageProvider.Sqlite;
        var value = configured.Trim();
        if (string.Equals(value, "Sqlite", StringComparison.OrdinalIgnoreCase))
            return StorageProvider.Sqlite;
        if (string.Equals(value, "PostgreSQL", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "Postgres", StringComparison.OrdinalIgnoreCase))
            return StorageProvider.PostgreSQL;
        throw new InvalidOperationException(
            $"Configuration key {ProviderKey} is '{configured}', which is not a storage engine: use Sqlite (the default) or PostgreSQL.");
    }
}
