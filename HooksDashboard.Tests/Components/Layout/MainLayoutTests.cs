using Bunit;
using HooksDashboard.Components;
using HooksDashboard.Components.Layout;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;

namespace HooksDashboard.Tests.Components.Layout;

public class MainLayoutTests : DashboardTestBase
{
    [Fact]
    public void Render_NoRememberedChoice_StartsLight()
    {
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, "page"));

        Assert.False(cut.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode));
    }

    [Fact]
    public void Render_Always_ShowsTheProductNameAndTheHooksLink()
    {
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, "page"));

        Assert.Equal("HooksDashboard", cut.Find("[data-testid=product-name]").TextContent.Trim());
        Assert.Contains(cut.FindAll("a.mud-nav-link"), a => a.GetAttribute("href") == "hooks" && a.TextContent.Contains("Hooks", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Always_ShowsTheUsersLink()
    {
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, "page"));

        Assert.Contains(cut.FindAll("a.mud-nav-link"), a => a.GetAttribute("href") == "users" && a.TextContent.Contains("Users", StringComparison.Ordinal));
    }

    [Fact]
    public void ToggleDarkMode_FromLight_RemembersDarkThroughTheModule()
    {
        var module = JSInterop.SetupModule("./js/dashboard.js");
        module.SetupVoid("setTheme", true).SetVoidResult();
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, "page"));

        cut.Find("[data-testid=toggle-dark-mode]").Click();

        Assert.Equal(true, module.VerifyInvoke("setTheme").Arguments[0]);
        Assert.True(cut.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode));
    }

    [Fact]
    public void Render_RememberedDarkMode_StartsDark()
    {
        var cut = Render<CascadingValue<bool>>(p => p
            .Add(x => x.Name, ThemePreference.CascadingName)
            .Add(x => x.Value, true)
            .AddChildContent<MainLayout>(layout => layout.Add(x => x.Body, "page")));

        Assert.True(cut.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode));
    }

    [Fact]
    public void Render_PageThatThrows_ShowsTheFriendlyErrorWithReload()
    {
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, builder =>
        {
            builder.OpenComponent<ThrowingPage>(0);
            builder.CloseComponent();
        }));

        var alert = cut.Find("[data-testid=error-boundary]");
        Assert.Contains("Something went wrong on this page.", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains(alert.QuerySelectorAll("button"), b => b.TextContent.Contains("Reload", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dark", true)]
    [InlineData("light", false)]
    [InlineData(null, false)]
    public void IsDark_CookieValue_ReadsTheChoice(string? cookie, bool expected) =>
        Assert.Equal(expected, ThemePreference.IsDark(cookie));

    private sealed class ThrowingPage : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("boom");
    }
}
