namespace HooksDashboard.Admins;

/// <summary>
/// Dashboard admins: accounts, password checks with per-account lockout, password changes. Passwords are
/// kept only as <see cref="Microsoft.AspNetCore.Identity.PasswordHasher{TUser}"/> hashes.
/// </summary>
public interface IAdminAccounts
{
    /// <summary>All admins, oldest first.</summary>
    Task<IReadOnlyList<AdminAccount>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether any admin exists (first start creates one when none does).</summary>
    Task<bool> AnyAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds an admin.</summary>
    /// <exception cref="AdminValidationException">The email is not an address, is taken, or the password is too weak.</exception>
    Task<AdminAccount> CreateAsync(string email, string password, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a password. Each failure counts against the account; <see cref="AdminOptions.MaxFailedAttempts"/>
    /// failures in a row lock it for <see cref="AdminOptions.LockoutDuration"/>; a success resets the count.
    /// </summary>
    Task<AdminSignInResult> SignInAsync(string email, string password, CancellationToken cancellationToken = default);

    /// <summary>Changes an admin's own password after checking the current one.</summary>
    /// <exception cref="AdminValidationException">The current password is wrong or the new one is too weak.</exception>
    Task ChangePasswordAsync(string adminId, string currentPassword, string newPassword, CancellationToken cancellationToken = default);

    /// <summary>The password rules, as a sentence when <paramref name="password"/> breaks them, else null.</summary>
    string? ValidatePassword(string? password);
}
