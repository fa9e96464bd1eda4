using System.Text.Json.Nodes;

namespace HooksDashboard.Identity.Users;

/// <summary>A new user as stored: the id and timestamps are chosen by the caller, who builds the hook payloads from them.</summary>
public sealed record NewUser(User User, string PasswordHash);

/// <summary>
/// Users of the database connection and their password-reset tickets. Every change that triggers a
/// non-blocking point writes its queued event in the same transaction (see <c>Events/IHookEventStore</c>).
/// </summary>
public interface IUserStore
{
    /// <summary>Stores the user and, in the same transaction, queues <paramref name="queued"/>.</summary>
    /// <exception cref="UserConflictException">The connection already has the email or the username (case-insensitive).</exception>
    Task<User> CreateAsync(NewUser user, HookEventDraft? queued, CancellationToken cancellationToken = default);

    /// <summary>The user, or null.</summary>
    Task<User?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Whether the connection has a user with this email (any case) or this username (any case).</summary>
    Task<(bool Email, bool Username)> ExistsAsync(string connectionId, string email, string? username, CancellationToken cancellationToken = default);

    /// <summary>The connection's user with this email (any case), or null.</summary>
    Task<User?> FindByEmailAsync(string connectionId, string email, CancellationToken cancellationToken = default);

    /// <summary>Users whose email or username contains <paramref name="query"/> (any case), newest first.</summary>
    /// <param name="page">0-based page.</param>
    Task<UserPage> SearchAsync(string? query, int page, int perPage, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the users matching <paramref name="query"/> (all when null) in <paramref name="sort"/>'s order
    /// (newest first when null), with the number of matches.
    /// </summary>
    /// <exception cref="Search.UserQuerySyntaxException">The query names an unknown field or a value a field cannot hold.</exception>
    Task<UserPage> QueryAsync(Search.UserQuery? query, Search.UserSort? sort, int page, int perPage, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="change"/> to the current user inside one write transaction (so concurrent merges of
    /// metadata do not lose each other's keys) and stores every profile field; with <paramref name="passwordHash"/>
    /// also sets the password and queues <paramref name="passwordChanged"/>'s event. Null when there is no such user.
    /// </summary>
    /// <exception cref="UserConflictException">Another user of the connection has the new email or username.</exception>
    Task<User?> UpdateAsync(string id, Func<User, User> change, string? passwordHash, Func<User, HookEventDraft>? passwordChanged, CancellationToken cancellationToken = default);

    /// <summary>Replaces email_verified and both metadata objects; null when there is no such user.</summary>
    Task<User?> UpdateAsync(string id, bool emailVerified, JsonObject userMetadata, JsonObject appMetadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes the user (and its reset tickets); false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a new password hash and <c>last_password_reset</c>, and queues the event built from the changed
    /// user, in one transaction; null when there is no such user.
    /// </summary>
    Task<User?> ChangePasswordAsync(string id, string passwordHash, Func<User, HookEventDraft> queued, CancellationToken cancellationToken = default);

    /// <summary>Stores a reset ticket by the SHA-256 of its token.</summary>
    Task AddResetTicketAsync(string tokenHash, string userId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>The ticket's user when the ticket exists, is unused and has not expired; else null.</summary>
    Task<User?> FindResetTicketUserAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uses the ticket once: marks it used, sets the password as <see cref="ChangePasswordAsync"/> does, all in
    /// one transaction; null when the ticket is unknown, used or expired.
    /// </summary>
    Task<User?> RedeemResetTicketAsync(string tokenHash, string passwordHash, Func<User, HookEventDraft> queued, CancellationToken cancellationToken = default);
}
