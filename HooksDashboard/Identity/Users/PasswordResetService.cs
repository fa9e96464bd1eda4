using System.Security.Cryptography;
using System.Text;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Identity.Users;

/// <summary>A reset request as sent to <c>POST /dbconnections/change_password</c>.</summary>
public sealed record PasswordResetRequest(string? ClientId, string? Email, string? Connection);

/// <summary>How a ticket redemption ended.</summary>
public enum PasswordResetStatus
{
    Changed,
    /// <summary>Unknown, already used or expired.</summary>
    InvalidTicket,
    /// <summary>The new password breaks the policy; the ticket stays usable.</summary>
    WeakPassword,
}

/// <summary>The outcome of setting a password through a ticket; <see cref="PolicySummary"/> says what a weak password lacks.</summary>
public sealed record PasswordResetOutcome(PasswordResetStatus Status, string? PolicySummary = null);

/// <summary>
/// The reset flow: a request creates a single-use ticket (stored hashed) and, with no mail server, writes the
/// reset link to the server log; the reset page redeems the ticket.
/// </summary>
public interface IPasswordResetService
{
    /// <summary>Auth0's answer to every well-formed request, whether or not the user exists.</summary>
    public const string RequestAnswer = "We've just sent you an email to reset your password.";

    /// <summary>
    /// Creates a ticket when the connection has a user with this email and logs the link
    /// <c>{base}/reset-password?ticket=...</c>; does nothing visible otherwise (no user enumeration).
    /// </summary>
    /// <param name="requestBase">The request's scheme, host and path base, used when the <c>Issuer</c> setting is unset.</param>
    /// <returns>Null when accepted (answer <see cref="RequestAnswer"/>); else Auth0's error for a malformed request.</returns>
    Task<SignupError?> RequestAsync(PasswordResetRequest request, Uri requestBase, CancellationToken cancellationToken = default);

    /// <summary>Whether the ticket can still set a password.</summary>
    Task<bool> IsTicketValidAsync(string? ticket, CancellationToken cancellationToken = default);

    /// <summary>Sets the password (policy applied) and uses up the ticket; queues post-change-password.</summary>
    Task<PasswordResetOutcome> ResetAsync(string? ticket, string? newPassword, CancellationToken cancellationToken = default);
}

/// <inheritdoc />
public sealed partial class PasswordResetService(
    IConnectionStore connections,
    IApplicationStore applications,
    IUserStore users,
    IPasswordHasher<User> hasher,
    IOptions<UsersOptions> options,
    IOptions<TenantOptions> tenant,
    TimeProvider time,
    ILogger<PasswordResetService> logger) : IPasswordResetService
{
    public async Task<SignupError?> RequestAsync(PasswordResetRequest request, Uri requestBase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(requestBase);
        foreach (var (name, value) in new[] { ("client_id", request.ClientId), ("email", request.Email), ("connection", request.Connection) })
        {
            if (string.IsNullOrWhiteSpace(value))
                return SignupError.BadRequest("invalid_body", $"Missing required property: {name}");
        }
        if (await applications.GetAsync(request.ClientId!, cancellationToken).ConfigureAwait(false) is null)
            return SignupError.UnknownClient(request.ClientId!);
        var connection = await connections.FindByNameAsync(request.Connection!, cancellationToken).ConfigureAwait(false);
        if (connection is null)
            return SignupError.BadRequest("invalid_connection", $"The connection '{request.Connection}' does not exist.");

        var user = await users.FindByEmailAsync(connection.Id, request.Email!, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            LogNoSuchUser(logger, connection.Name);
            return null;
        }

        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expiresAt = time.GetUtcNow() + options.Value.ResetTicketLifetime;
        await users.AddResetTicketAsync(HashTicket(token), user.Id, expiresAt, cancellationToken).ConfigureAwait(false);

        // No mail server: the link goes to the log, where an administrator can pass it on.
        LogResetLink(logger, user.Id, $"{PublicBase(requestBase)}reset-password?ticket={token}", expiresAt);
        return null;
    }

    public async Task<bool> IsTicketValidAsync(string? ticket, CancellationToken cancellationToken = default) =>
        !string.IsNullOrEmpty(ticket) && await users.FindResetTicketUserAsync(HashTicket(ticket), cancellationToken).ConfigureAwait(false) is not null;

    public async Task<PasswordResetOutcome> ResetAsync(string? ticket, string? newPassword, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(ticket))
            return new PasswordResetOutcome(PasswordResetStatus.InvalidTicket);
        // The ticket first, so a stale link says so instead of asking for a better password.
        var owner = await users.FindResetTicketUserAsync(HashTicket(ticket), cancellationToken).ConfigureAwait(false);
        if (owner is null)
            return new PasswordResetOutcome(PasswordResetStatus.InvalidTicket);
        var strength = PasswordPolicy.Check(newPassword);
        if (!strength.Verified)
            return new PasswordResetOutcome(PasswordResetStatus.WeakPassword, strength.Summary);

        var connection = await connections.GetDefaultAsync(cancellationToken).ConfigureAwait(false);
        var tenantName = tenant.Value.Tenant;
        var hash = hasher.HashPassword(owner, newPassword!);
        // Redeeming checks the ticket again inside the write transaction: of two concurrent submissions only one wins.
        var user = await users.RedeemResetTicketAsync(
            HashTicket(ticket),
            hash,
            changed => new HookEventDraft(PostChangePasswordPoint.TriggerId, UserHookPayloads.PostChangePassword(tenantName, connection, changed), RequestId: null),
            cancellationToken).ConfigureAwait(false);
        if (user is null)
            return new PasswordResetOutcome(PasswordResetStatus.InvalidTicket);
        LogPasswordReset(logger, user.Id);
        return new PasswordResetOutcome(PasswordResetStatus.Changed);
    }

    /// <summary>
    /// The configured <c>Issuer</c> (the public address, ending in '/') when there is one; else the address the
    /// request came to, which is what the user's browser can reach when no proxy sits in between.
    /// </summary>
    private string PublicBase(Uri requestBase)
    {
        var configured = tenant.Value.Issuer;
        if (!string.IsNullOrWhiteSpace(configured) && Issuer.Normalize(configured) is { } issuer)
            return issuer;
        var path = requestBase.GetLeftPart(UriPartial.Path);
        return path.EndsWith('/') ? path : path + "/";
    }

    /// <summary>SHA-256 of the token, hex: what the database keeps, so a copy of it cannot reset anyone's password.</summary>
    internal static string HashTicket(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Password reset for user {UserId}: no mail server is configured, send this link to the user: {ResetLink} (valid until {ExpiresAt})")]
    private static partial void LogResetLink(ILogger logger, string userId, string resetLink, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password reset requested for an email that has no user in {Connection}; nothing was sent")]
    private static partial void LogNoSuchUser(ILogger logger, string connection);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} set a new password with a reset ticket")]
    private static partial void LogPasswordReset(ILogger logger, string userId);
}
