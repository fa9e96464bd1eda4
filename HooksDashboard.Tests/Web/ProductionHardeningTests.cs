using System.Net;
using System.Reflection;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Tokens;
using HooksDashboard.Identity.Users;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HooksDashboard.Tests.Web;

/// <summary>
/// Issue 9 item 11: the app in Production over HTTPS — security headers on every kind of answer, cookie flags, and no
/// stack trace or exception message in any error, from services that throw behind the token, sign-up, Management API
/// and dashboard paths.
/// </summary>
public sealed class ProductionHardeningTests(ProductionHardeningTests.ProductionApp app, ProductionHardeningTests.BrokenProductionApp broken)
    : IClassFixture<ProductionHardeningTests.ProductionApp>, IClassFixture<ProductionHardeningTests.BrokenProductionApp>
{
    /// <summary>Text of the exceptions the broken services throw: it must never reach a caller.</summary>
    private const string Secret = "internal detail 7f3a";

    /// <summary>The app in Production.</summary>
    public class ProductionApp : AppFactory
    {
        public ProductionApp()
        {
            EnvironmentName = "Production";
        }
    }

    /// <summary>The app in Production with the token exchange, sign-up and hook store throwing, and a test token issuer.</summary>
    public sealed class BrokenProductionApp : ProductionApp
    {
        public BrokenProductionApp()
        {
            ConfigureTestServices = services =>
            {
                services.Replace(ServiceDescriptor.Singleton(Throwing<IClientCredentialsExchange>()));
                services.Replace(ServiceDescriptor.Singleton(Throwing<ISignupService>()));
                // The Management API checks tokens first: trust a test issuer so the request reaches the broken store.
                services.Replace(ServiceDescriptor.Singleton<HooksDashboard.Management.IManagementTokenTrust>(Issuer));
                services.Replace(ServiceDescriptor.Singleton(Throwing<IHookStore>()));
            };
        }

        public TestTokenIssuer Issuer { get; } = new();

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
                Issuer.Dispose();
        }
    }

    private HttpClient Client(AppFactory? factory = null) => (factory ?? app).CreateClient(new WebApplicationFactoryClientOptions
    {
        // A public host name over HTTPS: HSTS leaves localhost out.
        BaseAddress = new Uri("https://hooks.example.com"),
        AllowAutoRedirect = false,
    });

    [Theory]
    [InlineData("GET", "/account/sign-in")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/hooks")]
    [InlineData("GET", "/reset-password?ticket=unknown")]
    [InlineData("GET", "/not-found-anywhere")]
    [InlineData("POST", "/oauth/token")]
    [InlineData("GET", "/.well-known/jwks.json")]
    [InlineData("GET", "/.well-known/openid-configuration")]
    [InlineData("POST", "/dbconnections/signup")]
    [InlineData("OPTIONS", "/dbconnections/change_password")]
    [InlineData("GET", "/api/v2/hooks")]
    [InlineData("GET", "/api/v2/openapi.json")]
    [InlineData("GET", "/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("GET", "/_content/BlazorMonaco/lib/monaco-editor/min/vs/loader.js")]
    public async Task AnyAnswer_InProductionOverHttps_CarriesTheSecurityHeaders(string method, string path)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);

        Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}");
        Assert.Equal("max-age=31536000", Header(response, "Strict-Transport-Security"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_InProduction_HasTheDashboardPolicyAndApiTheClosedOne()
    {
        using var client = Client();
        using var page = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        using var api = await client.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));

        var policy = Header(page, "Content-Security-Policy");
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("worker-src 'self' blob:", policy, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none'", Header(api, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookies_InProductionOverHttps_AreSecureHttpOnlyAndSameSite()
    {
        using var client = Client();
        using var signIn = await AppFactory.PostSignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // A new visitor gets the antiforgery cookie with the form.
        using var visitor = Client();
        using var form = await visitor.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        var cookies = signIn.Headers.GetValues("Set-Cookie").Concat(form.Headers.TryGetValues("Set-Cookie", out var more) ? more : []).ToList();
        Assert.Contains(cookies, c => c.StartsWith(".HooksDashboard.Admin=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        foreach (var cookie in cookies)
        {
            var flags = cookie.ToLowerInvariant();
            Assert.True(flags.Contains("; secure", StringComparison.Ordinal), $"not Secure: {cookie}");
            Assert.True(flags.Contains("; httponly", StringComparison.Ordinal), $"not HttpOnly: {cookie}");
            Assert.True(flags.Contains("; samesite=lax", StringComparison.Ordinal) || flags.Contains("; samesite=strict", StringComparison.Ordinal), $"no SameSite: {cookie}");
        }
    }

    [Theory]
    [InlineData("/oauth/token", "POST", "{\"grant_type\":\"client_credentials\",\"client_id\":\"a\",\"client_secret\":\"b\",\"audience\":\"x\"}")]
    [InlineData("/dbconnections/signup", "POST", "{\"client_id\":\"a\",\"connection\":\"c\",\"email\":\"a@example.com\",\"password\":\"Aa1!aaaaaa\"}")]
    [InlineData("/api/v2/hooks", "GET", null)]
    [InlineData("/hooks", "GET", null)]
    public async Task UnhandledException_InProduction_AnswersWithoutStackTraceOrMessage(string path, string method, string? body)
    {
        using var client = path == "/hooks" ? await SignedInAsync(broken) : Client(broken);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (body is not null)
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        if (path.StartsWith("/api/v2", StringComparison.Ordinal))
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", broken.Issuer.AllScopes());

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        // A page's render error is caught by the layout's error boundary (200, a generic message); an API's is a 500.
        Assert.Equal(path == "/hooks" ? HttpStatusCode.OK : HttpStatusCode.InternalServerError, response.StatusCode);
        ApiErrorShapes.AssertNoStackTrace(text);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), text, StringComparison.Ordinal);
        if (path == "/hooks")
            Assert.Contains("Something went wrong on this page.", text, StringComparison.Ordinal);
        else
            ApiErrorShapes.AssertShape(path, 500, text);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    private static async Task<HttpClient> SignedInAsync(AppFactory factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://hooks.example.com"), AllowAutoRedirect = false });
        using var response = await AppFactory.PostSignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : $"(no {name})";

    private static T Throwing<T>() where T : class => DispatchProxy.Create<T, ThrowingProxy>();

    /// <summary>A service whose every method throws, as a bug or a broken dependency would.</summary>
    public class ThrowingProxy : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException(Secret);
    }
}
