using Bunit;
using HooksDashboard.Components.Pages.Users;

namespace HooksDashboard.Tests.Users;

public sealed class UsersListTests : UsersPageTestBase
{
    [Fact]
    public void UsersList_NoUsers_SaysSo()
    {
        var cut = Render<UsersList>();

        cut.WaitForAssertion(() => Assert.Contains("No users yet", cut.Find("#no-users").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UsersList_Search_ShowsOnlyMatchingUsers()
    {
        await AddUserAsync("alice@example.com");
        await AddUserAsync("bob@example.com", username: "bobby");
        await AddUserAsync("carol@sample.org");
        var cut = Render<UsersList>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("#users-table tbody tr").Count));

        cut.Find("#user-search").Input("BOBB");

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("#users-table tbody tr");
            Assert.Single(rows);
            Assert.Contains("bob@example.com", rows[0].TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task UsersList_MoreThanOnePage_PagesOnTheServer()
    {
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < UsersList.PerPage + 3; i++)
            await AddUserAsync($"user{i:D2}@example.com", createdAt: start.AddSeconds(i));
        var cut = Render<UsersList>();
        cut.WaitForAssertion(() => Assert.Equal(UsersList.PerPage, cut.FindAll("#users-table tbody tr").Count));
        Assert.Contains($"{UsersList.PerPage + 3} user(s)", cut.Find("#users-total").TextContent, StringComparison.Ordinal);

        cut.Find("#users-pages button[aria-label*='2']").Click();

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("#users-table tbody tr");
            Assert.Equal(3, rows.Count);
            // Newest first: the last page holds the three oldest.
            Assert.Contains("user00@example.com", rows[^1].TextContent, StringComparison.Ordinal);
        });
    }
}
