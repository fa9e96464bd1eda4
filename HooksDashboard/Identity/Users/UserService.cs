using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Identity.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Identity.Users;

/// <summary>An administrator's new user, as typed in the dashboard.</summary>
public sealed record AdminNewUser(string Email, string Password, string? Username, string? UserMetadata, string? AppMetadata, bool EmailVerified = false);

/// <summary>What administrators do with users (the dashboard's Users pages).</summary>
public interface IUserService
{
    /// <summary>Creates a user directly (no pre-user-registration hook, as with Auth0's Management API) and queues post-user-registration.</summary>
    /// <exception cref="UserValidationException">A field breaks a rule (the message says which and why).</exception>
    /// <exception cref="UserConflictException">The email or username is taken.</exception>
    Task<User> CreateAsync(AdminNewUser user, CancellationToken cancellationToken = default);

    /// <summary>Users whose email or username contains the query, newest first; <paramref name="page"/> is 0-based.</summary>
    Task<UserPage> SearchAsync(string? query, int page, int perPage, CancellationToken cancellationToken = default);

    Task<User?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Replaces email_verified and the metadata objects (JSON text; empty means <c>{}</c>).</summary>
    /// <exception cref="UserValidationException">Metadata that is not a JSON object, or a refused property name.</exception>
    /// <exception cref="UserNotFoundException">No such user.</exception>
    Task<User> UpdateAsync(string id, bool emailVerified, string? userMetadata, string? appMetadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes the user; false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Sets a new password (policy applied) and queues post-change-password.</summary>
    /// <exception cref="UserValidationException">The password breaks the policy.</exception>
    /// <exception cref="UserNotFoundException">No such user.</exception>
    Task<User> ChangePasswordAsync(string id, string newPassword, CancellationToken cancellationToken = default);
}

/// <inheritdoc />
public sealed class UserService(
    IConnectionStore connections,
    IUserStore users,
    IPasswordHasher<User> hasher,
    IOptions<TenantOptions> tenant,
    TimeProvider time) : IUserService
{
    public async Task<User> CreateAsync(AdminNewUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (UserRules.ValidateEmail(user.Email) is { } emailError)
            throw new UserValidationException("email", emailError);
        var username = string.IsNullOrEmpty(user.Username) ? null : user.Username;
        if (username is not null && UserRules.ValidateUsername(username) is { } usernameError)
            throw new UserValidationException("username", usernameError);
        var strength = PasswordPolicy.Check(user.Password);
        if (!strength.Verified)
            throw new UserValidationException("password", strength.Summary);
        var userMetadata = UserRules.ParseMetadata(user.UserMetadata, "user_metadata");
        var appMetadata = UserRules.ParseMetadata(user.AppMetadata, "app_metadata");

        var connection = await connections.GetDefaultAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var created = new User(UserRules.NewUserId(), connection.Id, user.Email.Trim(), username, user.EmailVerified, userMetadata, appMetadata, now, now, null);
        var payload = UserHookPayloads.PostUserRegistration(tenant.Value.Tenant, connection, created, requestLanguage: null);
        return await users.CreateAsync(
            new NewUser(created, hasher.HashPassword(created, user.Password)),
            new HookEventDraft(PostUserRegistrationPoint.TriggerId, payload, RequestId: null),
            cancellationToken).ConfigureAwait(false);
    }

    public Task<UserPage> SearchAsync(string? query, int page, int perPage, CancellationToken cancellationToken = default) =>
        users.SearchAsync(query, page, perPage, cancellationToken);

    public Task<User?> GetAsync(string id, CancellationToken cancellationToken = default) => users.GetAsync(id, cancellationToken);

    public async Task<User> UpdateAsync(string id, bool emailVerified, string? userMetadata, string? appMetadata, CancellationToken cancellationToken = default)
    {
        var user = UserRules.ParseMetadata(userMetadata, "user_metadata");
        var app = UserRules.ParseMetadata(appMetadata, "app_metadata");
        return await users.UpdateAsync(id, emailVerified, user, app, cancellationToken).ConfigureAwait(false) ?? throw new UserNotFoundException();
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => users.DeleteAsync(id, cancellationToken);

    public async Task<User> ChangePasswordAsync(string id, string newPassword, CancellationToken cancellationToken = default)
    {
        var strength = PasswordPolicy.Check(newPassword);
        if (!strength.Verified)
            throw new UserValidationException("password", strength.Summary);
        var existing = await users.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new UserNotFoundException();
        var connection = await connections.GetDefaultAsync(cancellationToken).ConfigureAwait(false);
        var tenantName = tenant.Value.Tenant;
        return await users.ChangePasswordAsync(
            id,
            hasher.HashPassword(existing, newPassword),
            changed => new HookEventDraft(PostChangePasswordPoint.TriggerId, UserHookPayloads.PostChangePassword(tenantName, connection, changed), RequestId: null),
            cancellationToken).ConfigureAwait(false) ?? throw new UserNotFoundException();
    }
}
