using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

[Collection(AppTestGroup.Name)]
public class NetworkListEndToEndTests(AppFixture app)
{
    [Fact]
    public async Task TestPanel_HookPostingToAMockAndALoopbackServer_ListsBothRequestsWithTheMockMarked()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var store = app.Services.GetRequiredService<IHookStore>();
        var hook = await store.CreateAsync(new NewHook($"Network {Guid.NewGuid():N}"[..20], "post-change-password", $$"""
            module.exports = async function (user, context, cb) {
              const slack = await fetch('https://hooks.slack.com/services/T000/B000/XXXX', { method: 'POST', body: JSON.stringify({ text: user.email }) });
              const api = await fetch('{{server.Url}}/status/201');
              cb(null, { slack: slack.status, api: api.status });
            };
            """, Enabled: false));
        try
        {
            var dashboard = new DashboardPage(await app.NewPageAsync($"/hooks/{hook.Id}"));
            var page = dashboard.Page;
            await dashboard.WaitForEditorAsync();
            await dashboard.SelectTabAsync("Test");

            // One rule for Slack; everything else goes to the network (the loopback server).
            await page.GetByText("Mock outbound HTTP").ClickAsync();
            await page.Locator("textarea[data-testid=http-mocks-text]").FillAsync("""
                { "rules": [ { "method": "POST", "url": "https://hooks.slack.com/services/*", "status": 200, "body": "ok" } ], "passThrough": true }
                """);
            await Expect(page.GetByTestId("http-mocks-error")).ToHaveCountAsync(0);
            await dashboard.RunTestAsync();

            var rows = page.GetByTestId("network-request");
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-method", "POST");
            await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-status", "200");
            await Expect(rows.Nth(0)).ToContainTextAsync("https://hooks.slack.com/services/T000/B000/XXXX");
            await Expect(rows.Nth(0).GetByTestId("network-mocked")).ToHaveTextAsync("mocked");
            await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-method", "GET");
            await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-status", "201");
            await Expect(rows.Nth(1)).ToContainTextAsync($"{server.Url}/status/201");
            await Expect(rows.Nth(1).GetByTestId("network-mocked")).ToHaveCountAsync(0);
            Assert.Equal(1, server.Requests);

            // A row opens to the bodies: the mock's answer is shown.
            await rows.Nth(0).GetByTestId("network-toggle").ClickAsync();
            await Expect(rows.Nth(0).GetByTestId("network-response-body")).ToHaveTextAsync("ok");
        }
        finally
        {
            await store.DeleteAsync(hook.Id);
        }
    }
}
