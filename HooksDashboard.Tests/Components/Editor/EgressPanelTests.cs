using Bunit;
using HooksDashboard.Components.Editor;
using HooksDashboard.Execution.Http;
using HooksDashboard.Hooks;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Components.Editor;

public class EgressPanelTests : DashboardTestBase
{
    private IHookEgressStore Egress => Services.GetRequiredService<IHookEgressStore>();

    [Fact]
    public async Task Save_HostsPortsAndScheme_StoresTheNormalizedPolicyAndShowsIt()
    {
        var hook = await CreateHookAsync("egress", "credentials-exchange");
        RenderProviders();
        var cut = Render<EgressPanel>(p => p.Add(x => x.HookId, hook.Id));
        cut.WaitForElement("[data-testid=egress-current]");

        cut.Find("textarea[data-testid=egress-allow]").Input("API.Slack.com\n*.twilio.com\n");
        cut.Find("input[data-testid=egress-ports]").Input("443");
        var http = cut.Find("[data-testid=egress-http]");
        (http.TagName == "INPUT" ? http : http.QuerySelector("input")!).Change(false);
        cut.Find("[data-testid=egress-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Now: allow *.twilio.com, api.slack.com; ports 443; schemes https", cut.Find("[data-testid=egress-current]").TextContent, StringComparison.Ordinal));
        Assert.Equal(new HookEgressPolicy(["*.twilio.com", "api.slack.com"], [], [443], ["https"]).ToJson(), (await Egress.GetAsync(hook.Id)).ToJson());
    }

    [Fact]
    public async Task Save_InvalidEntry_ShowsWhyAndStoresNothing()
    {
        var hook = await CreateHookAsync("egress bad", "credentials-exchange");
        RenderProviders();
        var cut = Render<EgressPanel>(p => p.Add(x => x.HookId, hook.Id));
        cut.WaitForElement("[data-testid=egress-current]");

        cut.Find("textarea[data-testid=egress-allow]").Input("api.example.com:443");
        cut.Find("[data-testid=egress-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("'api.example.com:443' is neither a host name", cut.Find("[data-testid=egress-error]").TextContent, StringComparison.Ordinal));
        Assert.True((await Egress.GetAsync(hook.Id)).IsUnrestricted);
    }

    [Fact]
    public async Task Render_SavedPolicy_FillsTheFields()
    {
        var hook = await CreateHookAsync("egress saved", "credentials-exchange");
        await Egress.SetAsync(hook.Id, new HookEgressPolicy(["api.slack.com"], ["bad.example.com"], [8443], []));
        RenderProviders();

        var cut = Render<EgressPanel>(p => p.Add(x => x.HookId, hook.Id));

        cut.WaitForAssertion(() => Assert.Equal("api.slack.com", cut.Find("textarea[data-testid=egress-allow]").GetAttribute("value") ?? cut.Find("textarea[data-testid=egress-allow]").TextContent));
        Assert.Equal("8443", cut.Find("input[data-testid=egress-ports]").GetAttribute("value"));
    }
}
