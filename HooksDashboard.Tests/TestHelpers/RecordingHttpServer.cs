using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>One request as the server received it: header names lower-cased, in arrival order.</summary>
public sealed record RecordedRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key == name).Value;
}

/// <summary>What the server answers to a request.</summary>
public sealed record CannedResponse(int Status, string ContentType, string Body);

/// <summary>
/// A Kestrel server on 127.0.0.1 and a random port that records every request exactly (method, target, headers, body)
/// and answers from a function of the request, for SDK tests that assert what a vendor's client sends. With
/// <see cref="StartHttpsAsync"/> it serves TLS with a certificate for the given host names signed by
/// <see cref="TestCertificateAuthority"/>, which only a transport built with
/// <c>HttpTransport.HostOverrides</c> trusts.
/// </summary>
public sealed class RecordingHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<RecordedRequest, CannedResponse> _answer;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private RecordingHttpServer(WebApplication app, Func<RecordedRequest, CannedResponse> answer)
    {
        _app = app;
        _answer = answer;
    }

    /// <summary>Base URL without a trailing slash.</summary>
    public string Url { get; private set; } = "";

    public int Port => new Uri(Url).Port;

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static Task<RecordingHttpServer> StartAsync(Func<RecordedRequest, CannedResponse> answer) => StartAsync(answer, null);

    public static Task<RecordingHttpServer> StartHttpsAsync(Func<RecordedRequest, CannedResponse> answer, params string[] hostNames) =>
        StartAsync(answer, TestCertificateAuthority.IssueServerCertificate(hostNames));

    private static async Task<RecordingHttpServer> StartAsync(Func<RecordedRequest, CannedResponse> answer, X509Certificate2? certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RecordingHttpServer(app, answer);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Urls.First().TrimEnd('/');
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), v ?? ""))).ToList();
        var recorded = new RecordedRequest(request.Method, request.Path.Value + request.QueryString.Value, headers, body);
        _requests.Enqueue(recorded);
        var canned = _answer(recorded);
        context.Response.StatusCode = canned.Status;
        context.Response.ContentType = canned.ContentType;
        await context.Response.WriteAsync(canned.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A certificate authority made once per test run, trusted by nothing but the transports tests give it to.</summary>
public static class TestCertificateAuthority
{
    private static readonly Lazy<X509Certificate2> LazyRoot = new(() =>
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=HooksDashboard test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    });

    public static X509Certificate2 Root => LazyRoot.Value;

    /// <summary>The root as PEM, for a hook's <c>ca</c> option.</summary>
    public static string RootPem => Root.ExportCertificatePem();

    /// <summary>A server certificate (with its private key) for the names, signed by <see cref="Root"/>.</summary>
    public static X509Certificate2 IssueServerCertificate(params string[] hostNames)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + hostNames[0], key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in hostNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(Root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Kestrel needs a key it can use from the store-less certificate: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
