using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Execution.Http;

namespace HooksDashboard.Hooks.TestCases;

/// <summary>
/// The one JSON shape of a test case: the Management API's body and answer, and a case file of
/// <c>run-hook --cases</c>. Strict: unknown properties and wrong types are refused, naming the property.
/// <code>
/// {
///   "name": "denies without a plan",
///   "payload": { ... },                         // optional: the point's sample payload when left out
///   "httpMocks": { "rules": [ ... ] },          // optional: the run-hook --http-mock / test panel format
///   "secrets": { "API_KEY": "test-key" },       // optional: replace the hook's saved secrets for this case
///   "expect": {
///     "outcome": "success" | "error",
///     "errorName": "InvalidScopeError",         // error only: the error's class
///     "errorMessage": "no plan",                // error only: text the message contains
///     "result": { ... },                        // success only: JSON subset of the value given to cb
///     "applied": { ... },                       // success only: JSON subset of what the point applies
///     "console": [ "checked plan" ]             // texts that must appear within console lines
///   }
/// }
/// </code>
/// </summary>
public static class TestCaseJson
{
    public const int MaxNameLength = 100;
    public const int MaxPayloadBytes = 100 * 1024;
    public const int MaxExpectationBytes = 100 * 1024;
    public const int MaxConsoleLines = 50;
    public const int MaxConsoleLineLength = 1000;
    public const int MaxTextLength = 1000;

    private static readonly string[] CaseProperties = ["name", "payload", "httpMocks", "secrets", "expect"];
    private static readonly string[] ExpectProperties = ["outcome", "errorName", "errorMessage", "result", "applied", "console"];

