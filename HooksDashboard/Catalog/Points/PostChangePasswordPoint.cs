using System.Text.Json.Nodes;

namespace HooksDashboard.Catalog.Points;

/// <summary><c>post-change-password</c>: reacts to a password change; fire and forget.</summary>
public sealed class PostChangePasswordPoint : UserPoint
{
    public const string TriggerId = "post-change-password";

    public override string Id => TriggerId;

    public override string DisplayName => "Post Change Password";

    public override string Description =>
        "Runs in the background after a password changed, by the user or an admin. Its result is only logged.";

    public override bool Blocking => false;

    public override IReadOnlyList<HookArgument> Arguments { get; } =
    [
        new("user", "PasswordChangeUser", "The user whose password changed.",
        [
            new("id", "string", "The user's id."),
            new("username", "string", "The user name."),
            new("email", "string", "The email address."),
            new("last_password_reset", "string", "When the password changed (ISO 8601)."),
        ]),
        new("context", "PasswordChangeContext", "The change context.",
        [
            .. ConnectionFields,
            .. WebtaskFields,
        ]),
    ];

    public override string Template { get; } = PointResources.Template(TriggerId);

    public override string SamplePayload { get; } = PointResources.Sample(TriggerId);

    /// <summary>The result is only logged.</summary>
    public override JsonObject? ApplyResult(JsonNode? data) => null;
}
