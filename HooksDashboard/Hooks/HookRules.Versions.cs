namespace HooksDashboard.Hooks;

public static partial class HookRules
{
    /// <summary>The longest note a version may carry.</summary>
    public const int MaxVersionMessageLength = 500;

    /// <summary>A version's optional note: one line of text (a commit message's subject), at most <see cref="MaxVersionMessageLength"/> characters.</summary>
    public static string? ValidateVersionMessage(string? message)
    {
        if (message is null)
            return null;
        if (message.Length > MaxVersionMessageLength)
            return $"Message must be at most {MaxVersionMessageLength} characters.";
        if (message.Any(char.IsControl))
            return "Message must be one line of text, without control characters.";
        return null;
    }

    /// <summary>The note as stored: trimmed, and null when nothing is left.</summary>
    public static string? NormalizeVersionMessage(string? message) =>
        string.IsNullOrWhiteSpace(message) ? null : message.Trim();
}
