using System.Text.Json.Nodes;

namespace HooksDashboard.Catalog.Points;

/// <summary><c>pre-user-registration</c>: vets or enriches a sign-up before the user is stored.</summary>
public sealed class PreUserRegistrationPoint : UserPoint
{
    public const string TriggerId = "pre-user-registration";

    private static readonly string[] MetadataKinds = ["user_metadata", "app_metadata"];

    /// <summary>
    /// UTF-8 bytes of JSON that <c>user_metadata</c> and <c>app_metadata</c> from a result may take together: Auth0 limits
    /// a whole user profile to 10 KB, enforced with an allowance of about ten times that.
    /// </summary>
    public const int MaxMetadataBytes = 100 * 1024;

    public override string Id => TriggerId;

    public override string DisplayName => "Pre User Registration";

    public override string Description =>
        "Runs when a user signs up, before the user is stored: deny the sign-up or add metadata.";

    public override bool Blocking => true;

    public override IReadOnlyList<HookArgument> Arguments { get; } =
    [
        new("user", "PreRegistrationUser", "The user signing up.",
        [
            new("tenant", "string", "The tenant name."),
            new("username", "string", "The user name, when the connection asks for one."),
            new("password", "string", "The password chosen."),
            new("email", "string", "The email address."),
            new("emailVerified", "boolean", "Whether the email address is verified."),
            new("phoneNumber", "string", "The phone number."),
            new("phoneNumberVerified", "boolean", "Whether the phone number is verified."),
            new("user_metadata", "Record<string, any>", "Metadata the user sent with the sign-up."),
            new("app_metadata", "Record<string, any>", "Application metadata."),
        ]),
        new("context", "PreRegistrationContext", "The sign-up context.",
        [
            new("requestLanguage", "string", "The browser's language, e.g. en-us."),
            .. ConnectionFields,
            .. WebtaskFields,
        ]),
    ];

    public override string Template { get; } = PointResources.Template(TriggerId);

    public override string SamplePayload { get; } = PointResources.Sample(TriggerId);

    /// <summary>
    /// <c>{ user: { user_metadata?, app_metadata? }, dropped: [{ name, reason }] }</c>: only the two metadata objects
    /// of <c>result.user</c> are applied, and no property name in them may contain '.' or start with '$'. Linear in the
    /// result's size.
    /// </summary>
    /// <exception cref="ResultRejectedException">The two metadata objects together are over <see cref="MaxMetadataBytes"/>.</exception>
    public override JsonObject? ApplyResult(JsonNode? data)
    {
        var user = new JsonObject();
        var dropped = new JsonArray();

        if (data is JsonObject result)
        {
            foreach (var (name, _) in result)
            {
                if (name != "user")
                    dropped.Add(CredentialsExchangePoint.Dropped(name, "Only response.user.user_metadata and response.user.app_metadata are applied."));
            }

            if (result["user"] is JsonObject resultUser)
            {
                CheckMetadataSize(resultUser);
                foreach (var (name, value) in resultUser)
                {
                    if (!MetadataKinds.Contains(name))
                        continue; // `response.user = user` echoes every field back: ignoring them is the rule, not worth a note.
                    if (value is not JsonObject metadata)
                    {
                        if (value is not null)
                            dropped.Add(CredentialsExchangePoint.Dropped($"user.{name}", $"{name} must be an object."));
                        continue;
                    }
                    user[name] = CopyValidKeys(metadata, $"user.{name}", dropped);
                }
            }
            else if (result["user"] is not null)
            {
                dropped.Add(CredentialsExchangePoint.Dropped("user", "response.user must be an object."));
            }
        }
        else if (data is not null)
        {
            dropped.Add(CredentialsExchangePoint.Dropped("(result)", "The result passed to cb must be an object; nothing was applied."));
        }

        return new JsonObject { ["user"] = user, ["dropped"] = dropped };
    }

    private static void CheckMetadataSize(JsonObject resultUser)
    {
        long bytes = 0;
        foreach (var kind in MetadataKinds)
        {
            if (resultUser[kind] is JsonObject metadata)
                bytes += JsonSize.Utf8Bytes(metadata);
        }

        if (bytes > MaxMetadataBytes)
        {
            throw new ResultRejectedException(
                $"The metadata returned by the hook is {bytes} bytes as JSON; user_metadata and app_metadata together may take at most {MaxMetadataBytes} bytes");
        }
    }

    /// <summary>
    /// A copy without, at any depth, the property names Auth0 refused ('.' inside, or a leading '$'), noting each.
    /// Built anew rather than removing in place: removing from a large <see cref="JsonObject"/> is linear per key.
    /// </summary>
    private static JsonNode? CopyValidKeys(JsonNode? node, string path, JsonArray dropped)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (key.Contains('.', StringComparison.Ordinal) || key.StartsWith('$'))
                        dropped.Add(CredentialsExchangePoint.Dropped($"{path}.{key}", "Metadata property names may not contain '.' nor start with '$'."));
                    else
                        copy[key] = CopyValidKeys(value, $"{path}.{key}", dropped);
                }
                return copy;
            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                    items.Add(CopyValidKeys(array[i], $"{path}[{i}]", dropped));
                return items;
            default:
                return node?.DeepClone();
        }
    }
}
