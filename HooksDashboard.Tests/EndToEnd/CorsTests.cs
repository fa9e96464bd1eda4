using System.Net;
using HooksDashboard.Identity.Applications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>
/// auth0.js-style sign-up from a page on another origin, with Chromium enforcing CORS: it succeeds only for a client
/// whose allowed web origins hold the page's origin.
/// </summary>
[Collection(AppTestGroup.Name)]
public class CorsTests(AppFixture app)
{
    // What auth0.js sends: a JSON body and its telemetry header, which makes Chromium send a preflight first.
    private const string SignUpScript = """
        async ([url, clientId, email]) => {
            try {
                const response = await fetch(url, {
                    method: 'POST',
                    headers: { 'Content-Type': 'application/json', 'Auth0-Client': btoa('{"name":"auth0.js","version":"9.0.0"}') },
                    body: JSON.stringify({ client_id: clientId, connection: 'Username-Password-Authentication', email, password: 'Str0ng!Passw0rd' }),
                });
                return response.status + ' ' + (await response.json()).email;
            } catch (e) {
                return 'blocked: ' + e.name;
            }
        }
        """;

    [Fact]
    public async Task SignUpFromAnotherOrigin_SucceedsOnlyForAClientAllowingThatOrigin()
    {
        await using var shop = await StartShopAsync();
        var pageOrigin = shop.Urls.Single();
        var applications = app.Services.GetRequiredService<IApplicationStore>();
        var allowing = await applications.CreateAsync(new NewApplication("CORS shop", WebOrigins: [pageOrigin]));
        var other = await applications.CreateAsync(new NewApplication("CORS other"));
        var page = await app.NewAnonymousPageAsync();
        await page.GotoAsync(pageOrigin + "/");
        var url = new Uri(app.BaseAddress, "dbconnections/signup").ToString();

        var allowed = await page.EvaluateAsync<string>(SignUpScript, new[] { url, allowing.Application.ClientId, "cors.allowed@example.com" });
        var refused = await page.EvaluateAsync<string>(SignUpScript, new[] { url, other.Application.ClientId, "cors.refused@example.com" });

        Assert.Equal("200 cors.allowed@example.com", allowed);
        Assert.Equal("blocked: TypeError", refused);
    }

    /// <summary>
    /// The shop's page on a second loopback server (a real one: Chromium refuses loopback requests from a page whose
    /// address it does not know, such as one Playwright fulfils itself).
    /// </summary>
    private static async Task<WebApplication> StartShopAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var shop = builder.Build();
        shop.MapGet("/", () => Results.Content("<!doctype html><title>Shop</title>", "text/html"));
        await shop.StartAsync();
        return shop;
    }
}
