using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Identity.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Identity.Users;

/// <summary>An administrator's new user, as typed in the dashboard.</summary>
public sealed record AdminNewUser(string Email, string Password, string? Username, string? UserMetadata, string? AppMetadata, bool EmailVerified = false);

/// <summary>A field of a partial update: <see cref="IsSet"/> false leaves the stored value alone.</summary>
public readonly record struct Change<T>(bool IsSet, T Value)
{
    public static implicit operator Change<T>(T value) => new(true, value);
}

/// <summary>A new user with every field the Management API accepts (<c>POST /api/v2/users</c>).</summary>
public sealed record NewUserFields(
    string Email,
    string Password,
    string? Username = null,
    bool EmailVerified = false,
    bool Blocked = false,
    UserProfile? Profile = null,
    JsonObject? UserMetadata = null,
    JsonObject? AppMetadata = null);

/// <summary>
/// <c>PATCH /api/v2/users/{id}</c>: only the fields set change. Metadata objects are merged one level deep
/// (<see cref="UserRules.MergeMetadata"/>); a new email is unverified unless <see cref="EmailVerified"/> is set too.
/// </summary>
public sealed record UserPatch
{
    public Change<string> Email { get; init; }
    public Change<bool> EmailVerified { get; init; }
    public Change<bool> Blocked { get; init; }
    public Change<string> Password { get; init; }
    public Change<string> Username { get; init; }
    public Change<string> Name { get; init; }
    public Change<string> Nickname { get; init; }
    public Change<string> GivenName { get; init; }
    public Change<string> FamilyName { get; init; }
    public Change<string> Picture { get; init; }
    public Change<string> PhoneNumber { get; init; }
    public JsonObject? UserMetadata { get; init; }
    public JsonObject? AppMetadata { get; init; }
}

/// <summary>What administrators do with users (the dashboard's Users pages).</summary>
public interface IUserService
{
    /// <summary>Creates a user directly (no pre-user-registration hook, as with Auth0's Management API) and queues post-user-registration.</summary>
    /// <exception cref="UserValidationException">A field breaks a rule (the message says which and why).</exception>
    /// <exception cref="UserConflictException">The email or username is taken.</exception>
    Task<User> CreateAsync(AdminNewUser user, CancellationToken cancellationToken = default);

    /// <summary>Creates a user with the Management API's fields; otherwise as <see cref="CreateAsync(AdminNewUser, CancellationToken)"/>.</summary>
    /// <exception cref="UserValidationException">A field breaks a rule (the message says which and why).</exception>
    /// <exception cref="UserConflictException">The email or username is taken.</exception>
    Task<User> CreateAsync(NewUserFields user, CancellationToken cancellationToken = default);

    /// <summary>Changes the fields <paramref name="patch"/> sets, with Auth0's rules; a new password queues post-change-password.</summary>
    /// <exception cref="UserValidationException">A field breaks a rule (the message says which and why).</exception>
    /// <exception cref="UserConflictException">The new email or username is taken.</exception>
    /// <exception cref="UserNotFoundException">No such user.</exception>
    Task<User> PatchAsync(string id, UserPatch patch, CancellationToken cancellationToken = default);

    /// <summary>One page of the users matching a parsed search (<c>q</c>), sorted; <paramref name="page"/> is 0-based.</summary>
    /// <exception cref="Search.UserQuerySyntaxException">The query names an unknown field or a value a field cannot hold.</exception>
    Task<UserPage> QueryAsync(Search.UserQuery? query, Search.UserSort? sort, int page, int perPage, CancellationToken cancellationToken = default);

    /// <summary>The users with this email (any case): zero or one, since emails are unique in the one connection.</summary>
    Task<IReadOnlyList<User>> FindByEmailAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>The connection a user belongs to (its name shows in the user's <c>identities</c>).</summary>
    Task<DatabaseConnection> GetConnectionAsync(CancellationToken cancellationToken = default);

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
    public Task<User> CreateAsync(AdminNewUser user, CancellationToken cancellationToken = default)
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
        return CreateAsync(new NewUserFields(user.Email, user.Password, username, user.EmailVerified, UserMetadata: userMetadata, AppMetadata: appMetadata), cancellationToken);
    }

