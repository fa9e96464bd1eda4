namespace HooksDashboard.Tests.TestHelpers;

/// <summary>The five extensibility points' ids, for tests that need known triggers without the real catalog.</summary>
public static class TestTriggers
{
    public const string CredentialsExchange = "credentials-exchange";
    public const string PreUserRegistration = "pre-user-registration";
    public const string PostUserRegistration = "post-user-registration";
    public const string PostChangePassword = "post-change-password";
    public const string SendPhoneMessage = "send-phone-message";

    public static IReadOnlyList<string> All { get; } =
        [CredentialsExchange, PreUserRegistration, PostUserRegistration, PostChangePassword, SendPhoneMessage];
}
