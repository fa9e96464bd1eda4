using System.Data.Common;
using System.Net.Mail;
using Dapper;
using HooksDashboard.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Admins;

/// <summary><see cref="IAdminAccounts"/> on the SQLite database.</summary>
public sealed class AdminAccounts : IAdminAccounts
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 256;

    private const string Columns = "id AS Id, email AS Email, password_hash AS PasswordHash, failed_attempts AS FailedAttempts, locked_until AS LockedUntil, created_at AS CreatedAt";
    private const string ListSql = "SELECT " + Columns + " FROM admins ORDER BY created_at, id;";
    private const string AnySql = "SELECT EXISTS (SELECT 1 FROM admins);";
    private const string ByEmailSql = "SELECT " + Columns + " FROM admins WHERE email = @Email;";
    private const string ByIdSql = "SELECT " + Columns + " FROM admins WHERE id = @Id;";
    private const string InsertSql = "INSERT INTO admins (id, email, password_hash, created_at) VALUES (@Id, @Email, @PasswordHash, @CreatedAt);";
    private const string RecordFailureSql = "UPDATE admins SET failed_attempts = @FailedAttempts, locked_until = @LockedUntil WHERE id = @Id;";
    private const string RecordSuccessSql = "UPDATE admins SET failed_attempts = 0, locked_until = NULL, password_hash = @PasswordHash WHERE id = @Id;";
    private const string SetPasswordSql = "UPDATE admins SET password_hash = @PasswordHash WHERE id = @Id;";

    private readonly IDatabase _database;
    private readonly IPasswordHasher<AdminAccount> _hasher;
    private readonly TimeProvider _time;
    private readonly AdminOptions _options;
    private readonly ILogger<AdminAccounts> _logger;

    // Verified for unknown emails so that a wrong email costs as much time as a wrong password.
    private readonly Lazy<string> _decoyHash;

    public AdminAccounts(IDatabase database, IPasswordHasher<AdminAccount> hasher, TimeProvider time, IOptions<AdminOptions> options, ILogger<AdminAccounts> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _hasher = hasher;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _decoyHash = new Lazy<string>(() => _hasher.HashPassword(Decoy, Guid.NewGuid().ToString("N")));
    }

    private static readonly AdminAccount Decoy = new("", "", DateTimeOffset.MinValue);

    public async Task<IReadOnlyList<AdminAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AdminRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToAccount())];
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AnySql, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<AdminAccount> CreateAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeEmail(email);
        if (ValidatePassword(password) is { } weak)
            throw new AdminValidationException("password", weak);

        var account = new AdminAccount(Ulid.NewId(_time.GetUtcNow()), normalized, _time.GetUtcNow());
        var row = new { account.Id, account.Email, PasswordHash = _hasher.HashPassword(account, password), account.CreatedAt };
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, row, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException e) when (DatabaseErrors.IsUniqueViolation(e, "admins.email", "ux_admins_email"))
        {
            throw new AdminValidationException("email", $"An admin with the email {normalized} already exists.");
        }
        _logger.LogInformation("Admin {AdminEmail} created", account.Email);
        return account;
    }

    public async Task<AdminSignInResult> SignInAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One write transaction per attempt: concurrent wrong guesses cannot both read the same count.
        await using var transaction = await _database.BeginWriteAsync(connection, "admins", cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<AdminRow>(
            new CommandDefinition(ByEmailSql, new { Email = (email ?? "").Trim() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            _hasher.VerifyHashedPassword(Decoy, _decoyHash.Value, password ?? "");
            return new AdminSignInResult(AdminSignInStatus.Failed);
        }

        var now = _time.GetUtcNow();
        if (row.LockedUntil is { } lockedUntil && lockedUntil > now)
            return new AdminSignInResult(AdminSignInStatus.LockedOut, LockedUntil: lockedUntil);

        var account = row.ToAccount();
        var verification = _hasher.VerifyHashedPassword(account, row.PasswordHash, password ?? "");
        if (verification == PasswordVerificationResult.Failed)
        {
            var failures = row.FailedAttempts + 1;
            DateTimeOffset? lockUntil = failures >= _options.MaxFailedAttempts ? now + _options.LockoutDuration : null;
            await connection.ExecuteAsync(new CommandDefinition(RecordFailureSql,
                new { row.Id, FailedAttempts = lockUntil is null ? failures : 0, LockedUntil = lockUntil }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (lockUntil is not null)
            {
                _logger.LogWarning("Admin {AdminEmail} locked until {LockedUntil} after {Failures} failed sign-ins", row.Email, lockUntil, failures);
                return new AdminSignInResult(AdminSignInStatus.LockedOut, LockedUntil: lockUntil);
            }
            return new AdminSignInResult(AdminSignInStatus.Failed);
        }

        // A hash from an older hasher version is upgraded while the password is at hand.
        var hash = verification == PasswordVerificationResult.SuccessRehashNeeded ? _hasher.HashPassword(account, password!) : row.PasswordHash;
        await connection.ExecuteAsync(new CommandDefinition(RecordSuccessSql, new { row.Id, PasswordHash = hash }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AdminSignInResult(AdminSignInStatus.Succeeded, account);
    }

    public async Task ChangePasswordAsync(string adminId, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        if (ValidatePassword(newPassword) is { } weak)
            throw new AdminValidationException("newPassword", weak);

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<AdminRow>(new CommandDefinition(ByIdSql, new { Id = adminId }, cancellationToken: cancellationToken)).ConfigureAwait(false)
            ?? throw new AdminValidationException("currentPassword", "This admin account no longer exists.");
        var account = row.ToAccount();
        if (_hasher.VerifyHashedPassword(account, row.PasswordHash, currentPassword ?? "") == PasswordVerificationResult.Failed)
            throw new AdminValidationException("currentPassword", "The current password is wrong.");
        await connection.ExecuteAsync(new CommandDefinition(SetPasswordSql, new { row.Id, PasswordHash = _hasher.HashPassword(account, newPassword) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        _logger.LogInformation("Admin {AdminEmail} changed their password", account.Email);
    }

    public string? ValidatePassword(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
            return $"The password must be at least {MinPasswordLength} characters long.";
        if (password.Length > MaxPasswordLength)
            return $"The password must be at most {MaxPasswordLength} characters long.";
        if (string.IsNullOrWhiteSpace(password))
            return "The password must not be only spaces.";
        return null;
    }

    private static string NormalizeEmail(string? email)
    {
        var trimmed = (email ?? "").Trim();
        if (trimmed.Length is 0 or > 254 || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || !trimmed.Contains('@', StringComparison.Ordinal))
            throw new AdminValidationException("email", $"'{trimmed}' is not an email address.");
        return trimmed;
    }

    private sealed class AdminRow
    {
        public string Id { get; set; } = "";
        public string Email { get; set; } = "";
        public string PasswordHash { get; set; } = "";
        public int FailedAttempts { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public AdminAccount ToAccount() => new(Id, Email, CreatedAt);
    }
}
