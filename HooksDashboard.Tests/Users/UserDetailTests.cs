using System.Text.Json.Nodes;
using Bunit;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Components.Pages.Users;
using HooksDashboard.Identity.Users;

namespace HooksDashboard.Tests.Users;

public sealed class UserDetailTests : UsersPageTestBase
{
    private async Task<(User User, IRenderedComponent<UserDetail> Page)> RenderUserAsync()
    {
        var user = await AddUserAsync("detail@example.com", username: "detail");
        var cut = Render<UserDetail>(p => p.Add(x => x.UserId, user.Id));
        cut.WaitForAssertion(() => Assert.Equal(user.Id, cut.Find("#user-id").TextContent));
        return (user, cut);
    }

    [Fact]
    public void UserDetail_UnknownUser_SaysSo()
    {
        var cut = Render<UserDetail>(p => p.Add(x => x.UserId, "auth0|000000000000000000000000"));

        cut.WaitForAssertion(() => Assert.Contains("no such user", cut.Find("#user-not-found").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UserDetail_SaveMetadataAndVerified_StoresThem()
    {
        var (user, cut) = await RenderUserAsync();

        cut.Find("#edit-email-verified").Change(true);
        cut.Find("#edit-user-metadata").Change("""{"theme":"dark"}""");
        cut.Find("#save-profile").Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved", cut.Find("#profile-message").TextContent, StringComparison.Ordinal));
        var stored = (await Users.GetAsync(user.Id))!;
        Assert.True(stored.EmailVerified);
        Assert.Equal("dark", stored.UserMetadata["theme"]!.GetValue<string>());
    }

    [Fact]
    public async Task UserDetail_SaveInvalidJson_ShowsTheErrorAndKeepsTheStoredMetadata()
    {
        var (user, cut) = await RenderUserAsync();

        cut.Find("#edit-app-metadata").Change("{\"plan\":");
        cut.Find("#save-profile").Click();

        cut.WaitForAssertion(() => Assert.Contains("app_metadata is not valid JSON", cut.Find("#profile-message").TextContent, StringComparison.Ordinal));
        Assert.Empty((await Users.GetAsync(user.Id))!.AppMetadata);
    }

    [Fact]
    public async Task UserDetail_ChangePassword_SetsLastResetAndQueuesPostChangePassword()
    {
        var (user, cut) = await RenderUserAsync();

        cut.Find("#new-password").Input("N3w!Password");
        cut.Find("#change-password").Click();

        cut.WaitForAssertion(() => Assert.Contains("Password changed", cut.Find("#password-message").TextContent, StringComparison.Ordinal));
        Assert.NotNull((await Users.GetAsync(user.Id))!.LastPasswordReset);
        var queued = Assert.Single(await Events.ListAsync(PostChangePasswordPoint.TriggerId));
        Assert.Equal(user.LocalId, JsonNode.Parse(queued.Payload)!["user"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task UserDetail_ChangeToWeakPassword_IsRefused()
    {
        var (user, cut) = await RenderUserAsync();

        cut.Find("#new-password").Input("short");
        cut.Find("#change-password").Click();

        cut.WaitForAssertion(() => Assert.Contains("At least 8 characters", cut.Find("#password-message").TextContent, StringComparison.Ordinal));
        Assert.Null((await Users.GetAsync(user.Id))!.LastPasswordReset);
        Assert.Empty(await Events.ListAsync(PostChangePasswordPoint.TriggerId));
    }

    [Fact]
    public async Task UserDetail_Delete_AsksFirstThenDeletes()
    {
        var (user, cut) = await RenderUserAsync();

        cut.Find("#delete-user").Click();
        Assert.NotNull(await Users.GetAsync(user.Id));
        Assert.Contains("cannot be undone", cut.Find("#delete-confirmation").TextContent, StringComparison.Ordinal);
        cut.Find("#confirm-delete").Click();

        cut.WaitForAssertion(() => Assert.Contains("deleted", cut.Find("#user-not-found").TextContent, StringComparison.Ordinal));
        Assert.Null(await Users.GetAsync(user.Id));
    }

    [Fact]
    public async Task UserDetail_SendTestCodeWithoutHook_SaysNothingWasSent()
    {
        var (_, cut) = await RenderUserAsync();

        cut.Find("#test-phone").Change("+1 808 555 5555");
        cut.Find("#send-test-code").Click();

        cut.WaitForAssertion(() => Assert.Contains("No send-phone-message hook is enabled", cut.Find("#phone-message").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UserDetail_SendTestCode_HookGetsTheContextAndItsLogsShow()
    {
        await AddHookAsync(SendPhoneMessagePoint.TriggerId, """
            module.exports = function (recipient, text, context, cb) {
              console.log(recipient + '|' + context.user.email + '|' + context.client.client_id + '|' + context.action + '|' + (text === 'Your verification code is: ' + context.code));
              cb();
            };
            """);
        var (_, cut) = await RenderUserAsync();

        cut.Find("#test-phone").Change("+1 808 555 5555");
        cut.Find("#send-test-code").Click();

        cut.WaitForAssertion(() => Assert.Contains("The hook accepted", cut.Find("#phone-message").TextContent, StringComparison.Ordinal));
        Assert.Contains("+1 808 555 5555|detail@example.com|dashboard|enrollment|true", cut.Find("#phone-logs").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserDetail_SendTestCodeHookFails_ShowsTheFriendlyMessage()
    {
        await AddHookAsync(SendPhoneMessagePoint.TriggerId, """
            module.exports = function (recipient, text, context, cb) {
              cb(new SendPhoneMessageError('provider returned 503', 'The SMS provider is unavailable.'));
            };
            """);
        var (_, cut) = await RenderUserAsync();

        cut.Find("#test-phone").Change("+1 808 555 5555");
        cut.Find("#send-test-code").Click();

        cut.WaitForAssertion(() => Assert.Equal("The SMS provider is unavailable.", cut.Find("#phone-message").TextContent.Trim()));
    }
}
