using BlazorMonaco.Editor;

namespace HooksDashboard.Components.Common;

/// <summary>
/// The one look of the dashboard's Monaco editors (the hook's code, the test payload). Monaco's theme is
/// global to the page: every editor must be created with the layout's current choice, or creating one
/// would switch the others (<c>dashboard.js</c> switches them all when dark mode changes).
/// </summary>
public static class MonacoOptions
{
    /// <summary>Monaco's theme for the dashboard's dark-mode choice.</summary>
    public static string Theme(bool darkMode) => darkMode ? "vs-dark" : "vs";

    /// <summary>Options for an editor of <paramref name="language"/> starting with <paramref name="value"/>.</summary>
    public static StandaloneEditorConstructionOptions Create(string language, string value, bool darkMode) => new()
    {
        Value = value,
        Language = language,
        Theme = Theme(darkMode),
        // The containers are sized by CSS (Monaco has no height of its own) and change with the window and tabs.
        AutomaticLayout = true,
        TabSize = 2,
        FontSize = 13,
        ScrollBeyondLastLine = false,
        Minimap = new EditorMinimapOptions { Enabled = false },
        // Hovers and suggestions may overflow a small editor instead of being clipped by it.
        FixedOverflowWidgets = true,
    };
}
