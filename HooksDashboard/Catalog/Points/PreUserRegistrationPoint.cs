using System.Text.Json.Nodes;

namespace HooksDashboard.Catalog.Points;

/// <summary><c>pre-user-registration</c>: vets or enriches a sign-up before the user is stored.</summary>
public sealed class PreUserRegistrationPoint : UserPoint
{
    public const string TriggerId = "pre-user-registration";

    private static readonly string[] MetadataKinds = ["user_metadata", "app_metadata"];

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
    /// of <c>result.user</c> are applied, and no property name in them may contain '.' or start with '$'.
    /// </summary>
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
                    var kept = (JsonObject)metadata.DeepClone();
                    RemoveInvalidKeys(kept, $"user.{name}", dropped);
                    user[name] = kept;
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

    /// <summary>Removes, at any depth, the property names Auth0 refused ('.' inside, or a leading '$'), noting each.</summary>
    private static void RemoveInvalidKeys(JsonNode? node, string path, JsonArray dropped)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var childPath = $"{path}.{key}";
                    if (key.Contains('.', StringComparison.Ordinal) || key.StartsWith('$'))
                    {
                        obj.Remove(key);
                        dropped.Add(CredentialsExchangePoint.Dropped(childPath, "Metadata property names may not contain '.' nor start with '$'."));
                    }
                    else
                    {
                        RemoveInvalidKeys(obj[key], childPath, dropped);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    RemoveInvalidKeys(array[i], $"{path}[{i}]", dropped);
                break;
        }
    }
}
