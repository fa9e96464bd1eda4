using System.Net;
using System.Text.RegularExpressions;
using HooksDashboard.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// The whole app in process on a fresh temp data folder, with the first admin configured
/// (<see cref="AdminEmail"/>/<see cref="AdminPassword"/>) unless a test overrides the settings, and the
/// one-time console captured in <see cref="ConsoleOutput"/>.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "owner@example.com";
    public const string AdminPassword = "correct horse battery";

    private readonly TempDataDirectory _data = new();

    /// <summary>
    /// Configuration keys given to the app; tests may change them before the first request. npm packages come from
    /// the loopback <see cref="SharedNpmRegistry"/>, never from the public registry.
    /// </summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Admin:Email"] = AdminEmail,
        ["Admin:Password"] = AdminPassword,
        ["Packages:RegistryUrl"] = SharedNpmRegistry.Url,
    };

    public string DataDirectory => _data.Path;

    public StringWriter ConsoleOutput { get; } = new();

    /// <summary>
    /// The host environment (Development unless a test says otherwise). Outside Development the package static assets
    /// (MudBlazor, Monaco) are still served from the build output's development manifest, as a published app serves them.
    /// </summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Extra service changes a test needs (applied after the app's own registrations).</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        if (EnvironmentName != "Development")
            builder.UseStaticWebAssets();
        builder.UseSetting("DataDirectory", _data.Path);
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new OneTimeConsole(ConsoleOutput));
            ConfigureTestServices?.Invoke(services);
        });
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see them.</summary>
    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the sign-in form as a browser would (antiforgery token included) and returns the response.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = "/account/sign-in" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The sign-in page has no antiforgery token.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(new Uri(path, UriKind.Relative), form);
    }

    /// <summary>A cookie-keeping client already signed in as the configured admin.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync()
    {
        var client = CreateBrowserClient();
        using var response = await PostSignInAsync(client, AdminEmail, AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private bool _disposed;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // WebApplicationFactory's DisposeAsync also calls Dispose(true): delete the folder once.
        if (disposing && !_disposed)
        {
            _disposed = true;
            ConsoleOutput.Dispose();
            _data.Dispose();
        }
    }
}
