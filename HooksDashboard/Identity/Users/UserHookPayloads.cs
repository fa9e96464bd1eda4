using System.Globalization;
using System.Text.Json.Nodes;
using HooksDashboard.Identity.Connections;

namespace HooksDashboard.Identity.Users;

/// <summary>The payloads the user flows give the user points, in the contract's shapes.</summary>
public static class UserHookPayloads
{
    /// <summary>
    /// <c>pre-user-registration</c>: <c>user</c> {tenant, username?, password, email, emailVerified,
    /// phoneNumberVerified, user_metadata, app_metadata}, <c>context</c> {requestLanguage, connection}.
    /// Absent values (no username, no phone number at a database sign-up) are left out, so hooks see <c>undefined</c>.
    /// </summary>
    public static JsonObject PreUserRegistration(string tenant, DatabaseConnection connection, string email, string? username, string password, JsonObject userMetadata, string? requestLanguage)
    {
        var user = new JsonObject { ["tenant"] = tenant };
        if (username is not null)
            user["username"] = username;
        user["password"] = password;
        user["email"] = email;
        user["emailVerified"] = false;
        user["phoneNumberVerified"] = false;
        user["user_metadata"] = userMetadata.DeepClone();
        user["app_metadata"] = new JsonObject();
        return new JsonObject { ["user"] = user, ["context"] = RegistrationContext(tenant, connection, requestLanguage) };
    }

    /// <summary>
    /// <c>post-user-registration</c>: as pre-user-registration without the password, with <c>user.id</c>
    /// (the id without <c>auth0|</c>, as Auth0 passed it).
    /// </summary>
    public static JsonObject PostUserRegistration(string tenant, DatabaseConnection connection, User stored, string? requestLanguage)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var user = new JsonObject { ["tenant"] = tenant, ["id"] = stored.LocalId };
        if (stored.Username is not null)
            user["username"] = stored.Username;
        user["email"] = stored.Email;
        user["emailVerified"] = stored.EmailVerified;
        user["phoneNumberVerified"] = false;
        user["user_metadata"] = stored.UserMetadata.DeepClone();
        user["app_metadata"] = stored.AppMetadata.DeepClone();
        return new JsonObject { ["user"] = user, ["context"] = RegistrationContext(tenant, connection, requestLanguage) };
    }

    /// <summary><c>post-change-password</c>: <c>user</c> {id, username?, email, last_password_reset}, <c>context</c> {connection}.</summary>
    public static JsonObject PostChangePassword(string tenant, DatabaseConnection connection, User changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var user = new JsonObject { ["id"] = changed.LocalId };
        if (changed.Username is not null)
            user["username"] = changed.Username;
        user["email"] = changed.Email;
        user["last_password_reset"] = changed.LastPasswordReset is { } at ? IsoTimestamp(at) : null;
        return new JsonObject { ["user"] = user, ["context"] = new JsonObject { ["connection"] = Connection(tenant, connection) } };
    }

    /// <summary>JavaScript's <c>Date.prototype.toISOString</c> form, e.g. <c>2019-02-27T14:14:29.206Z</c>.</summary>
    public static string IsoTimestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonObject RegistrationContext(string tenant, DatabaseConnection connection, string? requestLanguage) => new()
    {
        ["requestLanguage"] = requestLanguage ?? "",
        ["connection"] = Connection(tenant, connection),
    };

    private static JsonObject Connection(string tenant, DatabaseConnection connection) => new()
    {
        ["id"] = connection.Id,
        ["name"] = connection.Name,
        ["tenant"] = tenant,
    };
}
