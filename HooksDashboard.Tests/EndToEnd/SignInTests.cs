using HooksDashboard.Hooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

[Collection(AppTestGroup.Name)]
public class SignInTests(AppFixture app)
{
    [Fact]
    public async Task Anonymous_IsSentToSignIn_WrongPasswordRefused_ThenSignsInAndOut()
    {
        var page = await app.NewAnonymousPageAsync();

        await page.GotoAsync("hooks");
        Assert.Contains("/account/sign-in?returnUrl=%2Fhooks", page.Url, StringComparison.Ordinal);

        await page.GetByTestId("sign-in-email").FillAsync(AppFixture.AdminEmail);
        await page.GetByTestId("sign-in-password").FillAsync("not the password");
        await page.GetByTestId("sign-in-submit").ClickAsync();
        await Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync("Wrong email or password.");

        await page.GetByTestId("sign-in-email").FillAsync(AppFixture.AdminEmail);
        await page.GetByTestId("sign-in-password").FillAsync(AppFixture.AdminPassword);
        await page.GetByTestId("sign-in-submit").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/hooks", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(AppFixture.AdminEmail);
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "signed-in.png") });

        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/sign-in", StringComparison.Ordinal));
        await page.GotoAsync("hooks");
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditorHistory_ShowsWhoChangedTheHook()
    {
        var dashboard = new DashboardPage(await app.NewPageAsync());
        var page = dashboard.Page;
        await dashboard.CreateHookAsync("post-change-password", "Audited hook");

        try
        {
            await dashboard.SelectTabAsync("History");

            var entry = page.GetByTestId("history-entry").First;
            await Expect(entry).ToBeVisibleAsync();
            await Expect(entry).ToHaveAttributeAsync("data-action", "created");
            await Expect(entry).ToContainTextAsync(AppFixture.AdminEmail);
            await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "history.png") });
        }
        finally
        {
            // The collection shares one app: leave it without hooks for the other scenarios.
            var store = app.Services.GetRequiredService<IHookStore>();
            if (await store.FindByNameAsync("Audited hook") is { } hook)
                await store.DeleteAsync(hook.Id);
        }
    }
}
