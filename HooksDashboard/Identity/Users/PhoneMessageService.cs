using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;

namespace HooksDashboard.Identity.Users;

/// <summary>Who asked for a test code: the administrator's connection to the dashboard.</summary>
public sealed record PhoneMessageRequester(string Ip, string UserAgent);

/// <summary>
/// The outcome of sending a test code: the code and text sent, and the hook's result; <see cref="Result"/> is
/// null when no send-phone-message hook is enabled (nothing was sent).
/// </summary>
public sealed record PhoneMessageOutcome(string Recipient, string Code, string Text, ExecutionResult? Result);

/// <summary>Sends one-time codes through the enabled send-phone-message hook (the hook is the SMS provider).</summary>
public interface IPhoneMessageService
{
    /// <summary>The dashboard as the <c>context.client</c> of codes sent from it.</summary>
    public const string DashboardClientId = "dashboard";

    public const string DashboardClientName = "HooksDashboard";

    /// <summary>
    /// Sends an enrolment code by SMS to <paramref name="recipient"/> for <paramref name="user"/>: a random
    /// 6-digit code in "Your verification code is: NNNNNN", run through the enabled hook (blocking).
    /// </summary>
    /// <exception cref="UserValidationException">The phone number is empty.</exception>
    Task<PhoneMessageOutcome> SendTestCodeAsync(User user, string recipient, PhoneMessageRequester requester, CancellationToken cancellationToken = default);
}

/// <inheritdoc />
public sealed class PhoneMessageService(IHookRunner runner) : IPhoneMessageService
{
    public async Task<PhoneMessageOutcome> SendTestCodeAsync(User user, string recipient, PhoneMessageRequester requester, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(requester);
        if (string.IsNullOrWhiteSpace(recipient))
            throw new UserValidationException("recipient", "A phone number is required.");

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var text = $"Your verification code is: {code}";
        var payload = new JsonObject
        {
            ["recipient"] = recipient.Trim(),
            ["text"] = text,
            ["context"] = new JsonObject
            {
                ["message_type"] = "sms",
                ["action"] = "enrollment",
                ["language"] = "en",
                ["code"] = code,
                ["ip"] = requester.Ip,
                ["user_agent"] = requester.UserAgent,
                ["client"] = new JsonObject
                {
                    ["client_id"] = IPhoneMessageService.DashboardClientId,
                    ["name"] = IPhoneMessageService.DashboardClientName,
                    ["client_metadata"] = new JsonObject(),
                },
                ["user"] = new JsonObject
                {
                    ["user_id"] = user.Id,
                    ["name"] = user.Username ?? user.Email,
                    ["email"] = user.Email,
                    ["app_metadata"] = user.AppMetadata.DeepClone(),
                    ["user_metadata"] = user.UserMetadata.DeepClone(),
                },
            },
        };
        var result = await runner.RunEnabledAsync(SendPhoneMessagePoint.TriggerId, payload, requestId: null, cancellationToken).ConfigureAwait(false);
        return new PhoneMessageOutcome(recipient.Trim(), code, text, result);
    }
}
