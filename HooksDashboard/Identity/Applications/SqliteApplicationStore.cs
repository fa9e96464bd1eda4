using System.Data.Common;
using System.Text.Json;
using Dapper;
using HooksDashboard.Storage;

namespace HooksDashboard.Identity.Applications;

/// <summary>
/// <see cref="IApplicationStore"/> on either engine (<see cref="IDatabase"/>; the name predates PostgreSQL), table
/// <c>applications</c>. Every SQL text is the same on both.
/// </summary>
public sealed class SqliteApplicationStore(IDatabase database, TimeProvider time) : IApplicationStore
{
    /// <summary>
    /// The write scope of every transaction over applications, APIs and grants: their writes cross (a grant reads
    /// its application and API; narrowing an API narrows its grants), so they queue as one across instances.
    /// </summary>
    internal const string WriteScope = "identity";

    private const string Columns =
        "client_id AS ClientId, name AS Name, secret_hash AS SecretHash, client_metadata AS Metadata, web_origins AS WebOriginsJson, created_at AS CreatedAt, updated_at AS UpdatedAt, " +
        "app_type AS AppType, callbacks AS CallbacksJson, allowed_origins AS AllowedOriginsJson, grant_types AS GrantTypesJson";

    private const string ListSql = "SELECT " + Columns + " FROM applications ORDER BY created_at, client_id;";
    private const string SelectSql = "SELECT " + Columns + " FROM applications WHERE client_id = @ClientId;";
    private const string SelectWebOriginsSql = "SELECT web_origins FROM applications WHERE web_origins <> '[]' ORDER BY created_at, client_id;";

    private const string InsertSql = """
        INSERT INTO applications (client_id, name, secret_hash, client_metadata, web_origins, created_at, updated_at,
                                  app_type, callbacks, allowed_origins, grant_types)
        VALUES (@ClientId, @Name, @SecretHash, @Metadata, @WebOriginsJson, @CreatedAt, @UpdatedAt,
                @AppType, @CallbacksJson, @AllowedOriginsJson, @GrantTypesJson);
        """;

    private const string UpdateSql =
        "UPDATE applications SET name = @Name, client_metadata = @Metadata, web_origins = @WebOriginsJson, updated_at = @UpdatedAt, " +
        "app_type = @AppType, callbacks = @CallbacksJson, allowed_origins = @AllowedOriginsJson, grant_types = @GrantTypesJson WHERE client_id = @ClientId;";

    private const string UpdateSecretSql =
        "UPDATE applications SET secret_hash = @SecretHash, updated_at = @UpdatedAt WHERE client_id = @ClientId;";

    private const string DeleteSql = "DELETE FROM applications WHERE client_id = @ClientId;";

    private const string NotFoundMessage = "Application not found";

