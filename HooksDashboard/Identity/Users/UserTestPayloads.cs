using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Identity.Connections;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Identity.Users;

/// <summary>
/// The payload a user point's runtime flow would give its hook for an existing user (the test panel's "Use a real
/// user"), built by the same <see cref="UserHookPayloads"/> methods as sign-up, user creation and password changes.
/// </summary>
public interface IUserTestPayloads
{
    /// <summary>Whether <paramref name="triggerId"/> is a point whose payload is about a user.</summary>
    bool Supports(string triggerId);

    /// <summary>The payload for <paramref name="user"/> at <paramref name="triggerId"/>.</summary>
    /// <exception cref="ArgumentException">The point's payload is not about a user (<see cref="Supports"/> is false).</exception>
    Task<JsonObject> BuildAsync(string triggerId, User user, CancellationToken cancellationToken = default);
}

/// <inheritdoc />
public sealed class UserTestPayloads(IConnectionStore connections, IOptions<TenantOptions> tenant, TimeProvider time) : IUserTestPayloads
{
    /// <summary>
    /// Passwords are stored hashed, so a pre-user-registration payload cannot carry the user's: it carries this
    /// placeholder (the catalog sample's), to be replaced in the editor when a hook looks at the password.
    /// </summary>
    public const string PasswordPlaceholder = "xxxxxxx";

    public bool Supports(string triggerId) => IsUserPoint(triggerId);

    /// <summary>Whether <paramref name="triggerId"/> is a point whose payload is about a user (pages check it without the service).</summary>
    public static bool IsUserPoint(string? triggerId) =>
        triggerId is PreUserRegistrationPoint.TriggerId or PostUserRegistrationPoint.TriggerId or PostChangePasswordPoint.TriggerId;

    public async Task<JsonObject> BuildAsync(string triggerId, User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Supports(triggerId))
            throw new ArgumentException($"The {triggerId} payload is not about a user.", nameof(triggerId));
        var connection = await connections.GetDefaultAsync(cancellationToken).ConfigureAwait(false);
        var tenantName = tenant.Value.Tenant;
        // The dashboard has no sign-up request: requestLanguage is empty, as for a user created without one.
        return triggerId switch
        {
            PreUserRegistrationPoint.TriggerId =>
                UserHookPayloads.PreUserRegistration(tenantName, connection, user.Email, user.Username, PasswordPlaceholder, user.UserMetadata, requestLanguage: null),
            PostUserRegistrationPoint.TriggerId => UserHookPayloads.PostUserRegistration(tenantName, connection, user, requestLanguage: null),
            // The flow runs right after a change, so last_password_reset is always set: a user that never changed
            // theirs gets the time of the test, as if they had just done it.
            _ => UserHookPayloads.PostChangePassword(tenantName, connection, user with { LastPasswordReset = user.LastPasswordReset ?? time.GetUtcNow() }),
        };
    }
}
