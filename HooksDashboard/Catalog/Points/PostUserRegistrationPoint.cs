using System.Text.Json.Nodes;

namespace HooksDashboard.Catalog.Points;

/// <summary><c>post-user-registration</c>: reacts to a sign-up after the user is stored; fire and forget.</summary>
public sealed class PostUserRegistrationPoint : UserPoint
{
    public const string TriggerId = "post-user-registration";

    public override string Id => TriggerId;

    public override string DisplayName => "Post User Registration";

    public override string Description =>
        "Runs in the background after a user signed up: notify other systems. Its result is only logged.";

    public override bool Blocking => false;

    public override IReadOnlyList<HookArgument> Arguments { get; } =
    [
        new("user", "RegisteredUser", "The user who signed up.",
        [
            new("tenant", "string", "The tenant name."),
            new("id", "string", "The user's id."),
            new("username", "string", "The user name, when the connection asks for one."),
            new("email", "string", "The email address."),
            new("emailVerified", "boolean", "Whether the email address is verified."),
            new("phoneNumber", "string", "The phone number."),
            new("phoneNumberVerified", "boolean", "Whether the phone number is verified."),
            new("user_metadata", "Record<string, any>", "User metadata."),
            new("app_metadata", "Record<string, any>", "Application metadata."),
        ]),
        new("context", "PostRegistrationContext", "The sign-up context.",
        [
            new("requestLanguage", "string", "The browser's language, e.g. en-us."),
            .. ConnectionFields,
            .. WebtaskFields,
        ]),
    ];

    public override string Template { get; } = PointResources.Template(TriggerId);

    public override string SamplePayload { get; } = PointResources.Sample(TriggerId);

    /// <summary>The result is only logged.</summary>
    public override JsonObject? ApplyResult(JsonNode? data) => null;
}
