using System.Net.Http.Json;
using HooksDashboard.Identity.Applications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

[Collection(AppTestGroup.Name)]
public class UsersTests(AppFixture app)
{
    [Fact]
    public async Task SignedUpUser_IsFoundEditedGivenANewPasswordAndDeletedInTheDashboard()
    {
        var application = await app.Services.GetRequiredService<IApplicationStore>().CreateAsync(new NewApplication("E2E sign-up"));
        using (var http = new HttpClient { BaseAddress = app.BaseAddress })
        {
            var signup = await http.PostAsJsonAsync("dbconnections/signup", new
            {
                client_id = application.Application.ClientId,
                connection = "Username-Password-Authentication",
                email = "e2e.user@example.com",
                password = "Str0ng!Passw0rd",
                username = "e2euser",
            });
            signup.EnsureSuccessStatusCode();
        }
        var dashboard = new DashboardPage(await app.NewPageAsync());
        var page = dashboard.Page;

        // The nav drawer leads to the list; the search finds the user.
        await page.GotoAsync("hooks");
        await dashboard.WaitForCircuitAsync();
        await page.Locator("a.mud-nav-link[href=users]").ClickAsync();
        await page.Locator("#user-search").FillAsync("E2E.USER");
        await Expect(page.Locator("#users-table tbody tr")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "users-list.png") });

        // The detail page: metadata, password (with live policy feedback), test code without a hook.
        await page.GetByText("e2e.user@example.com").ClickAsync();
        await Expect(page.Locator("#user-id")).ToContainTextAsync("auth0|");
        await dashboard.ReplaceEditorTextAsync("edit-user-metadata", """{"theme":"dark"}""");
        await page.Locator("#save-profile").ClickAsync();
        await Expect(page.Locator("#profile-message")).ToContainTextAsync("Saved");
        await page.Locator("#new-password").FillAsync("N3w!Password");
        await Expect(page.Locator(".password-policy")).ToHaveAttributeAsync("data-verified", "true");
        await page.Locator("#change-password").ClickAsync();
        await Expect(page.Locator("#password-message")).ToContainTextAsync("Password changed");
        await Expect(page.Locator("#last-password-reset")).Not.ToHaveTextAsync("never");
        await page.Locator("#test-phone").FillAsync("+1 808 555 5555");
        await page.Locator("#send-test-code").ClickAsync();
        await Expect(page.Locator("#phone-message")).ToContainTextAsync("No send-phone-message hook is enabled");
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "user-detail.png"), FullPage = true });

        // Deleting asks first, in a dialog.
        await page.Locator("#delete-user").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.Locator("#user-not-found")).ToContainTextAsync("deleted");
    }
}
