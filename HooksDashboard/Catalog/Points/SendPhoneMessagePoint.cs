using System.Text.Json;
using System.Text.Json.Nodes;

namespace HooksDashboard.Catalog.Points;

/// <summary><c>send-phone-message</c>: the hook delivers a one-time code by SMS or voice.</summary>
public sealed class SendPhoneMessagePoint : ExtensibilityPoint
{
    public const string TriggerId = "send-phone-message";

    private static readonly string[] MessageTypes = ["sms", "voice"];
    private static readonly string[] Actions = ["enrollment", "second-factor-authentication"];

    public override string Id => TriggerId;

    public override string DisplayName => "Send Phone Message";

    public override string Description =>
        "Runs whenever a one-time code is sent by SMS or voice: the hook is the delivery provider.";

    public override bool Blocking => true;

    public override IReadOnlyList<HookArgument> Arguments { get; } =
    [
        new("recipient", "string", "The phone number to send to.", []),
        new("text", "string", "The message text, with the code in it.", []),
        new("context", "PhoneMessageContext", "The delivery context.",
        [
            new("message_type", "'sms' | 'voice'", "How the code is delivered."),
            new("action", "'enrollment' | 'second-factor-authentication'", "Why the code is sent."),
            new("language", "string", "The user's language."),
            new("code", "string", "The one-time code."),
            new("ip", "string", "The user's IP address."),
            new("user_agent", "string", "The user's browser."),
            new("client", "PhoneMessageClient", "The application the user signs in to (optional)."),
            new("client.client_id", "string", "The application's client_id."),
            new("client.name", "string", "The application's name."),
            new("client.client_metadata", "Record<string, string>", "The application's client_metadata."),
            new("user", "PhoneMessageUser", "The user."),
            new("user.user_id", "string", "The user's id."),
            new("user.name", "string", "The user's name."),
            new("user.email", "string", "The user's email address."),
            new("user.app_metadata", "Record<string, any>", "Application metadata."),
            new("user.user_metadata", "Record<string, any>", "User metadata."),
            .. UserPoint.WebtaskFields,
        ]),
    ];

    public override string Template { get; } = PointResources.Template(TriggerId);

    public override string SamplePayload { get; } = PointResources.Sample(TriggerId);

    public override string PayloadShape =>
        "{ recipient: string, text: string, context: { message_type: \"sms\"|\"voice\", action: \"enrollment\"|\"second-factor-authentication\", "
        + "language, code, ip, user_agent: string, user: object, client?: { client_id, name: string, client_metadata?: object } } }";

    protected override PreparedArguments ShapeArguments(JsonNode? payload)
    {
        var error = PayloadRules.RequireObjects(payload, "")
            ?? PayloadRules.RequireStrings(payload, "recipient", "text")
            ?? PayloadRules.RequireObjects(payload, "context")
            ?? PayloadRules.RequireStrings(payload, "context.language", "context.code", "context.ip", "context.user_agent")
            ?? OneOf(payload, "context.message_type", MessageTypes)
            ?? OneOf(payload, "context.action", Actions)
            ?? ValidateClient(payload)
            ?? PayloadRules.RequireObjects(payload, "context.user");
        return error is not null
            ? PreparedArguments.Invalid(error)
            : PreparedArguments.Valid(payload!["recipient"], payload["text"], payload["context"]);
    }

    /// <summary>The hook delivers the message; its result is only logged.</summary>
    public override JsonObject? ApplyResult(JsonNode? data) => null;

    private static string? OneOf(JsonNode? payload, string path, string[] allowed)
    {
        var node = PayloadRules.At(payload, path);
        return PayloadRules.IsString(node) && allowed.Contains(node!.GetValue<string>())
            ? null
            : PayloadRules.Message(path, $"is not one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}");
    }

    private static string? ValidateClient(JsonNode? payload)
    {
        // context.client is optional; when present its fields must have the right kinds.
        var client = PayloadRules.At(payload, "context.client");
        if (client is null)
            return null;
        return PayloadRules.RequireObjects(payload, "context.client")
            ?? PayloadRules.RequireStrings(payload, "context.client.client_id", "context.client.name")
            ?? (PayloadRules.At(payload, "context.client.client_metadata") is { } metadata && metadata.GetValueKind() != JsonValueKind.Object
                ? PayloadRules.Message("context.client.client_metadata", "is not an object")
                : null);
    }
}
