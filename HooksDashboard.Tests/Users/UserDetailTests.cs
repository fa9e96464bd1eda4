using System.Text.Json;
using System.Text.Json.Nodes;
using Bunit;
using HooksDashboard.Audit;
using HooksDashboard.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Components.Pages.Users;
using HooksDashboard.Identity.Users;

namespace HooksDashboard.Tests.Users;

public sealed class UserDetailTests : UsersPageTestBase
{
    private const string UserEditor = "edit-user-metadata";
    private const string AppEditor = "edit-app-metadata";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private IIdentityAuditLog Audit => Services.GetRequiredService<IIdentityAuditLog>();

    /// <summary>Types into a metadata editor: Monaco's model holds the text, then its change event arrives.</summary>
    private Task TypeAsync(IRenderedComponent<UserDetail> cut, string editorId, string text)
    {
        JSInterop.SetEditorValue(editorId, text);
        return cut.FindEditor(editorId).RaiseContentChangedAsync();
    }

    private async Task<(User User, IRenderedComponent<UserDetail> Page)> RenderUserAsync()
    {
        // Monaco's models hold what the editors were created with.
        JSInterop.SetEditorValue(UserEditor, "{}");
        JSInterop.SetEditorValue(AppEditor, "{}");
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
        await TypeAsync(cut, UserEditor, """{"theme":"dark"}""");
        cut.Find("#save-profile").Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved", cut.Find("#profile-message").TextContent, StringComparison.Ordinal));
        var stored = (await Users.GetAsync(user.Id))!;
        Assert.True(stored.EmailVerified);
        Assert.Equal("dark", stored.UserMetadata["theme"]!.GetValue<string>());
        // The editor now shows what was stored.
        Assert.Equal(stored.UserMetadata.ToJsonString(Indented), JSInterop.TextsGivenTo(UserEditor)[^1]);
    }

    [Fact]
    public async Task UserDetail_InvalidJson_SaysWhereDisablesSaveAndKeepsTheText()
    {
        var (user, cut) = await RenderUserAsync();

        await TypeAsync(cut, AppEditor, "{\n  \"plan\": \n}");

        cut.WaitForAssertion(() => Assert.Contains("app_metadata is not valid JSON (line 3, column 1)", cut.Find("#edit-app-metadata-error").TextContent, StringComparison.Ordinal));
        Assert.True(cut.Find("#save-profile").HasAttribute("disabled"));
        Assert.Contains("metadata-editor-invalid", cut.Find("[data-name=app_metadata] .metadata-editor-frame").ClassName, StringComparison.Ordinal);
        // Nothing replaced the typed text, and nothing was stored.
        Assert.Single(JSInterop.TextsGivenTo(AppEditor));
        Assert.Empty((await Users.GetAsync(user.Id))!.AppMetadata);
    }

    [Theory]
    [InlineData("[1, 2]", "app_metadata must be a JSON object, like {\"plan\": \"gold\"}; this is an array.")]
    [InlineData("\"gold\"", "app_metadata must be a JSON object, like {\"plan\": \"gold\"}; this is a string.")]
    [InlineData("{\"a.b\": 1}", "app_metadata: the property name 'app_metadata.a.b' contains '.' or starts with '$'.")]
    [InlineData("{\"x\": {\"$set\": 1}}", "app_metadata: the property name 'app_metadata.x.$set' contains '.' or starts with '$'.")]
    public async Task UserDetail_MetadataBreakingTheApiRules_ShowsTheRule(string text, string message)
    {
        var (_, cut) = await RenderUserAsync();

        await TypeAsync(cut, AppEditor, text);

        cut.WaitForAssertion(() => Assert.Equal(message, cut.Find("#edit-app-metadata-error").TextContent.Trim()));
        Assert.True(cut.Find("#save-profile").HasAttribute("disabled"));
    }

    [Fact]
    public async Task UserDetail_MetadataOverTheSizeCap_IsRefusedWithTheLimit()
    {
        var (user, cut) = await RenderUserAsync();
        // Each object fits alone; together they are over the cap the API applies.
        var half = new string('x', (UserRules.MaxMetadataBytes / 2) + 10);

        await TypeAsync(cut, UserEditor, $$"""{"notes":"{{half}}"}""");
        await TypeAsync(cut, AppEditor, $$"""{"notes":"{{half}}"}""");
        cut.Find("#save-profile").Click();

        cut.WaitForAssertion(() => Assert.Contains($"at most {UserRules.MaxMetadataBytes} are allowed", cut.Find("#profile-message").TextContent, StringComparison.Ordinal));
        Assert.Contains("Nothing was saved", cut.Find("#profile-message").TextContent, StringComparison.Ordinal);
        Assert.Empty((await Users.GetAsync(user.Id))!.UserMetadata);
        Assert.Single(JSInterop.TextsGivenTo(UserEditor));
    }

