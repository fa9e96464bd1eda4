using System.Net.Http.Headers;
using HooksDashboard.Management;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HooksDashboard.Tests.Management;

/// <summary>The app in process, trusting <see cref="Issuer"/>'s tokens for the Management API.</summary>
public sealed class ManagementApiFixture : AppFactory
{
    public ManagementApiFixture()
    {
        ConfigureTestServices = services => services.Replace(ServiceDescriptor.Singleton<IManagementTokenTrust>(Issuer));
    }

    public TestTokenIssuer Issuer { get; } = new();

    /// <summary>A client sending <paramref name="token"/> (or a token with every hooks scope).</summary>
    public HttpClient ApiClient(string? token = null)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Issuer.AllScopes());
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Issuer.Dispose();
    }
}
