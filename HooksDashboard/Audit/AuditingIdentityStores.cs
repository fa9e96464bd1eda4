using System.Text.Json.Nodes;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Grants;
using HooksDashboard.Identity.Users;
using HooksDashboard.Identity.Users.Search;

namespace HooksDashboard.Audit;

// Decorators that record every change to applications, APIs, grants and users, whoever makes it (dashboard,
// Management API, command line), as AuditingHookStore does for hooks. Reads pass through; a refused change records
// nothing; entries name fields, never secret, password or metadata values.

/// <summary>Audits <see cref="IApplicationStore"/> changes.</summary>
public sealed class AuditingApplicationStore(IApplicationStore inner, IdentityAuditRecorder audit) : IApplicationStore
{
    private const string Subject = IdentityAuditSubjects.Client;

    public Task<IReadOnlyList<Application>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task<Application?> GetAsync(string clientId, CancellationToken cancellationToken = default) => inner.GetAsync(clientId, cancellationToken);

    public Task<IReadOnlyList<string>> ListWebOriginsAsync(CancellationToken cancellationToken = default) => inner.ListWebOriginsAsync(cancellationToken);

    public Task<Application?> AuthenticateAsync(string clientId, string clientSecret, CancellationToken cancellationToken = default) =>
        inner.AuthenticateAsync(clientId, clientSecret, cancellationToken);

