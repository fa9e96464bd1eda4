using HooksDashboard.Admins;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Admins;

public sealed class AdminBootstrapTests
{
    [Fact]
    public async Task FirstStart_ConfiguredAdmin_CreatedAndNothingPrinted()
    {
        using var app = new AppFactory();
        using var client = app.CreateBrowserClient();

        using var response = await AppFactory.PostSignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(AppFactory.AdminPassword, app.ConsoleOutput.ToString(), StringComparison.Ordinal);
        var admins = await app.Services.GetRequiredService<IAdminAccounts>().ListAsync();
        Assert.Equal([AppFactory.AdminEmail], admins.Select(a => a.Email));
    }

    [Fact]
    public async Task FirstStart_NoConfiguration_GeneratesPasswordPrintedOnce()
    {
        using var app = new AppFactory();
        app.Settings.Clear();
        using var client = app.CreateBrowserClient();

        var printed = app.ConsoleOutput.ToString();
        var match = System.Text.RegularExpressions.Regex.Match(printed, @"Password: (\S+)");
        Assert.True(match.Success, printed);
        Assert.Contains("Email: admin@localhost", printed, StringComparison.Ordinal);
        using var response = await AppFactory.PostSignInAsync(client, "admin@localhost", match.Groups[1].Value);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);

        // A second start on the same data finds the admin and prints nothing.
        var bootstrap = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<AdminBootstrap>().Single();
        var before = app.ConsoleOutput.ToString().Length;
        await bootstrap.StartAsync(CancellationToken.None);
        Assert.Equal(before, app.ConsoleOutput.ToString().Length);
        Assert.Single(await app.Services.GetRequiredService<IAdminAccounts>().ListAsync());
    }
}