    public async Task<User> CreateAsync(NewUserFields user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (UserRules.ValidateEmail(user.Email) is { } emailError)
            throw new UserValidationException("email", emailError);
        if (user.Username is not null && UserRules.ValidateUsername(user.Username) is { } usernameError)
            throw new UserValidationException("username", usernameError);
        var strength = PasswordPolicy.Check(user.Password);
        if (!strength.Verified)
            throw new UserValidationException("password", strength.Summary);
        var profile = user.Profile ?? UserProfile.Empty;
        ValidateProfile(profile);
        var userMetadata = user.UserMetadata ?? [];
        var appMetadata = user.AppMetadata ?? [];
        ValidateMetadata(userMetadata, appMetadata);

        var connection = await connections.GetDefaultAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var created = new User(UserRules.NewUserId(), connection.Id, user.Email.Trim(), user.Username, user.EmailVerified, userMetadata, appMetadata, now, now, null)
        {
            Blocked = user.Blocked,
            Profile = profile,
        };
        var payload = UserHookPayloads.PostUserRegistration(tenant.Value.Tenant, connection, created, requestLanguage: null);
        return await users.CreateAsync(
            new NewUser(created, hasher.HashPassword(created, user.Password)),
            new HookEventDraft(PostUserRegistrationPoint.TriggerId, payload, RequestId: null),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<User> PatchAsync(string id, UserPatch patch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.Email.IsSet && UserRules.ValidateEmail(patch.Email.Value) is { } emailError)
            throw new UserValidationException("email", emailError);
        if (patch.Username.IsSet && UserRules.ValidateUsername(patch.Username.Value) is { } usernameError)
            throw new UserValidationException("username", usernameError);
        foreach (var (field, change) in new[] { ("name", patch.Name), ("nickname", patch.Nickname), ("given_name", patch.GivenName), ("family_name", patch.FamilyName), ("picture", patch.Picture), ("phone_number", patch.PhoneNumber) })
        {
            if (change.IsSet && UserRules.ValidateProfileField(field, change.Value) is { } error)
                throw new UserValidationException(field, error);
        }
        string? passwordHash = null;
        if (patch.Password.IsSet)
        {
            var strength = PasswordPolicy.Check(patch.Password.Value);
            if (!strength.Verified)
                throw new UserValidationException("password", strength.Summary);
            var existing = await users.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new UserNotFoundException();
            passwordHash = hasher.HashPassword(existing, patch.Password.Value);
        }
        var connection = await connections.GetDefaultAsync(cancellationToken).ConfigureAwait(false);
        var tenantName = tenant.Value.Tenant;
        return await users.UpdateAsync(
            id,
            current => Apply(current, patch),
            passwordHash,
            changed => new HookEventDraft(PostChangePasswordPoint.TriggerId, UserHookPayloads.PostChangePassword(tenantName, connection, changed), RequestId: null),
            cancellationToken).ConfigureAwait(false) ?? throw new UserNotFoundException();
    }

    /// <summary>The user with the patch applied; runs inside the store's write transaction, on the current row.</summary>
    private static User Apply(User current, UserPatch patch)
    {
        var userMetadata = patch.UserMetadata is null ? current.UserMetadata : UserRules.MergeMetadata(current.UserMetadata, patch.UserMetadata);
        var appMetadata = patch.AppMetadata is null ? current.AppMetadata : UserRules.MergeMetadata(current.AppMetadata, patch.AppMetadata);
        ValidateMetadata(userMetadata, appMetadata);
        var email = patch.Email.IsSet ? patch.Email.Value.Trim() : current.Email;
        var emailChanged = !string.Equals(UserRules.NormalizeEmail(email), UserRules.NormalizeEmail(current.Email), StringComparison.Ordinal);
        var p = current.Profile;
        return current with
        {
            Email = email,
            // Auth0: a changed email is unverified unless the same request says otherwise.
            EmailVerified = patch.EmailVerified.IsSet ? patch.EmailVerified.Value : !emailChanged && current.EmailVerified,
            Username = patch.Username.IsSet ? patch.Username.Value : current.Username,
            UserMetadata = userMetadata,
            AppMetadata = appMetadata,
            Blocked = patch.Blocked.IsSet ? patch.Blocked.Value : current.Blocked,
            Profile = new UserProfile(
                patch.Name.IsSet ? patch.Name.Value : p.Name,
                patch.Nickname.IsSet ? patch.Nickname.Value : p.Nickname,
                patch.GivenName.IsSet ? patch.GivenName.Value : p.GivenName,
                patch.FamilyName.IsSet ? patch.FamilyName.Value : p.FamilyName,
                patch.Picture.IsSet ? patch.Picture.Value : p.Picture,
                patch.PhoneNumber.IsSet ? patch.PhoneNumber.Value : p.PhoneNumber),
        };
    }

    private static void ValidateProfile(UserProfile profile)
    {
        foreach (var (field, value) in new[] { ("name", profile.Name), ("nickname", profile.Nickname), ("given_name", profile.GivenName), ("family_name", profile.FamilyName), ("picture", profile.Picture), ("phone_number", profile.PhoneNumber) })
        {
            if (value is not null && UserRules.ValidateProfileField(field, value) is { } error)
                throw new UserValidationException(field, error);
        }
    }

    private static void ValidateMetadata(JsonObject userMetadata, JsonObject appMetadata)
    {
        if (UserRules.ValidateMetadata(userMetadata, "user_metadata") is { } userError)
            throw new UserValidationException("user_metadata", userError);
        if (UserRules.ValidateMetadata(appMetadata, "app_metadata") is { } appError)
            throw new UserValidationException("app_metadata", appError);
        if (UserRules.ValidateMetadataSize(userMetadata, appMetadata) is { } sizeError)
            throw new UserValidationException("app_metadata", sizeError);
    }

    public Task<UserPage> QueryAsync(Search.UserQuery? query, Search.UserSort? sort, int page, int perPage, CancellationToken cancellationToken = default) =>
        users.QueryAsync(query, sort, page, perPage, cancellationToken);

    public async Task<IReadOnlyList<User>> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var connection = await connections.GetDefaultAsync(cancellationToken).ConfigureAwait(false);
        return await users.FindByEmailAsync(connection.Id, email, cancellationToken).ConfigureAwait(false) is { } user ? [user] : [];
    }

    public Task<DatabaseConnection> GetConnectionAsync(CancellationToken cancellationToken = default) => connections.GetDefaultAsync(cancellationToken);

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
