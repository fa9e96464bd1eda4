using Bunit;
using HooksDashboard.Audit;
using HooksDashboard.Components.Identity;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Apis;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Components.Identity;

/// <summary>The identity audit page over the real trail: changes made through the audited stores, as in the app.</summary>
public sealed class IdentityAuditViewTests : IdentityPageTestBase
{
    public IdentityAuditViewTests() => Services.AddIdentityAudit();

    private IIdentityAuditLog Audit => Services.GetRequiredService<IIdentityAuditLog>();

    [Fact]
    public async Task Render_Changes_ListsThemNewestFirstWithWhoWhatAndDetails()
    {
        var created = await Applications.CreateAsync(new NewApplication("Billing"));
        await Applications.UpdateAsync(created.Application.ClientId, new ApplicationUpdate(Metadata: new Dictionary<string, string> { ["tier"] = "gold" }));

        var cut = Render<IdentityAuditView>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=audit-entry]").Count));
        var rows = cut.FindAll("[data-testid=audit-entry]");
        Assert.Contains("updated", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Changed: client_metadata.", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("created", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("system", rows[0].TextContent, StringComparison.Ordinal);
        // The subject links to its page.
        Assert.Equal($"applications/{created.Application.ClientId}", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("2 change(s)", cut.Find("[data-testid=audit-total]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoChanges_SaysWhatIsRecorded()
    {
        var cut = Render<IdentityAuditView>();

        cut.WaitForAssertion(() => Assert.Contains("No changes yet", cut.Find("[data-testid=audit-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_SubjectFromTheAddress_ShowsOnlyThatSubjectUntilTheFilterIsRemoved()
    {
        var billing = await Applications.CreateAsync(new NewApplication("Billing"));
        await Applications.CreateAsync(new NewApplication("Reports"));

        // The application page's History link.
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(IdentityAuditLinks.For(IdentityAuditSubjects.Client, billing.Application.ClientId));
        var cut = Render<IdentityAuditView>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=audit-entry]")));
        Assert.Contains("Billing", cut.Find("[data-testid=audit-entry]").TextContent, StringComparison.Ordinal);
        Assert.Contains(billing.Application.ClientId, cut.Find("[data-testid=audit-subject]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=audit-subject] button").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=audit-entry]").Count));
    }

    [Fact]
    public async Task Filter_Text_MatchesNamesAndDetailsOnly()
    {
        await Applications.CreateAsync(new NewApplication("Billing"));
        await Apis.CreateAsync(new NewResourceServer("https://orders.example.com/", "Orders", [new ApiScope("read:orders", "Read")]));
        var cut = Render<IdentityAuditView>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=audit-entry]").Count));

        cut.Find("input[data-testid=audit-text]").Input("read:ORDERS");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=audit-entry]")), TimeSpan.FromSeconds(5));
        Assert.Contains("https://orders.example.com/", cut.Find("[data-testid=audit-entry]").TextContent, StringComparison.Ordinal);

        cut.Find("input[data-testid=audit-text]").Input("nothing like this");

        cut.WaitForAssertion(() => Assert.Contains("No change matches", cut.Find("[data-testid=audit-empty]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Paging_MoreThanAPage_ShowsTheRestOnPageTwo()
    {
        var created = await Applications.CreateAsync(new NewApplication("Busy"));
        for (var i = 0; i < IdentityAuditView.PerPage + 4; i++)
            await Applications.UpdateAsync(created.Application.ClientId, new ApplicationUpdate(Name: $"Busy {i}"));
        var cut = Render<IdentityAuditView>();
        cut.WaitForAssertion(() => Assert.Equal(IdentityAuditView.PerPage, cut.FindAll("[data-testid=audit-entry]").Count));
        Assert.Contains("Busy 28", cut.FindAll("[data-testid=audit-entry]")[0].TextContent, StringComparison.Ordinal);

        cut.FindAll("[data-testid=audit-pages] button").Single(b => b.TextContent.Trim() == "2").Click();

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=audit-entry]").Count));
        Assert.Contains("created", cut.FindAll("[data-testid=audit-entry]")[^1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_TextWithLikeCharacters_MatchesThemLiterally()
    {
        await Applications.CreateAsync(new NewApplication("100% uptime"));
        await Applications.CreateAsync(new NewApplication("1000 uptime"));
        await Applications.CreateAsync(new NewApplication("a_b"));
        await Applications.CreateAsync(new NewApplication("axb"));

        var percent = await Audit.QueryAsync(new IdentityAuditFilter(Text: "100%"), 0, 10);
        var underscore = await Audit.QueryAsync(new IdentityAuditFilter(Text: "a_b"), 0, 10);
        var byAction = await Audit.QueryAsync(new IdentityAuditFilter(SubjectType: IdentityAuditSubjects.Client, Action: "created", Actor: "SYS"), 0, 2);

        Assert.Equal("100% uptime", Assert.Single(percent.Entries).SubjectName);
        Assert.Equal("a_b", Assert.Single(underscore.Entries).SubjectName);
        Assert.Equal(4, byAction.Total);
        Assert.Equal(2, byAction.Entries.Count);
        Assert.Equal("axb", byAction.Entries[0].SubjectName);
    }
}
