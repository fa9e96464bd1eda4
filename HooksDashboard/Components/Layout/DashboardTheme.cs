using MudBlazor;

namespace HooksDashboard.Components.Layout;

/// <summary>
/// The dashboard's one theme: every colour a page or the sign-in form shows comes from its palettes (through
/// MudBlazor's components or the <c>--mud-palette-*</c> variables <see cref="MudThemeProvider"/> writes), so
/// contrast is decided here and nowhere else.
/// </summary>
/// <remarks>
/// Each colour is chosen for WCAG 2.1 AA (the browser tests run axe-core on every page in both modes): text 4.5:1
/// against the surfaces it sits on, input borders 3:1. Light mode keeps dark, saturated colours with white labels on
/// filled buttons and chips; dark mode uses light tints with near-black labels (a saturated colour dark enough for a
/// white label is too dark to read as link or chip text on the dark surface). MudBlazor's defaults fell short:
/// white on its success green was 2.2:1, its grey secondary text 3.9:1 on grey blocks, its dark-mode primary 4.2:1
/// under white labels and its dark alert text 3.6:1.
/// </remarks>
public static class DashboardTheme
{
    // System fonts: nothing is fetched from a font CDN.
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    // Label colour on the dark palette's filled colours (buttons, chips).
    private const string DarkLabel = "#12121a";

    /// <summary>The light palette: white surface (#ffffff), background gray #ececec for code blocks.</summary>
    public static PaletteLight Light { get; } = new()
    {
        Primary = "#594ae2",
        PrimaryContrastText = "#ffffff",
        Success = "#2e7d32",
        SuccessContrastText = "#ffffff",
        Info = "#1565c0",
        InfoContrastText = "#ffffff",
        Warning = "#a15c00",
        WarningContrastText = "#ffffff",
        Error = "#c62828",
        ErrorContrastText = "#ffffff",
        TextSecondary = "#595962",
        LinesInputs = "#8c8c8c",
    };

    /// <summary>The dark palette: surface #373740, background #32333d (MudBlazor's), light tints with dark labels.</summary>
    public static PaletteDark Dark { get; } = new()
    {
        Primary = "#b3acf8",
        PrimaryContrastText = DarkLabel,
        Success = "#81c784",
        SuccessContrastText = DarkLabel,
        Info = "#64b5f6",
        InfoContrastText = DarkLabel,
        Warning = "#ffb74d",
        WarningContrastText = DarkLabel,
        Error = "#f28b82",
        ErrorContrastText = DarkLabel,
        // Alerts write their text in the "darken" shade on a tint of the colour: on a dark tint it must be lighter.
        SuccessDarken = "#a5d6a7",
        InfoDarken = "#90caf9",
        WarningDarken = "#ffcc80",
        ErrorDarken = "#f6a39c",
        TextSecondary = "#b3b3b8",
        LinesInputs = "#9090a0",
    };

    /// <summary>The theme of the interactive layout and of the static sign-in layout.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = Light,
        PaletteDark = Dark,
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
        },
    };
}