    [Fact]
    public async Task UserDetail_RemoveOneKey_DeletesItAndKeepsAKeyTheApiAddedMeanwhile()
    {
        var user = await AddUserAsync("merge@example.com");
        await Users.PatchAsync(user.Id, new UserPatch { AppMetadata = new JsonObject { ["plan"] = "gold", ["roles"] = new JsonArray("admin") } });
        var cut = Render<UserDetail>(p => p.Add(x => x.UserId, user.Id));
        cut.WaitForAssertion(() => Assert.Equal(user.Id, cut.Find("#user-id").TextContent));
        // Another caller (a hook through the Management API) adds a key after the page loaded.
        await Users.PatchAsync(user.Id, new UserPatch { AppMetadata = new JsonObject { ["region"] = "eu" } });

        await TypeAsync(cut, AppEditor, """{"plan":"silver"}""");
        cut.Find("#save-profile").Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved", cut.Find("#profile-message").TextContent, StringComparison.Ordinal));
        var stored = (await Users.GetAsync(user.Id))!.AppMetadata;
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["plan"] = "silver", ["region"] = "eu" }, stored), stored.ToJsonString());
        var entry = (await Audit.ListAsync(IdentityAuditSubjects.User, user.Id))[0];
        Assert.Equal("Changed: app_metadata (plan, roles).", entry.Details);
    }

    [Fact]
    public async Task UserDetail_BlockThenUnblock_StoresTheFlagShowsItAndAuditsBoth()
    {
        var (user, cut) = await RenderUserAsync();

        cut.Find("#block-user").Click();

        cut.WaitForAssertion(() => Assert.Contains("Blocked", cut.Find("#user-blocked").TextContent, StringComparison.Ordinal));
        Assert.True((await Users.GetAsync(user.Id))!.Blocked);
        Assert.Contains("blocked", cut.Find("#block-state").TextContent, StringComparison.Ordinal);

        cut.Find("#unblock-user").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#user-blocked")));
        Assert.False((await Users.GetAsync(user.Id))!.Blocked);
        var details = (await Audit.ListAsync(IdentityAuditSubjects.User, user.Id)).Select(e => e.Details).ToList();
        Assert.Equal(["Changed: blocked (now unblocked).", "Changed: blocked (now blocked).", "Created."], details);
    }

    [Fact]
    public async Task UserDetail_BlockWhileEditingMetadata_KeepsTheUnsavedText()
    {
        var (_, cut) = await RenderUserAsync();
        await TypeAsync(cut, AppEditor, """{"plan":"gold"}""");

        cut.Find("#block-user").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#user-blocked")));
        Assert.Single(JSInterop.TextsGivenTo(AppEditor));
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
    public async Task UserDetail_Delete_AsksInADialogThenDeletesAndAudits()
    {
        var dialogs = RenderProviders().Dialogs;
        var (user, cut) = await RenderUserAsync();

        cut.Find("#delete-user").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("cannot be undone", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.NotNull(await Users.GetAsync(user.Id));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Contains("deleted", cut.Find("#user-not-found").TextContent, StringComparison.Ordinal));
        Assert.Null(await Users.GetAsync(user.Id));
        Assert.Equal("deleted", (await Audit.ListAsync(IdentityAuditSubjects.User, user.Id))[0].Action);
    }

    [Fact]
    public async Task UserDetail_DeleteCancelled_KeepsTheUser()
    {
        var dialogs = RenderProviders().Dialogs;
        var (user, cut) = await RenderUserAsync();

        cut.Find("#delete-user").Click();
        dialogs.WaitForElement(".mud-dialog");
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.NotNull(await Users.GetAsync(user.Id));
        Assert.Equal(user.Id, cut.Find("#user-id").TextContent);
    }

    [Fact]
    public async Task UserDetail_History_LinksToThisUsersAuditTrail()
    {
        var (user, cut) = await RenderUserAsync();

        Assert.Equal($"audit?type=user&id={Uri.EscapeDataString(user.Id)}", cut.Find("#user-audit").GetAttribute("href"));
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
