namespace HooksDashboard.Components.Pages.Users;

/// <summary>An outcome to show under a section: success, warning or error.</summary>
public sealed record FeedbackMessage(string Text, bool Success, bool Warning = false)
{
    public static FeedbackMessage Ok(string text) => new(text, true);

    public static FeedbackMessage Warn(string text) => new(text, false, true);

    public static FeedbackMessage Fail(string text) => new(text, false);
}
