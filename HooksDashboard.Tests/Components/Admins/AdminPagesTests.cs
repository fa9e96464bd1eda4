using System.Security.Claims;
using Bunit;
using HooksDashboard.Admins;
using HooksDashboard.Components.Pages.Admins;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace HooksDashboard.Tests.Components.Admins;

/// <summary>The admin list and change-password pages on real admin accounts in a temp SQLite database.</summary>
public sealed class AdminPagesTests : BunitContext, IAsyncLifetime
{
    private const string Password = "first password 1";
    private StorageFixture _storage = null!;
    private AdminAccounts _admins = null!;
    private AdminAccount _me = null!;

    public async Task InitializeAsync()
    {
        _storage = await StorageFixture.CreateAsync();
        _admins = new AdminAccounts(_storage.Database, new PasswordHasher<AdminAccount>(), TimeProvider.System,
            Options.Create(new AdminOptions()), NullLogger<AdminAccounts>.Instance);
        _me = await _admins.CreateAsync("me@example.com", Password);

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddSingleton<IAdminAccounts>(_admins);
        var auth = AddAuthorization();
        auth.SetAuthorized(_me.Email);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, _me.Id));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public void AdminList_Renders_EveryAdmin()
    {
        var page = Render<AdminList>();

        page.WaitForAssertion(() => Assert.Equal(["me@example.com"], page.FindAll("[data-testid=admin-email]").Select(e => e.TextContent)));
    }

    [Fact]
    public async Task AdminList_Add_CreatesAdminWhoCanSignIn()
    {
        var page = Render<AdminList>();

        page.Find("[data-testid=new-admin-email]").Input("second@example.com");
        page.Find("[data-testid=new-admin-password]").Input("second password");
        await page.Find("[data-testid=add-admin]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=admin-email]").Count));
        Assert.Contains("second@example.com", page.Find("[data-testid=admin-added]").TextContent, StringComparison.Ordinal);
        Assert.Equal(AdminSignInStatus.Succeeded, (await _admins.SignInAsync("second@example.com", "second password")).Status);
    }

    [Fact]
    public async Task AdminList_AddWeakPassword_ShowsReasonAndAddsNothing()
    {
        var page = Render<AdminList>();

        page.Find("[data-testid=new-admin-email]").Input("third@example.com");
        page.Find("[data-testid=new-admin-password]").Input("short");
        await page.Find("[data-testid=add-admin]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("at least 10 characters", page.Markup, StringComparison.Ordinal));
        Assert.Single(await _admins.ListAsync());
    }

    [Fact]
    public async Task AdminList_AddDuplicateEmail_SaysSo()
    {
        var page = Render<AdminList>();

        page.Find("[data-testid=new-admin-email]").Input("ME@example.com");
        page.Find("[data-testid=new-admin-password]").Input("another password");
        await page.Find("[data-testid=add-admin]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("already exists", page.Markup, StringComparison.Ordinal));
        Assert.Single(await _admins.ListAsync());
    }

    [Fact]
    public async Task ChangePassword_RightCurrent_ChangesIt()
    {
        var page = Render<ChangePassword>();

        page.Find("[data-testid=current-password]").Input(Password);
        page.Find("[data-testid=new-password]").Input("brand new password");
        page.Find("[data-testid=confirm-password]").Input("brand new password");
        await page.Find("[data-testid=change-password]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=password-changed]")));
        Assert.Equal(AdminSignInStatus.Succeeded, (await _admins.SignInAsync(_me.Email, "brand new password")).Status);
        Assert.Equal(AdminSignInStatus.Failed, (await _admins.SignInAsync(_me.Email, Password)).Status);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrent_KeepsOldPassword()
    {
        var page = Render<ChangePassword>();

        page.Find("[data-testid=current-password]").Input("not my password");
        page.Find("[data-testid=new-password]").Input("brand new password");
        page.Find("[data-testid=confirm-password]").Input("brand new password");
        await page.Find("[data-testid=change-password]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("The current password is wrong.", page.Markup, StringComparison.Ordinal));
        Assert.Equal(AdminSignInStatus.Succeeded, (await _admins.SignInAsync(_me.Email, Password)).Status);
    }

    [Fact]
    public async Task ChangePassword_ConfirmationDiffers_ChangesNothing()
    {
        var page = Render<ChangePassword>();

        page.Find("[data-testid=current-password]").Input(Password);
        page.Find("[data-testid=new-password]").Input("brand new password");
        page.Find("[data-testid=confirm-password]").Input("brand new passwort");
        await page.Find("[data-testid=change-password]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("The two new passwords differ.", page.Markup, StringComparison.Ordinal));
        Assert.Equal(AdminSignInStatus.Succeeded, (await _admins.SignInAsync(_me.Email, Password)).Status);
    }
}