    public async Task<ApplicationWithSecret> CreateAsync(NewApplication application, CancellationToken cancellationToken = default)
    {
        var created = await inner.CreateAsync(application, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(Subject, created.Application.ClientId, created.Application.Name, "created", $"Created ({created.Application.Settings.AppType}).").ConfigureAwait(false);
        return created;
    }

    public async Task<Application> CreateWithCredentialsAsync(NewApplication application, string clientId, string clientSecret, CancellationToken cancellationToken = default)
    {
        var created = await inner.CreateWithCredentialsAsync(application, clientId, clientSecret, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(Subject, created.ClientId, created.Name, "created", "Created with configured credentials.").ConfigureAwait(false);
        return created;
    }

    public async Task<Application> UpdateAsync(string clientId, ApplicationUpdate update, CancellationToken cancellationToken = default)
    {
        var before = await inner.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
        var after = await inner.UpdateAsync(clientId, update, cancellationToken).ConfigureAwait(false);
        if (before is not null)
        {
            var changed = new List<string>();
            if (before.Name != after.Name) changed.Add("name");
            if (!before.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(after.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))) changed.Add("client_metadata");
            if (!before.WebOrigins.SequenceEqual(after.WebOrigins)) changed.Add("web_origins");
            if (before.Settings.AppType != after.Settings.AppType) changed.Add("app_type");
            if (!before.Settings.Callbacks.SequenceEqual(after.Settings.Callbacks)) changed.Add("callbacks");
            if (!before.Settings.AllowedOrigins.SequenceEqual(after.Settings.AllowedOrigins)) changed.Add("allowed_origins");
            if (!before.Settings.GrantTypes.SequenceEqual(after.Settings.GrantTypes)) changed.Add("grant_types");
            await audit.RecordAsync(Subject, clientId, after.Name, "updated", IdentityAuditRecorder.Changed(changed)).ConfigureAwait(false);
        }
        return after;
    }

    public async Task<ApplicationWithSecret> RotateSecretAsync(string clientId, CancellationToken cancellationToken = default)
    {
        var rotated = await inner.RotateSecretAsync(clientId, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(Subject, clientId, rotated.Application.Name, "secret-rotated", "Client secret rotated.").ConfigureAwait(false);
        return rotated;
    }

    public async Task DeleteAsync(string clientId, CancellationToken cancellationToken = default)
    {
        var before = await inner.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
        await inner.DeleteAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (before is not null)
            await audit.RecordAsync(Subject, clientId, before.Name, "deleted", "Deleted with its client grants.").ConfigureAwait(false);
    }
}

/// <summary>Audits <see cref="IResourceServerStore"/> changes.</summary>
public sealed class AuditingResourceServerStore(IResourceServerStore inner, IdentityAuditRecorder audit) : IResourceServerStore
{
    private const string Subject = IdentityAuditSubjects.ResourceServer;

    public Task<IReadOnlyList<ResourceServer>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task<ResourceServer?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<ResourceServer?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) => inner.FindByIdentifierAsync(identifier, cancellationToken);

    // Start-up's own upkeep of the built-in API (issuer, new scopes) is not an actor's change.
    public Task<ResourceServer> EnsureManagementApiAsync(string identifier, IReadOnlyList<ApiScope> scopes, CancellationToken cancellationToken = default) =>
        inner.EnsureManagementApiAsync(identifier, scopes, cancellationToken);

    public async Task<ResourceServer> CreateAsync(NewResourceServer api, CancellationToken cancellationToken = default)
    {
        var created = await inner.CreateAsync(api, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(Subject, created.Id, created.Identifier, "created", $"Created with scopes: {Scopes(created.Scopes)}.").ConfigureAwait(false);
        return created;
    }

    public async Task<ResourceServer> UpdateAsync(string id, ResourceServerUpdate update, CancellationToken cancellationToken = default)
    {
        var before = await inner.GetAsync(id, cancellationToken).ConfigureAwait(false);
        var after = await inner.UpdateAsync(id, update, cancellationToken).ConfigureAwait(false);
        if (before is not null)
        {
            var changed = new List<string>();
            if (before.Name != after.Name) changed.Add("name");
            if (before.TokenLifetime != after.TokenLifetime) changed.Add("token_lifetime");
            var details = IdentityAuditRecorder.Changed(changed);
            if (Scopes(before.Scopes) != Scopes(after.Scopes))
                details = (changed.Count == 0 ? "" : details + " ") + $"Scopes set to: {Scopes(after.Scopes)}.";
            await audit.RecordAsync(Subject, id, after.Identifier, "updated", details).ConfigureAwait(false);
        }
        return after;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var before = await inner.GetAsync(id, cancellationToken).ConfigureAwait(false);
        await inner.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        if (before is not null)
            await audit.RecordAsync(Subject, id, before.Identifier, "deleted", "Deleted with its client grants.").ConfigureAwait(false);
    }

    private static string Scopes(IReadOnlyList<ApiScope> scopes) => scopes.Count == 0 ? "none" : string.Join(", ", scopes.Select(s => s.Value));
}

/// <summary>Audits <see cref="IClientGrantStore"/> changes.</summary>
public sealed class AuditingClientGrantStore(IClientGrantStore inner, IdentityAuditRecorder audit) : IClientGrantStore
{
    private const string Subject = IdentityAuditSubjects.ClientGrant;

    public Task<IReadOnlyList<ClientGrant>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task<ClientGrant?> GetAsync(string grantId, CancellationToken cancellationToken = default) => inner.GetAsync(grantId, cancellationToken);

    public Task<IReadOnlyList<ClientGrant>> ListForApplicationAsync(string clientId, CancellationToken cancellationToken = default) => inner.ListForApplicationAsync(clientId, cancellationToken);

    public Task<ClientGrant?> FindAsync(string clientId, string audience, CancellationToken cancellationToken = default) => inner.FindAsync(clientId, audience, cancellationToken);

    public async Task<ClientGrant> CreateAsync(string clientId, string apiId, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken = default)
    {
        var created = await inner.CreateAsync(clientId, apiId, scopes, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(Subject, created.Id, Name(created), "created", $"Created with scopes: {Scopes(created.Scopes)}.").ConfigureAwait(false);
        return created;
    }

    public async Task<ClientGrant> UpdateAsync(string grantId, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken = default)
    {
        var updated = await inner.UpdateAsync(grantId, scopes, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(Subject, grantId, Name(updated), "updated", $"Scopes set to: {Scopes(updated.Scopes)}.").ConfigureAwait(false);
        return updated;
    }

    public async Task DeleteAsync(string grantId, CancellationToken cancellationToken = default)
    {
        var before = await inner.GetAsync(grantId, cancellationToken).ConfigureAwait(false);
        await inner.DeleteAsync(grantId, cancellationToken).ConfigureAwait(false);
        if (before is not null)
            await audit.RecordAsync(Subject, grantId, Name(before), "deleted", "Deleted.").ConfigureAwait(false);
    }

    private static string Name(ClientGrant grant) => $"{grant.ClientId} → {grant.Audience}";

    private static string Scopes(IReadOnlyList<string> scopes) => scopes.Count == 0 ? "none" : string.Join(", ", scopes);
}

/// <summary>
/// Audits <see cref="IUserStore"/> changes made by an actor: dashboard and Management API changes, and sign-ups and
/// password resets (actor "system"). Password values, hashes and metadata values are never recorded.
/// </summary>
public sealed class AuditingUserStore(IUserStore inner, IdentityAuditRecorder audit) : IUserStore
{
    private const string Subject = IdentityAuditSubjects.User;

    public Task<User?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<(bool Email, bool Username)> ExistsAsync(string connectionId, string email, string? username, CancellationToken cancellationToken = default) =>
        inner.ExistsAsync(connectionId, email, username, cancellationToken);

    public Task<User?> FindByEmailAsync(string connectionId, string email, CancellationToken cancellationToken = default) => inner.FindByEmailAsync(connectionId, email, cancellationToken);

    public Task<UserPage> SearchAsync(string? query, int page, int perPage, CancellationToken cancellationToken = default) => inner.SearchAsync(query, page, perPage, cancellationToken);

    public Task<UserPage> QueryAsync(UserQuery? query, UserSort? sort, int page, int perPage, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(query, sort, page, perPage, cancellationToken);

    public Task AddResetTicketAsync(string tokenHash, string userId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        inner.AddResetTicketAsync(tokenHash, userId, expiresAt, cancellationToken);

    public Task<User?> FindResetTicketUserAsync(string tokenHash, CancellationToken cancellationToken = default) => inner.FindResetTicketUserAsync(tokenHash, cancellationToken);

    public async Task<User> CreateAsync(NewUser user, HookEventDraft? queued, CancellationToken cancellationToken = default)
    {
        var created = await inner.CreateAsync(user, queued, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(Subject, created.Id, created.Email, "created", created.Blocked ? "Created, blocked." : "Created.").ConfigureAwait(false);
        return created;
    }

    public async Task<User?> UpdateAsync(string id, bool emailVerified, JsonObject userMetadata, JsonObject appMetadata, CancellationToken cancellationToken = default)
    {
        var before = await inner.GetAsync(id, cancellationToken).ConfigureAwait(false);
        var after = await inner.UpdateAsync(id, emailVerified, userMetadata, appMetadata, cancellationToken).ConfigureAwait(false);
        if (before is not null && after is not null)
            await audit.RecordAsync(Subject, id, after.Email, "updated", IdentityAuditRecorder.Changed(Differences(before, after))).ConfigureAwait(false);
        return after;
    }

    public async Task<User?> UpdateAsync(string id, Func<User, User> change, string? passwordHash, Func<User, HookEventDraft>? passwordChanged, CancellationToken cancellationToken = default)
    {
        User? before = null;
        var after = await inner.UpdateAsync(id, current =>
        {
            before = current;
            return change(current);
        }, passwordHash, passwordChanged, cancellationToken).ConfigureAwait(false);
        if (before is not null && after is not null)
        {
            var changed = Differences(before, after);
            if (passwordHash is not null)
                changed.Add("password");
            await audit.RecordAsync(Subject, id, after.Email, "updated", IdentityAuditRecorder.Changed(changed)).ConfigureAwait(false);
        }
        return after;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var before = await inner.GetAsync(id, cancellationToken).ConfigureAwait(false);
        var deleted = await inner.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        if (deleted)
            await audit.RecordAsync(Subject, id, before?.Email ?? id, "deleted", "Deleted.").ConfigureAwait(false);
        return deleted;
    }

    public async Task<User?> ChangePasswordAsync(string id, string passwordHash, Func<User, HookEventDraft> queued, CancellationToken cancellationToken = default)
    {
        var user = await inner.ChangePasswordAsync(id, passwordHash, queued, cancellationToken).ConfigureAwait(false);
        if (user is not null)
            await audit.RecordAsync(Subject, id, user.Email, "password-changed", "Password changed.").ConfigureAwait(false);
        return user;
    }

    public async Task<User?> RedeemResetTicketAsync(string tokenHash, string passwordHash, Func<User, HookEventDraft> queued, CancellationToken cancellationToken = default)
    {
        var user = await inner.RedeemResetTicketAsync(tokenHash, passwordHash, queued, cancellationToken).ConfigureAwait(false);
        if (user is not null)
            await audit.RecordAsync(Subject, user.Id, user.Email, "password-changed", "Password reset with a ticket.").ConfigureAwait(false);
        return user;
    }

    /// <summary>The fields that differ; metadata as the keys added, changed or removed.</summary>
    private static List<string> Differences(User before, User after)
    {
        var changed = new List<string>();
        if (before.Email != after.Email) changed.Add("email");
        if (before.EmailVerified != after.EmailVerified) changed.Add("email_verified");
        if (before.Username != after.Username) changed.Add("username");
        if (before.Blocked != after.Blocked) changed.Add(after.Blocked ? "blocked (now blocked)" : "blocked (now unblocked)");
        var (b, a) = (before.Profile, after.Profile);
        if (b.Name != a.Name) changed.Add("name");
        if (b.Nickname != a.Nickname) changed.Add("nickname");
        if (b.GivenName != a.GivenName) changed.Add("given_name");
        if (b.FamilyName != a.FamilyName) changed.Add("family_name");
        if (b.Picture != a.Picture) changed.Add("picture");
        if (b.PhoneNumber != a.PhoneNumber) changed.Add("phone_number");
        AddMetadata(changed, "user_metadata", before.UserMetadata, after.UserMetadata);
        AddMetadata(changed, "app_metadata", before.AppMetadata, after.AppMetadata);
        return changed;
    }

    private static void AddMetadata(List<string> changed, string name, JsonObject before, JsonObject after)
    {
        var keys = before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal)
            .Where(k => !JsonNode.DeepEquals(before[k], after[k]) || before.ContainsKey(k) != after.ContainsKey(k))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (keys.Count > 0)
            changed.Add($"{name} ({string.Join(", ", keys)})");
    }
}
