using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Grants;
using HooksDashboard.Identity.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>The user page's app_metadata editor in a real browser, checked through the Management API.</summary>
[Collection(AppTestGroup.Name)]
public class UserMetadataTests(AppFixture app)
{
    [Fact]
    public async Task EditAppMetadataInTheDashboard_ManagementApiReturnsIt_AndTheAuditShowsWhoChangedWhichKeys()
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var users = app.Services.GetRequiredService<IUserService>();
        var user = await users.CreateAsync(new AdminNewUser($"meta-{unique}@example.com", "Str0ng!Passw0rd", null, null, """{"plan":"free","seats":1}"""));
        using var api = await ManagementClientAsync(unique);

        var dashboard = new DashboardPage(await app.NewPageAsync($"/users/{Uri.EscapeDataString(user.Id)}"));
        var page = dashboard.Page;
        await Expect(dashboard.EditorLines("edit-app-metadata")).ToContainTextAsync("\"plan\"");

        // A bad edit is refused with the reason and stays in the editor.
        await dashboard.ReplaceEditorTextAsync("edit-app-metadata", """{"plan": "gold",}""");
        await Expect(page.Locator("#edit-app-metadata-error")).ToContainTextAsync("app_metadata is not valid JSON");
        await Expect(page.Locator("#save-profile")).ToBeDisabledAsync();

        await dashboard.ReplaceEditorTextAsync("edit-app-metadata", """{"plan": "gold", "roles": ["admin"]}""");
        await Expect(page.Locator("#edit-app-metadata-error")).ToHaveCountAsync(0);
        await page.Locator("#save-profile").ClickAsync();
        await Expect(page.Locator("#profile-message")).ToContainTextAsync("Saved");

        var fetched = await api.GetFromJsonAsync<JsonObject>($"api/v2/users/{Uri.EscapeDataString(user.Id)}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"plan":"gold","roles":["admin"]}"""), fetched!["app_metadata"]), fetched.ToJsonString());

        // The History link shows the change, by the signed-in admin, naming keys only.
        await page.Locator("#user-audit").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Identity audit");
        var newest = page.GetByTestId("audit-entry").First;
        await Expect(newest).ToContainTextAsync("Changed: app_metadata (plan, roles, seats).");
        await Expect(newest).ToContainTextAsync(AppFixture.AdminEmail);
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "identity-audit-user.png"), FullPage = true });
    }

    /// <summary>An application with a read:users grant on the Management API and a client with its token.</summary>
    private async Task<HttpClient> ManagementClientAsync(string unique)
    {
        var created = await app.Services.GetRequiredService<IApplicationStore>().CreateAsync(new NewApplication($"E2E metadata {unique}"));
        var managementApi = (await app.Services.GetRequiredService<IResourceServerStore>().ListAsync()).Single(a => a.IsManagementApi);
        await app.Services.GetRequiredService<IClientGrantStore>().CreateAsync(created.Application.ClientId, managementApi.Id, ["read:users"]);
        var http = new HttpClient { BaseAddress = app.BaseAddress };
        var token = await http.PostAsJsonAsync("oauth/token", new
        {
            grant_type = "client_credentials",
            client_id = created.Application.ClientId,
            client_secret = created.ClientSecret,
            audience = managementApi.Identifier,
        });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }
}