    public async Task<IReadOnlyList<Application>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ApplicationRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToApplication())];
    }

    public async Task<Application?> GetAsync(string clientId, CancellationToken cancellationToken = default) =>
        (await GetRowAsync(clientId, cancellationToken).ConfigureAwait(false))?.ToApplication();

    /// <inheritdoc />
    /// <exception cref="IdentityValidationException">The name, metadata or web origins break <see cref="ApplicationRules"/> / <see cref="WebOrigins"/>.</exception>
    public async Task<ApplicationWithSecret> CreateAsync(NewApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        Require("name", ApplicationRules.ValidateName(application.Name));
        Require("client_metadata", ApplicationRules.ValidateMetadata(application.Metadata));
        var webOrigins = RequireWebOrigins(application.WebOrigins);

        var now = time.GetUtcNow();
        var secret = ClientSecrets.NewSecret();
        var row = new ApplicationRow
        {
            ClientId = ClientSecrets.NewClientId(),
            Name = application.Name.Trim(),
            SecretHash = ClientSecrets.Hash(secret),
            Metadata = new Dictionary<string, string>(application.Metadata ?? new Dictionary<string, string>()),
            WebOrigins = webOrigins,
            CreatedAt = now,
            UpdatedAt = now,
        };
        row.Apply(RequireSettings(application.Settings ?? ClientSettings.Default));
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, row, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ApplicationWithSecret(row.ToApplication(), secret);
    }

    /// <inheritdoc />
    /// <exception cref="IdentityValidationException">A field breaks <see cref="ApplicationRules"/> or <see cref="WebOrigins"/>.</exception>
    /// <exception cref="IdentityConflictException">An application already has this client id.</exception>
    public async Task<Application> CreateWithCredentialsAsync(NewApplication application, string clientId, string clientSecret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        Require("name", ApplicationRules.ValidateName(application.Name));
        Require("client_metadata", ApplicationRules.ValidateMetadata(application.Metadata));
        Require("client_id", ApplicationRules.ValidateChosenClientId(clientId));
        Require("client_secret", ApplicationRules.ValidateChosenSecret(clientSecret));
        var webOrigins = RequireWebOrigins(application.WebOrigins);

        var now = time.GetUtcNow();
        var row = new ApplicationRow
        {
            ClientId = clientId,
            Name = application.Name.Trim(),
            SecretHash = ClientSecrets.Hash(clientSecret),
            Metadata = new Dictionary<string, string>(application.Metadata ?? new Dictionary<string, string>()),
            WebOrigins = webOrigins,
            CreatedAt = now,
            UpdatedAt = now,
        };
        row.Apply(RequireSettings(application.Settings ?? ClientSettings.Default));
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, row, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException e) when (DatabaseErrors.IsUniqueViolation(e, "applications.client_id", "applications_pkey"))
        {
            throw new IdentityConflictException($"An application with client id {clientId} already exists.");
        }
        return row.ToApplication();
    }

    /// <inheritdoc />
    /// <exception cref="IdentityNotFoundException">No application has this client id.</exception>
    /// <exception cref="IdentityValidationException">The name, metadata or web origins break <see cref="ApplicationRules"/> / <see cref="WebOrigins"/>.</exception>
    public async Task<Application> UpdateAsync(string clientId, ApplicationUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Name is not null)
            Require("name", ApplicationRules.ValidateName(update.Name));
        Require("client_metadata", ApplicationRules.ValidateMetadata(update.Metadata));
        var webOrigins = update.WebOrigins is null ? null : RequireWebOrigins(update.WebOrigins);

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, WriteScope, cancellationToken).ConfigureAwait(false);
        var current = await connection.QuerySingleOrDefaultAsync<ApplicationRow>(
            new CommandDefinition(SelectSql, new { ClientId = clientId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
            ?? throw new IdentityNotFoundException(NotFoundMessage);

        current.Name = update.Name?.Trim() ?? current.Name;
        current.Metadata = update.Metadata is null ? current.Metadata : new Dictionary<string, string>(update.Metadata);
        current.WebOrigins = webOrigins ?? current.WebOrigins;
        var settings = current.Settings;
        current.Apply(RequireSettings(settings with
        {
            AppType = update.AppType ?? settings.AppType,
            Callbacks = update.Callbacks ?? settings.Callbacks,
            AllowedOrigins = update.AllowedOrigins ?? settings.AllowedOrigins,
            GrantTypes = update.GrantTypes ?? settings.GrantTypes,
        }));
        current.UpdatedAt = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(UpdateSql, current, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current.ToApplication();
    }

    /// <inheritdoc />
    /// <exception cref="IdentityNotFoundException">No application has this client id.</exception>
    public async Task<ApplicationWithSecret> RotateSecretAsync(string clientId, CancellationToken cancellationToken = default)
    {
        var secret = ClientSecrets.NewSecret();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new { ClientId = clientId, SecretHash = ClientSecrets.Hash(secret), UpdatedAt = time.GetUtcNow() };
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateSecretSql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 0)
            throw new IdentityNotFoundException(NotFoundMessage);
        var row = await connection.QuerySingleAsync<ApplicationRow>(new CommandDefinition(SelectSql, new { ClientId = clientId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ApplicationWithSecret(row.ToApplication(), secret);
    }

    /// <inheritdoc />
    /// <exception cref="IdentityNotFoundException">No application has this client id.</exception>
    public async Task DeleteAsync(string clientId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { ClientId = clientId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (deleted == 0)
            throw new IdentityNotFoundException(NotFoundMessage);
    }

    public async Task<IReadOnlyList<string>> ListWebOriginsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var lists = await connection.QueryAsync<string>(new CommandDefinition(SelectWebOriginsSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. lists.SelectMany(ParseWebOrigins).Distinct(StringComparer.Ordinal)];
    }

    public async Task<Application?> AuthenticateAsync(string clientId, string clientSecret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientSecret);
        var row = await GetRowAsync(clientId, cancellationToken).ConfigureAwait(false);
        // An unknown id still costs one verification, so response times do not tell which client ids exist.
        var matches = ClientSecrets.Verify(clientSecret, row?.SecretHash ?? ClientSecrets.Decoy);
        return matches && row is not null ? row.ToApplication() : null;
    }

    private async Task<ApplicationRow?> GetRowAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ApplicationRow>(
            new CommandDefinition(SelectSql, new { ClientId = clientId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static void Require(string field, string? error)
    {
        if (error is not null)
            throw new IdentityValidationException(field, error);
    }

    private static IReadOnlyList<string> RequireWebOrigins(IReadOnlyList<string>? entries)
    {
        var (origins, error) = WebOrigins.Normalize(entries);
        Require("web_origins", error);
        return origins;
    }

    /// <summary>The settings checked by <see cref="ApplicationRules"/>, allowed origins normalized as web origins are.</summary>
    private static ClientSettings RequireSettings(ClientSettings settings)
    {
        Require("app_type", ApplicationRules.ValidateAppType(settings.AppType));
        Require("callbacks", ApplicationRules.ValidateCallbacks(settings.Callbacks));
        Require("grant_types", ApplicationRules.ValidateGrantTypes(settings.GrantTypes));
        var (origins, error) = WebOrigins.Normalize(settings.AllowedOrigins);
        Require("allowed_origins", error);
        return settings with { AllowedOrigins = origins, GrantTypes = [.. settings.GrantTypes.Distinct(StringComparer.Ordinal)] };
    }

    private static IReadOnlyList<string> ParseWebOrigins(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    /// <summary>An applications row as Dapper reads and writes it (metadata and times go through the storage type handlers).</summary>
    private sealed class ApplicationRow
    {
        public string ClientId { get; set; } = "";
        public string Name { get; set; } = "";
        public string SecretHash { get; set; } = "";
        public IReadOnlyDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>();
        public IReadOnlyList<string> WebOrigins { get; set; } = [];

        /// <summary>The <c>web_origins</c> column: a JSON array, read and written through <see cref="WebOrigins"/>.</summary>
        public string WebOriginsJson
        {
            get => JsonSerializer.Serialize(WebOrigins);
            set => WebOrigins = ParseWebOrigins(value);
        }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public string AppType { get; set; } = ApplicationRules.DefaultAppType;
        public string CallbacksJson { get; set; } = "[]";
        public string AllowedOriginsJson { get; set; } = "[]";
        public string GrantTypesJson { get; set; } = "[]";

        public ClientSettings Settings => new(AppType, ParseWebOrigins(CallbacksJson), ParseWebOrigins(AllowedOriginsJson), ParseWebOrigins(GrantTypesJson));

        public void Apply(ClientSettings settings)
        {
            AppType = settings.AppType;
            CallbacksJson = JsonSerializer.Serialize(settings.Callbacks);
            AllowedOriginsJson = JsonSerializer.Serialize(settings.AllowedOrigins);
            GrantTypesJson = JsonSerializer.Serialize(settings.GrantTypes);
        }

        public Application ToApplication() => new(ClientId, Name, Metadata, WebOrigins, CreatedAt, UpdatedAt) { Settings = Settings };
    }
}
