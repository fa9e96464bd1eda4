using System.Text.Json.Nodes;

namespace HooksDashboard.Identity.Users;

/// <summary>One rule of the password policy and whether a password meets it.</summary>
/// <param name="Code">Auth0's rule code (<c>lengthAtLeast</c>, <c>containsAtLeast</c>, <c>lowerCase</c>, ...).</param>
/// <param name="Message">Auth0's message, with <c>%d</c> placeholders filled from <paramref name="Format"/>.</param>
public sealed record PasswordRule(string Code, string Message, IReadOnlyList<int> Format, bool Verified, IReadOnlyList<PasswordRule> Items)
{
    /// <summary>The message with its placeholders filled, for people.</summary>
    public string Text => Format.Aggregate(Message, (text, value) => ReplaceFirst(text, "%d", value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static string ReplaceFirst(string text, string placeholder, string value)
    {
        var index = text.IndexOf(placeholder, StringComparison.Ordinal);
        return index < 0 ? text : string.Concat(text.AsSpan(0, index), value, text.AsSpan(index + placeholder.Length));
    }
}

/// <summary>The outcome of checking a password.</summary>
public sealed record PasswordCheck(bool Verified, IReadOnlyList<PasswordRule> Rules)
{
    /// <summary>
    /// Auth0's <c>description</c> of a <c>PasswordStrengthError</c> (password-sheriff's explanation):
    /// <c>{"rules":[{"message","format","code","verified","items"?}],"verified":false}</c>.
    /// </summary>
    public JsonObject ToAuth0Description() => new()
    {
        ["rules"] = new JsonArray([.. Rules.Select(ToJson)]),
        ["verified"] = Verified,
    };

    /// <summary>The unmet rules as one sentence, for the dashboard and the reset page.</summary>
    public string Summary => string.Join(" ", Rules.Where(r => !r.Verified).Select(r =>
        r.Items.Count == 0 ? r.Text : $"{r.Text} {string.Join(", ", r.Items.Select(i => i.Text))}."));

    private static JsonObject ToJson(PasswordRule rule)
    {
        var json = new JsonObject
        {
            ["message"] = rule.Message,
            ["format"] = new JsonArray([.. rule.Format.Select(f => (JsonNode)f)]),
            ["code"] = rule.Code,
            ["verified"] = rule.Verified,
        };
        if (rule.Items.Count > 0)
            json["items"] = new JsonArray([.. rule.Items.Select(ToJson)]);
        return json;
    }
}

/// <summary>
/// Auth0's default "fair" password policy: at least 8 characters, and 3 of the 4 kinds lower case, upper
/// case, digits, special characters. Rule codes and messages are password-sheriff's, which Auth0 answers with.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int RequiredKinds = 3;

    /// <summary>Password-sheriff's special characters: printable ASCII punctuation and the space.</summary>
    private const string SpecialCharacters = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    public static PasswordCheck Check(string? password)
    {
        password ??= "";
        var kinds = new[]
        {
            Rule("lowerCase", "lower case letters (a-z)", password.Any(char.IsAsciiLetterLower)),
            Rule("upperCase", "upper case letters (A-Z)", password.Any(char.IsAsciiLetterUpper)),
            Rule("numbers", "numbers (i.e. 0-9)", password.Any(char.IsAsciiDigit)),
            Rule("specialCharacters", "special characters (e.g. !@#$%^&*)", password.Any(c => SpecialCharacters.Contains(c, StringComparison.Ordinal))),
        };
        var length = new PasswordRule("lengthAtLeast", "At least %d characters in length", [MinLength], password.Length >= MinLength, []);
        var contains = new PasswordRule("containsAtLeast", "Contain at least %d of the following %d types of characters:",
            [RequiredKinds, kinds.Length], kinds.Count(k => k.Verified) >= RequiredKinds, kinds);
        return new PasswordCheck(length.Verified && contains.Verified, [length, contains]);
    }

    private static PasswordRule Rule(string code, string message, bool verified) => new(code, message, [], verified, []);
}