    /// <summary>Null when the name is valid, else what is wrong.</summary>
    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "Name is required.";
        if (name.Length > MaxNameLength)
            return $"Name must be at most {MaxNameLength} characters.";
        if (name != name.Trim())
            return "Name may not start or end with a space.";
        if (name.Any(char.IsControl))
            return "Name may not contain control characters (line breaks, tabs).";
        return null;
    }

    /// <summary>
    /// Reads a case. <paramref name="defaultName"/> names a case file's case when it has no <c>name</c>.
    /// Throws <see cref="HookValidationException"/> naming the property (e.g. <c>expect.outcome</c>).
    /// </summary>
    public static TestCaseDefinition Parse(JsonNode? json, string? defaultName = null)
    {
        if (json is not JsonObject body)
            throw new HookValidationException("", $"A test case is a JSON object, not {TypeOf(json)}.");
        RejectUnknown(body, CaseProperties, "");

        var name = OptionalString(body, "name", "name") ?? defaultName;
        if (ValidateName(name) is { } nameProblem)
            throw new HookValidationException("name", nameProblem);

        var payload = body["payload"]?.DeepClone();
        if (payload is not null and not JsonObject)
            throw new HookValidationException("payload", $"payload must be a JSON object (a property per argument of the hook), not {TypeOf(payload)}.");
        if (payload is not null && Encoding.UTF8.GetByteCount(payload.ToJsonString()) > MaxPayloadBytes)
            throw new HookValidationException("payload", $"payload must be at most {MaxPayloadBytes / 1024} KB of JSON.");

        HttpMockSet? mocks = null;
        if (body["httpMocks"] is { } mockNode)
        {
            try
            {
                mocks = HttpMockSet.Parse(mockNode.ToJsonString());
            }
            catch (FormatException e)
            {
                throw new HookValidationException("httpMocks", $"httpMocks: {e.Message}");
            }
        }

        var secrets = ParseSecrets(body["secrets"]);

        if (body["expect"] is not JsonObject expect)
            throw new HookValidationException("expect", body.ContainsKey("expect") && body["expect"] is not null
                ? $"expect must be an object, not {TypeOf(body["expect"])}."
                : "expect is required: at least {\"outcome\": \"success\"} or {\"outcome\": \"error\"}.");
        return new TestCaseDefinition(name!, payload, mocks, secrets, ParseExpectation(expect));
    }

    /// <summary>Reads a case from JSON text (a case file); the message names the line of a syntax error.</summary>
    public static TestCaseDefinition Parse(string text, string? defaultName = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new HookValidationException("", $"Not valid JSON (line {(e.LineNumber ?? 0) + 1}): {e.Message.Split(" LineNumber:")[0]}");
        }
        return Parse(node, defaultName);
    }

    private static Dictionary<string, string> ParseSecrets(JsonNode? node)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
            return secrets;
        if (node is not JsonObject map)
            throw new HookValidationException("secrets", $"secrets must be an object of NAME: value, not {TypeOf(node)}.");
        foreach (var (name, value) in map)
        {
            if (HookRules.ValidateSecretName(name) is { } nameProblem)
                throw new HookValidationException("secrets", $"secrets: {nameProblem}");
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                throw new HookValidationException("secrets", $"secrets.{name} must be a string, not {TypeOf(value)}.");
            var text = v.GetValue<string>();
            if (HookRules.ValidateSecretValue(name, text) is { } valueProblem)
                throw new HookValidationException("secrets", $"secrets: {valueProblem}");
            secrets[name] = text;
        }
        if (secrets.Count > HookRules.MaxSecrets)
            throw new HookValidationException("secrets", $"secrets may override at most {HookRules.MaxSecrets} secrets.");
        return secrets;
    }

    private static TestCaseExpectation ParseExpectation(JsonObject expect)
    {
        RejectUnknown(expect, ExpectProperties, "expect.");
        var outcomeText = OptionalString(expect, "outcome", "expect.outcome")
            ?? throw new HookValidationException("expect.outcome", "expect.outcome is required: \"success\" or \"error\".");
        var outcome = outcomeText switch
        {
            "success" => TestCaseOutcome.Success,
            "error" => TestCaseOutcome.Error,
            _ => throw new HookValidationException("expect.outcome", $"expect.outcome must be \"success\" or \"error\", not \"{outcomeText}\"."),
        };
        var errorName = OptionalString(expect, "errorName", "expect.errorName");
        var errorMessage = OptionalString(expect, "errorMessage", "expect.errorMessage");
        var result = expect["result"]?.DeepClone();
        var applied = expect["applied"]?.DeepClone();
        if (outcome == TestCaseOutcome.Success && (errorName is not null || errorMessage is not null))
            throw new HookValidationException("expect", "expect.errorName and expect.errorMessage apply to \"outcome\": \"error\" only.");
        if (outcome == TestCaseOutcome.Error && (result is not null || applied is not null))
            throw new HookValidationException("expect", "expect.result and expect.applied apply to \"outcome\": \"success\" only (a failed run has no result).");
        if (errorName is { Length: 0 } || errorName?.Length > MaxTextLength)
            throw new HookValidationException("expect.errorName", $"expect.errorName must be 1 to {MaxTextLength} characters.");
        if (errorMessage is { Length: 0 } || errorMessage?.Length > MaxTextLength)
            throw new HookValidationException("expect.errorMessage", $"expect.errorMessage must be 1 to {MaxTextLength} characters.");
        foreach (var (field, node) in new[] { ("expect.result", result), ("expect.applied", applied) })
        {
            if (node is not null && Encoding.UTF8.GetByteCount(node.ToJsonString()) > MaxExpectationBytes)
                throw new HookValidationException(field, $"{field} must be at most {MaxExpectationBytes / 1024} KB of JSON.");
        }

        var console = new List<string>();
        if (expect["console"] is { } consoleNode)
        {
            if (consoleNode is not JsonArray lines)
                throw new HookValidationException("expect.console", $"expect.console must be an array of strings, not {TypeOf(consoleNode)}.");
            foreach (var line in lines)
            {
                if (line is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                    throw new HookValidationException("expect.console", $"expect.console must hold strings only, not {TypeOf(line)}.");
                var text = v.GetValue<string>();
                if (text.Length is 0 or > MaxConsoleLineLength)
                    throw new HookValidationException("expect.console", $"expect.console lines must be 1 to {MaxConsoleLineLength} characters.");
                console.Add(text);
            }
            if (console.Count > MaxConsoleLines)
                throw new HookValidationException("expect.console", $"expect.console may hold at most {MaxConsoleLines} lines.");
        }

        return new TestCaseExpectation
        {
            Outcome = outcome,
            ErrorName = errorName,
            ErrorMessage = errorMessage,
            Result = result,
            Applied = applied,
            Console = console,
        };
    }

    /// <summary>The case as JSON; with <paramref name="maskSecrets"/> secret values read <see cref="HookRules.SecretMask"/>.</summary>
    public static JsonObject ToJson(TestCaseDefinition definition, bool maskSecrets)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var json = new JsonObject { ["name"] = definition.Name };
        if (definition.Payload is not null)
            json["payload"] = definition.Payload.DeepClone();
        if (definition.HttpMocks is not null)
            json["httpMocks"] = JsonNode.Parse(definition.HttpMocks.ToJson());
        if (definition.Secrets.Count > 0)
        {
            var secrets = new JsonObject();
            foreach (var (name, value) in definition.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal))
                secrets[name] = maskSecrets ? HookRules.SecretMask : value;
            json["secrets"] = secrets;
        }
        json["expect"] = ToJson(definition.Expect);
        return json;
    }

    public static JsonObject ToJson(TestCaseExpectation expect)
    {
        ArgumentNullException.ThrowIfNull(expect);
        var json = new JsonObject { ["outcome"] = expect.Outcome == TestCaseOutcome.Success ? "success" : "error" };
        if (expect.ErrorName is not null)
            json["errorName"] = expect.ErrorName;
        if (expect.ErrorMessage is not null)
            json["errorMessage"] = expect.ErrorMessage;
        if (expect.Result is not null)
            json["result"] = expect.Result.DeepClone();
        if (expect.Applied is not null)
            json["applied"] = expect.Applied.DeepClone();
        if (expect.Console.Count > 0)
            json["console"] = new JsonArray([.. expect.Console.Select(l => (JsonNode)l)]);
        return json;
    }

    /// <summary>
    /// Secret overrides as edited against masked ones: a value still reading <see cref="HookRules.SecretMask"/> keeps
    /// the stored value of that name (a masked name that was never stored is refused).
    /// </summary>
    public static TestCaseDefinition KeepMaskedSecrets(TestCaseDefinition edited, IReadOnlyDictionary<string, string> stored)
    {
        ArgumentNullException.ThrowIfNull(edited);
        ArgumentNullException.ThrowIfNull(stored);
        if (!edited.Secrets.Values.Contains(HookRules.SecretMask))
            return edited;
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in edited.Secrets)
        {
            if (value != HookRules.SecretMask)
                merged[name] = value;
            else if (stored.TryGetValue(name, out var kept))
                merged[name] = kept;
            else
                throw new HookValidationException("secrets", $"secrets.{name} reads {HookRules.SecretMask} but the case has no stored value for it: give the value.");
        }
        return edited with { Secrets = merged };
    }

    private static void RejectUnknown(JsonObject body, string[] allowed, string prefix)
    {
        foreach (var (key, _) in body)
        {
            if (!allowed.Contains(key))
                throw new HookValidationException(prefix + key, $"Unknown property {prefix}{key}; allowed: {string.Join(", ", allowed)}.");
        }
    }

    private static string? OptionalString(JsonObject body, string name, string field)
    {
        var node = body[name];
        if (node is null)
            return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            return v.GetValue<string>();
        throw new HookValidationException(field, $"{field} must be a string, not {TypeOf(node)}.");
    }

    /// <summary>"an object", "a number"... for messages.</summary>
    internal static string TypeOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a value",
        },
        _ => "a value",
    };
}
