using System.Net;
using System.Text.RegularExpressions;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Admins;

public sealed class SignInTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public SignInTests(AppFactory app) => _app = app;

    [Theory]
    [InlineData("/")]
    [InlineData("/hooks")]
    [InlineData("/admins")]
    [InlineData("/account/password")]
    [InlineData("/no-such-page")]
    public async Task Get_AnonymousPage_RedirectsToSignIn(string path)
    {
        using var client = _app.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in?returnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/_blazor/negotiate?negotiateVersion=1")]
    [InlineData("GET", "/_blazor")]
    [InlineData("GET", "/_blazor/initializers")]
    public async Task BlazorHub_Anonymous_Refused401(string method, string path)
    {
        using var client = _app.CreateBrowserClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));

        using var response = await client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync() + string.Join(",", response.Headers));
    }

    [Fact]
    public async Task BlazorHub_SignedIn_Negotiates()
    {
        using var client = await _app.CreateSignedInClientAsync();

        using var response = await client.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SignInPage_IsAPlainFormWithoutMonacoOrCircuitScripts()
    {
        using var client = _app.CreateBrowserClient();

        var page = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));

        // Parsing Monaco on the sign-in page cost seconds before a user could type (and made browser tests slow).
        Assert.DoesNotContain("editor.main.js", page, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script[^>]*blazor\\.web", page);
        Assert.Contains("data-testid=\"sign-in-submit\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "light")]
    [InlineData("dark", "dark")]
    public async Task Get_SignInPage_FollowsTheRememberedTheme(string? cookie, string expected)
    {
        using var client = _app.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/sign-in", UriKind.Relative));
        if (cookie is not null)
            request.Headers.Add("Cookie", $"hd-theme={cookie}");

        using var response = await client.SendAsync(request);

        Assert.Contains($"data-theme=\"{expected}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Favicon_DeclaredByEveryPage_IsServedToAnonymousBrowsers()
    {
        using var client = _app.CreateBrowserClient();
        var page = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
        var link = Regex.Match(page, "<link[^>]*rel=\"icon\"[^>]*>").Value;
        var href = Regex.Match(link, "href=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(href), "The page declares no icon, so browsers ask for /favicon.ico (a 404): " + page[..Math.Min(page.Length, 1500)]);

        using var response = await client.GetAsync(new Uri("/" + href.TrimStart('/'), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SignIn_RightPassword_SetsCookieAndOpensPages()
    {
        using var client = _app.CreateBrowserClient();

        using var response = await AppFactory.PostSignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword, returnUrl: "/admins");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/admins", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var page = await client.GetAsync(new Uri("/admins", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(AppFactory.AdminEmail, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ForeignReturnUrl_GoesHome()
    {
        using var client = _app.CreateBrowserClient();

        using var response = await AppFactory.PostSignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword, returnUrl: "//evil.example/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorWithoutCookie()
    {
        using var client = _app.CreateBrowserClient();

        using var response = await AppFactory.PostSignInAsync(client, AppFactory.AdminEmail, "not the password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Wrong email or password.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_Refused()
    {
        using var client = _app.CreateBrowserClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.Email"] = AppFactory.AdminEmail,
            ["Input.Password"] = AppFactory.AdminPassword,
        });

        using var response = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".HooksDashboard.Admin", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignOut_ClearsCookie()
    {
        using var client = await _app.CreateSignedInClientAsync();
        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        using var response = await client.PostAsync(new Uri("/account/sign-out", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var after = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task StaticAssets_Anonymous_Served()
    {
        using var client = _app.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/app.css", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class SignInLockoutTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public SignInLockoutTests(AppFactory app) => _app = app;

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksEvenTheRightOne()
    {
        using var client = _app.CreateBrowserClient();
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await AppFactory.PostSignInAsync(client, AppFactory.AdminEmail, "wrong password");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }
        using var fifth = await AppFactory.PostSignInAsync(client, AppFactory.AdminEmail, "wrong password");

        using var right = await AppFactory.PostSignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
