namespace HooksDashboard.Admins;

/// <summary>A person who may sign in to the dashboard.</summary>
/// <param name="Id">ULID-style id.</param>
/// <param name="Email">Sign-in name; unique regardless of letter case.</param>
public sealed record AdminAccount(string Id, string Email, DateTimeOffset CreatedAt);

/// <summary>The outcome of a sign-in attempt.</summary>
public enum AdminSignInStatus
{
    Succeeded,

    /// <summary>Unknown email or wrong password; which of the two is never told.</summary>
    Failed,

    /// <summary>Too many failures in a row: the account refuses every password until <see cref="AdminSignInResult.LockedUntil"/>.</summary>
    LockedOut,
}

/// <param name="Account">The signed-in admin when <see cref="Status"/> is <see cref="AdminSignInStatus.Succeeded"/>.</param>
/// <param name="LockedUntil">When a locked account accepts passwords again.</param>
public sealed record AdminSignInResult(AdminSignInStatus Status, AdminAccount? Account = null, DateTimeOffset? LockedUntil = null);

/// <summary>Bad input for an admin account (email or password); <see cref="Field"/> names the field.</summary>
public sealed class AdminValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Lockout rules, bound from the configuration section <c>Admin</c>.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Email of the first admin, created at first start when no admin exists.</summary>
    public string? Email { get; set; }

    /// <summary>Password of the first admin; without it one is generated and printed once.</summary>
    public string? Password { get; set; }

    /// <summary>Consecutive failed passwords that lock an account.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account refuses every password.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);
}
