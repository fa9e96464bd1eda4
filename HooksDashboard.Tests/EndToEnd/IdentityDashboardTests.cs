using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

[Collection(AppTestGroup.Name)]
public class IdentityDashboardTests(AppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task NewUser_CreatesApiAndApplication_GrantsIt_AndGetsAToken()
    {
        output.WriteLine($"Screenshots (1280x800): {app.ScreenshotDirectory}");
        var dashboard = new DashboardPage(await app.NewPageAsync());
        var page = dashboard.Page;
        var audience = $"https://e2e-{Guid.NewGuid():N}.example.com/";

        // An API with one scope, reached from the navigation drawer.
        await page.GetByRole(AriaRole.Link, new() { Name = "APIs", Exact = true }).ClickAsync();
        await page.GetByTestId("create-api").ClickAsync();
        await page.Locator("input[data-testid=api-name]").FillAsync("E2E API");
        await page.Locator("input[data-testid=api-identifier]").FillAsync(audience);
        await page.GetByTestId("api-create").ClickAsync();
        await page.GetByTestId("add-scope").ClickAsync();
        await page.Locator("[data-testid=scope-row] input").First.FillAsync("read:e2e");
        await page.GetByTestId("save-api").ClickAsync();
        await Expect(page.GetByText("Saved.")).ToBeVisibleAsync();

        // An application: its secret is shown once.
        await page.GetByRole(AriaRole.Link, new() { Name = "Applications", Exact = true }).ClickAsync();
        await page.GetByTestId("create-application").ClickAsync();
        await page.Locator("input[data-testid=application-name]").FillAsync("E2E client");
        await page.GetByTestId("application-create").ClickAsync();
        await Expect(page.GetByTestId("secret-warning")).ToContainTextAsync("you will not see it again");
        var clientId = await page.Locator("input[data-testid=secret-client-id]").InputValueAsync();
        var secret = await page.Locator("input[data-testid=secret-value]").InputValueAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "client-secret.png") });
        await page.GetByTestId("secret-done").ClickAsync();
        await Expect(page.GetByTestId("secret-dialog")).ToHaveCountAsync(0);

        // Grant it the API with the scope.
        await page.GetByRole(AriaRole.Link, new() { Name = "E2E client", Exact = true }).First.ClickAsync();
        // The page's only select: the API to grant.
        await page.Locator(".mud-select").First.ClickAsync();
        await page.GetByText($"E2E API ({audience})").ClickAsync();
        await page.GetByLabel("read:e2e").CheckAsync();
        await page.GetByTestId("create-grant").ClickAsync();
        await Expect(page.GetByTestId("grant")).ToContainTextAsync(audience);
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "application.png"), FullPage = true });

        // The secret copied from the dialog gets a token with the granted scope.
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await http.PostAsJsonAsync("oauth/token",
            new { grant_type = "client_credentials", client_id = clientId, client_secret = secret, audience });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        Assert.Equal("read:e2e", (string?)body["scope"]);
    }
}
