using Bunit;
using HooksDashboard.Components.Pages.Users;
using HooksDashboard.Identity.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Users;

public sealed class UserCreateTests : UsersPageTestBase
{
    [Fact]
    public void UserCreate_TypingAPassword_ShowsWhichRulesItMeets()
    {
        var cut = Render<UserCreate>();

        cut.Find("#new-password").Input("abcdefgh");

        var policy = cut.Find(".password-policy");
        Assert.Equal("false", policy.GetAttribute("data-verified"));
        Assert.Contains("At least 8 characters in length", policy.TextContent, StringComparison.Ordinal);

        cut.Find("#new-password").Input("Abcdefg1");

        Assert.Equal("true", cut.Find(".password-policy").GetAttribute("data-verified"));
    }

    [Fact]
    public async Task UserCreate_WeakPassword_ShowsThePolicyAndCreatesNothing()
    {
        var cut = Render<UserCreate>();
        cut.Find("#new-email").Change("weak@example.com");
        cut.Find("#new-password").Input("weak");

        cut.Find("#create-submit").Click();

        cut.WaitForAssertion(() => Assert.Contains("At least 8 characters", cut.Find("#create-error").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, (await Users.SearchAsync(null, 0, 10)).Total);
    }

    [Fact]
    public void UserCreate_InvalidMetadata_ShowsTheError()
    {
        var cut = Render<UserCreate>();
        cut.Find("#new-email").Change("meta@example.com");
        cut.Find("#new-password").Input(UsersAppFactory.StrongPassword);
        cut.Find("#new-user-metadata").Change("[1, 2]");

        cut.Find("#create-submit").Click();

        cut.WaitForAssertion(() => Assert.Contains("user_metadata must be a JSON object", cut.Find("#create-error").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UserCreate_Valid_StoresTheUserQueuesPostRegistrationAndOpensIt()
    {
        var cut = Render<UserCreate>();
        cut.Find("#new-email").Change("new@example.com");
        cut.Find("#new-password").Input(UsersAppFactory.StrongPassword);
        cut.Find("#new-username").Change("newbie");
        cut.Find("#new-app-metadata").Change("""{"plan":"gold"}""");

        cut.Find("#create-submit").Click();

        cut.WaitForAssertion(() => Assert.Contains("/users/auth0%7C", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        var user = (await Users.SearchAsync("new@example.com", 0, 10)).Users.Single();
        Assert.Equal("newbie", user.Username);
        Assert.Equal("gold", user.AppMetadata["plan"]!.GetValue<string>());
        Assert.Single(await Events.ListAsync("post-user-registration"));
    }

    [Fact]
    public async Task UserCreate_DuplicateEmail_SaysItExists()
    {
        await Users.CreateAsync(new AdminNewUser("taken@example.com", UsersAppFactory.StrongPassword, null, null, null));
        var cut = Render<UserCreate>();
        cut.Find("#new-email").Change("Taken@Example.com");
        cut.Find("#new-password").Input(UsersAppFactory.StrongPassword);

        cut.Find("#create-submit").Click();

        cut.WaitForAssertion(() => Assert.Contains("already exists", cut.Find("#create-error").TextContent, StringComparison.Ordinal));
    }
}
