using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Identity;
using HooksDashboard.Identity.Tokens;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Identity;

public sealed class SigningKeyTests
{
    [Fact]
    public async Task SigningKey_TwoHostsOnSameDataFolder_ShareKid()
    {
        using var data = new TempDataDirectory();
        string firstKid, firstToken;
        await using (var first = IdentityServerFactory.Create(data.Path))
        {
            var client = await first.SeedAsync();
            firstKid = (await first.Services.GetRequiredService<SigningKeyStore>().GetAsync()).Kid;
            var body = await IdentityServerFactory.ReadObjectAsync(await first.PostTokenFormAsync(client.Form()));
            firstToken = (string)body["access_token"]!;
        }

        await using var second = IdentityServerFactory.Create(data.Path);
        _ = second.Server;
        var secondKid = (await second.Services.GetRequiredService<SigningKeyStore>().GetAsync()).Kid;

        Assert.Equal(firstKid, secondKid);
        var (header, _) = await second.VerifyWithJwksAsync(firstToken);
        Assert.Equal(firstKid, (string?)header["kid"]);
        var file = await File.ReadAllTextAsync(Path.Combine(data.Path, SigningKeyStore.FileName));
        Assert.DoesNotContain("PRIVATE KEY", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_IssuedToken_IsValidOnlyForItsAudienceAndUntampered()
    {
        await using var factory = IdentityServerFactory.Create();
        var client = await factory.SeedAsync();
        var body = await IdentityServerFactory.ReadObjectAsync(await factory.PostTokenFormAsync(client.Form()));
        var token = (string)body["access_token"]!;
        var issuer = factory.Services.GetRequiredService<IAccessTokenIssuer>();

        Assert.True((await issuer.ValidateAsync(token, IdentityServerFactory.Audience)).IsValid);
        Assert.False((await issuer.ValidateAsync(token, "https://other.example.com/")).IsValid);
        var parts = token.Split('.');
        var forged = parts[0] + "." + System.Buffers.Text.Base64Url.EncodeToString(
            System.Text.Encoding.UTF8.GetBytes("{\"iss\":\"https://tenant.example.com/\",\"aud\":\"https://api.example.com/\",\"exp\":9999999999}")) + "." + parts[2];
        Assert.False((await issuer.ValidateAsync(forged, IdentityServerFactory.Audience)).IsValid);
        Assert.False((await issuer.ValidateAsync("not.a.token", IdentityServerFactory.Audience)).IsValid);
    }

    [Theory]
    [InlineData("https://auth.example.com", "https://auth.example.com/")]
    [InlineData("https://auth.example.com/tenant", "https://auth.example.com/tenant/")]
    [InlineData("http://localhost:5000/", "http://localhost:5000/")]
    [InlineData("ftp://auth.example.com/", null)]
    [InlineData("auth.example.com", null)]
    [InlineData("https://auth.example.com/?x=1", null)]
    public void Normalize_IssuerValues_EndWithSlashOrAreRejected(string value, string? expected)
    {
        Assert.Equal(expected, Issuer.Normalize(value));
    }

    [Fact]
    public async Task Issuer_NotConfigured_ComesFromServerAddressWithSlash()
    {
        await using var factory = IdentityServerFactory.Create(settings: new() { ["Issuer"] = "" });
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();

        var issuer = factory.Services.GetRequiredService<IIssuer>().Url;
        var http = factory.CreateClient();
        var config = await http.GetFromJsonAsync<JsonObject>("/.well-known/openid-configuration");

        Assert.StartsWith("http://127.0.0.1:", issuer, StringComparison.Ordinal);
        Assert.EndsWith("/", issuer, StringComparison.Ordinal);
        Assert.Equal(issuer, (string?)config!["issuer"]);
        Assert.NotNull(await factory.Apis.FindByIdentifierAsync(issuer + "api/v2/"));
    }
}
