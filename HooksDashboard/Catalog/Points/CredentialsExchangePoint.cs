using System.Text.Json;
using System.Text.Json.Nodes;

namespace HooksDashboard.Catalog.Points;

/// <summary><c>credentials-exchange</c>: adds claims to, or denies, a client-credentials access token.</summary>
public sealed class CredentialsExchangePoint : ExtensibilityPoint
{
    public const string TriggerId = "credentials-exchange";

    // Claims under these hosts (or their subdomains) are reserved by Auth0 and were silently dropped.
    private static readonly string[] ReservedHosts = ["auth0.com", "webtask.io", "webtask.run"];

    /// <summary>Distinct scopes a result may set: Auth0 allowed 1,000 scopes per API, so no token needs more.</summary>
    public const int MaxScopes = 1000;

    /// <summary>UTF-8 bytes of JSON the claims kept from a result may take: Auth0's cap on a token's custom claims (100 KB).</summary>
    public const int MaxClaimsBytes = 100 * 1024;

    public override string Id => TriggerId;

    public override string DisplayName => "Credentials Exchange";

    public override string Description =>
        "Runs when an application exchanges its client credentials for an access token: add claims, change scopes or deny.";

    public override bool Blocking => true;

    public override IReadOnlyList<HookArgument> Arguments { get; } =
    [
        new("client", "Client", "The application asking for the token.",
        [
            new("id", "string", "The application's client_id."),
            new("name", "string", "The application's name."),
            new("tenant", "string", "The tenant name."),
            new("metadata", "Record<string, string>", "The application's client_metadata."),
        ]),
        new("scope", "string[]", "The scopes granted to the application for this audience.", []),
        new("audience", "string", "The identifier of the API the token is for.", []),
        new("context", "CredentialsExchangeContext", "Additional authorization context.",
        [
            new("webtask", "Webtask", "The webtask context."),
            new("webtask.secrets", "Record<string, string>", "This hook's secrets."),
        ]),
    ];

    public override string Template { get; } = PointResources.Template(TriggerId);

    public override string SamplePayload { get; } = PointResources.Sample(TriggerId);

    public override string PayloadShape =>
        "{ client: { id, name, tenant, metadata }, scope?: string[], audience: string, context?: object } (client must be an object)";

    protected override PreparedArguments ShapeArguments(JsonNode? payload)
    {
        var error = PayloadRules.RequireObjects(payload, "", "client");
        if (error is not null)
            return PreparedArguments.Invalid(error);

        var scope = payload!["scope"];
        if (!IsEmpty(scope) && scope is not JsonArray)
            return PreparedArguments.Invalid(PayloadRules.Message("scope", "is neither empty nor an array"));

        error = PayloadRules.RequireStrings(payload, "audience");
        if (error is not null)
            return PreparedArguments.Invalid(error);

        var context = payload["context"] as JsonObject;
        return PreparedArguments.Valid(
            payload["client"],
            // An empty scope reaches the hook as an empty array, so `access_token.scope.push(...)` works.
            scope is JsonArray ? scope : new JsonArray(),
            payload["audience"],
            context ?? new JsonObject());
    }

    /// <summary>
    /// <c>{ scope: [...], claims: {...}, dropped: [{ name, reason }] }</c>: the result's <c>scope</c> replaces the
    /// token's scope (no scope in the result removes every scope); any other property becomes a claim only when its
    /// name is an http(s) URL outside Auth0's reserved hosts. Linear in the result's size.
    /// </summary>
    /// <exception cref="ResultRejectedException">More than <see cref="MaxScopes"/> distinct scopes, or claims over <see cref="MaxClaimsBytes"/>.</exception>
    public override JsonObject? ApplyResult(JsonNode? data)
    {
        var scope = new JsonArray();
        var claims = new JsonObject();
        var dropped = new JsonArray();

        if (data is JsonObject result)
        {
            long claimBytes = 2; // the braces
            foreach (var (name, value) in result)
            {
                if (name == "scope")
                {
                    ApplyScope(value, scope, dropped);
                }
                else if (ClaimNameProblem(name) is { } reason)
                {
                    dropped.Add(Dropped(name, reason));
                }
                else
                {
                    // Name, quotes, colon and comma: the claim as it would sit in the token's payload.
                    claimBytes += JsonSize.Utf8Bytes(JsonValue.Create(name)) + JsonSize.Utf8Bytes(value) + 2;
                    claims[name] = value?.DeepClone();
                }
            }

            if (claimBytes > MaxClaimsBytes)
            {
                throw new ResultRejectedException(
                    $"The claims added by the hook are {claimBytes} bytes as JSON; at most {MaxClaimsBytes} bytes are allowed (Auth0's limit on a token's custom claims)");
            }
        }
        else if (data is not null)
        {
            dropped.Add(Dropped("(result)", "The result passed to cb must be an object; it was ignored and the token has no scope."));
        }

        return new JsonObject { ["scope"] = scope, ["claims"] = claims, ["dropped"] = dropped };
    }

    private static void ApplyScope(JsonNode? value, JsonArray scope, JsonArray dropped)
    {
        if (value is not JsonArray items)
        {
            if (value is not null)
                dropped.Add(Dropped("scope", "scope must be an array of strings; the token has no scope."));
            return;
        }

        // Order of first appearance, duplicates removed in one pass. Counting goes on past the cap so the refusal
        // can say how many there were; the set never holds more than the result (itself bounded in size) holds.
        // A token's few scopes are compared in place (the kept scopes are the distinct ones so far); a set is made
        // only once there are more than SmallScopeCount of them.
        HashSet<string>? seen = null;
        var distinct = 0;
        foreach (var item in items)
        {
            if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                var s = v.GetValue<string>();
                bool added;
                if (seen is null && distinct < SmallScopeCount)
                {
                    added = !Contains(scope, s);
                }
                else
                {
                    seen ??= SetOf(scope);
                    added = seen.Add(s);
                }

                if (added && ++distinct <= MaxScopes)
                    scope.Add(s);
            }
            else
            {
                dropped.Add(Dropped("scope", $"scope entry {item?.ToJsonString() ?? "null"} is not a string."));
            }
        }

        if (distinct > MaxScopes)
        {
            throw new ResultRejectedException(
                $"The hook's result has {distinct} distinct scopes; at most {MaxScopes} are allowed (Auth0's limit of scopes per API)");
        }
    }

    private const int SmallScopeCount = 16;

    private static bool Contains(JsonArray scope, string value)
    {
        foreach (var kept in scope)
        {
            if (string.Equals(kept!.GetValue<string>(), value, StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    private static HashSet<string> SetOf(JsonArray scope)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kept in scope)
            set.Add(kept!.GetValue<string>());
        return set;
    }

    /// <summary>Why a result property cannot be a claim, or null when it can.</summary>
    public static string? ClaimNameProblem(string name)
    {
        if (!Uri.TryCreate(name, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return "Claim names must be namespaced: an http or https URL, e.g. https://example.com/" + name + ".";
        var host = uri.Host;
        foreach (var reserved in ReservedHosts)
        {
            if (host.Equals(reserved, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + reserved, StringComparison.OrdinalIgnoreCase))
                return $"Claims under {reserved} are reserved and cannot be added.";
        }
        return null;
    }

    private static bool IsEmpty(JsonNode? scope) => scope switch
    {
        null => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>() == 0,
        _ => false,
    };

    internal static JsonObject Dropped(string name, string reason) => new() { ["name"] = name, ["reason"] = reason };
}
