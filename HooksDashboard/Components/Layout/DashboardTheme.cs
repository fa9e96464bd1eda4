using MudBlazor;

namespace HooksDashboard.Components.Layout;

/// <summary>
/// The dashboard's one theme: every colour a page or the sign-in form shows comes from its palettes (through
/// MudBlazor's components or the <c>--mud-palette-*</c> variables <see cref="MudThemeProvider"/> writes), so
/// contrast is decided here and nowhere else.
/// </summary>
public static class DashboardTheme
{
    // System fonts: nothing is fetched from a font CDN.
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    /// <summary>The theme of the interactive layout and of the static sign-in layout.</summary>
    public static MudTheme Theme { get; } = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
        },
    };
}
