namespace HooksDashboard.Components;

/// <summary>Where the dashboard remembers the dark-mode choice: a cookie the server reads before prerendering.</summary>
public static class ThemePreference
{
    /// <summary>Written by <c>wwwroot/js/dashboard.js</c>; "dark" or "light".</summary>
    public const string CookieName = "hd-theme";

    /// <summary>Name of the cascading value carrying the remembered choice from <c>App</c> to the layout.</summary>
    public const string CascadingName = "InitialDarkMode";

    /// <summary>Name of the cascading value the layout gives pages: the current choice.</summary>
    public const string PageCascadingName = "DarkMode";

    public static bool IsDark(string? cookieValue) => string.Equals(cookieValue, "dark", StringComparison.Ordinal);
}
