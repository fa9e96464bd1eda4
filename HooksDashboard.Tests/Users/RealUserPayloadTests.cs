using System.Text.Json.Nodes;
using Bunit;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Components;
using HooksDashboard.Components.Editor;
using HooksDashboard.Identity.Users;
using HooksDashboard.Tests.Components;

namespace HooksDashboard.Tests.Users;

/// <summary>
/// The test panel's "Use a real user": the payload is the one the point's real flow builds for the picked user,
/// compared with what the flow itself queued for that user.
/// </summary>
public sealed class RealUserPayloadTests : UsersPageTestBase
{
    private const string PayloadEditor = TestPanel.PayloadEditorId;

    [Fact]
    public async Task UseRealUser_PostUserRegistration_FillsThePayloadTheCreationQueued()
    {
        var user = await Users.CreateAsync(new AdminNewUser("real.user@example.com", "Str0ng!Passw0rd", "realuser", """{"hobby":"surfing"}""", """{"plan":"gold"}"""));
        await Users.CreateAsync(new AdminNewUser("other@example.com", "Str0ng!Passw0rd", null, null, null));
        var queued = Assert.Single(await Events.ListAsync(PostUserRegistrationPoint.TriggerId), e => e.Payload.Contains(user.LocalId, StringComparison.Ordinal));
        var (dialogs, cut) = await RenderPanelAsync(PostUserRegistrationPoint.TriggerId);

        cut.Find("[data-testid=use-real-user]").Click();
        dialogs.WaitForAssertion(() => Assert.Equal(2, dialogs.FindAll("[data-testid=real-user-option]").Count));
        dialogs.Find("input[data-testid=real-user-search]").Input("REAL.user");
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("[data-testid=real-user-option]")), TimeSpan.FromSeconds(5));
        dialogs.Find("[data-testid=real-user-option]").Click();

        cut.WaitForAssertion(() => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(queued.Payload), JsonNode.Parse(cut.Instance.Payload)), cut.Instance.Payload));
        Assert.Equal(cut.Instance.Payload, JSInterop.TextsGivenTo(PayloadEditor)[^1]);
        Assert.Empty(cut.FindAll("[data-testid=payload-error]"));
    }

    [Fact]
    public async Task UseRealUser_PostChangePassword_FillsThePayloadThePasswordChangeQueued()
    {
        var created = await AddUserAsync("changer@example.com", username: "changer");
        var changed = await Users.ChangePasswordAsync(created.Id, "N3w!Password");
        var queued = Assert.Single(await Events.ListAsync(PostChangePasswordPoint.TriggerId));
        var (dialogs, cut) = await RenderPanelAsync(PostChangePasswordPoint.TriggerId);

        cut.Find("[data-testid=use-real-user]").Click();
        dialogs.WaitForElement("[data-testid=real-user-option]").Click();

        cut.WaitForAssertion(() => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(queued.Payload), JsonNode.Parse(cut.Instance.Payload)), cut.Instance.Payload));
        Assert.Equal(UserHookPayloads.IsoTimestamp(changed.LastPasswordReset!.Value), JsonNode.Parse(cut.Instance.Payload)!["user"]!["last_password_reset"]!.GetValue<string>());
    }

    [Fact]
    public async Task UseRealUser_PreUserRegistration_HasTheSignUpShapeWithAPlaceholderPassword()
    {
        var user = await Users.CreateAsync(new AdminNewUser("pre@example.com", "Str0ng!Passw0rd", "preuser", """{"hobby":"surfing"}""", """{"plan":"gold"}"""));
        var (dialogs, cut) = await RenderPanelAsync(PreUserRegistrationPoint.TriggerId);

        cut.Find("[data-testid=use-real-user]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("placeholder", dialogs.Find("[data-testid=real-user-dialog]").TextContent, StringComparison.Ordinal));
        dialogs.WaitForElement("[data-testid=real-user-option]").Click();

        var connection = await Users.GetConnectionAsync();
        var expected = UserHookPayloads.PreUserRegistration("", connection, user.Email, user.Username, UserTestPayloads.PasswordPlaceholder, user.UserMetadata, null);
        cut.WaitForAssertion(() => Assert.Contains("pre@example.com", cut.Instance.Payload, StringComparison.Ordinal));
        var payload = JsonNode.Parse(cut.Instance.Payload)!;
        // The tenant is the configured one; the rest is exactly what a sign-up of this user gives the hook.
        expected["user"]!["tenant"] = payload["user"]!["tenant"]!.GetValue<string>();
        expected["context"]!["connection"]!["tenant"] = payload["user"]!["tenant"]!.GetValue<string>();
        Assert.True(JsonNode.DeepEquals(expected, payload), payload.ToJsonString());
        Assert.Empty(payload["user"]!["app_metadata"]!.AsObject());
    }

    [Fact]
    public async Task UseRealUser_Cancelled_KeepsThePayload()
    {
        await AddUserAsync("kept@example.com");
        var (dialogs, cut) = await RenderPanelAsync(PostUserRegistrationPoint.TriggerId);
        var before = cut.Instance.Payload;

        cut.Find("[data-testid=use-real-user]").Click();
        dialogs.WaitForElement("[data-testid=real-user-option]");
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=real-user-dialog]")));
        Assert.Equal(before, cut.Instance.Payload);
    }

    [Fact]
    public async Task UseRealUser_NoUsers_SaysSo()
    {
        var (dialogs, cut) = await RenderPanelAsync(PostChangePasswordPoint.TriggerId);

        cut.Find("[data-testid=use-real-user]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("There are no users yet", dialogs.Find("[data-testid=real-user-none]").TextContent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CredentialsExchangePoint.TriggerId)]
    [InlineData(SendPhoneMessagePoint.TriggerId)]
    public async Task Render_PointWithoutAUserPayload_HasNoRealUserButton(string triggerId)
    {
        var (_, cut) = await RenderPanelAsync(triggerId);

        Assert.Empty(cut.FindAll("[data-testid=use-real-user]"));
    }

    private async Task<(IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs, IRenderedComponent<TestPanel> Panel)> RenderPanelAsync(string triggerId)
    {
        var hook = await CreateHookAsync("hook under test", triggerId);
        var (dialogs, _) = RenderProviders();
        JSInterop.SetEditorValue(PayloadEditor, Catalog.Find(triggerId)!.SamplePayload);
        var cut = Render<TestPanel>(p => p
            .Add(x => x.HookId, hook.Id)
            .Add(x => x.Point, Catalog.Find(triggerId)!)
            .Add(x => x.GetScript, () => Task.FromResult(hook.Script))
            .AddCascadingValue(ThemePreference.PageCascadingName, false));
        return (dialogs, cut);
    }
}
