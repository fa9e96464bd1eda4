using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Cli;

namespace HooksDashboard.Tests.Cli;

public sealed class BenchSigningFloorTests : IDisposable
{
    private const string Secret = "s3cret-of-the-bench-client";

    private readonly RSA _key = RSA.Create(2048);

    public void Dispose() => _key.Dispose();

    /// <summary>A token response as the token endpoint answers it, signed with <see cref="_key"/>.</summary>
    private byte[] TokenResponse(JsonObject claims, string? scope)
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"alg":"RS256","typ":"JWT","kid":"kid-1"}"""));
        var input = header + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var response = new JsonObject
        {
            ["access_token"] = input + "." + Base64Url.EncodeToString(signature),
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)claims["exp"]! - (long)claims["iat"]!,
        };
        if (scope is not null)
            response["scope"] = scope;
        return Encoding.UTF8.GetBytes(response.ToJsonString());
    }

    private static JsonObject Claims() => new()
    {
        ["iss"] = "https://hooks.example.com/",
        ["sub"] = "client-1@clients",
        ["aud"] = "https://bench.example.com/",
        ["iat"] = 1_000L,
        ["exp"] = 87_400L,
        ["scope"] = "read:bench write:bench",
        ["gty"] = "client-credentials",
        ["azp"] = "client-1",
    };

    [Fact]
    public void Answer_SignsTheRealTokensClaimsWithThisSecondsTimes()
    {
        var real = TokenResponse(Claims(), "read:bench write:bench");
        var floor = BenchSigningFloor.From(Secret, real, _key);

        var answer = JsonNode.Parse(floor.Answer(5_000))!.AsObject();

        Assert.Equal("Bearer", (string?)answer["token_type"]);
        Assert.Equal(86_400L, (long)answer["expires_in"]!);
        Assert.Equal("read:bench write:bench", (string?)answer["scope"]);
        var parts = ((string)answer["access_token"]!).Split('.');
        Assert.Equal(3, parts.Length);
        var realParts = ((string)JsonNode.Parse(real)!["access_token"]!).Split('.');
        Assert.Equal(realParts[0], parts[0]);
        var expected = Claims();
        expected["iat"] = 5_000L;
        expected["exp"] = 5_000L + 86_400L;
        // Same claims in the same order, but for the times.
        Assert.Equal(expected.ToJsonString(), Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])));
        Assert.True(_key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Answer_WithoutScope_HasNoScopeProperty()
    {
        var claims = Claims();
        claims.Remove("scope");
        var floor = BenchSigningFloor.From(Secret, TokenResponse(claims, scope: null), _key);

        var answer = JsonNode.Parse(floor.Answer(2_000))!.AsObject();

        Assert.False(answer.ContainsKey("scope"));
        Assert.Equal(["access_token", "token_type", "expires_in"], answer.Select(p => p.Key));
    }

    [Fact]
    public void Verify_AcceptsOnlyTheClientsSecret()
    {
        var floor = BenchSigningFloor.From(Secret, TokenResponse(Claims(), "read:bench"), _key);

        Assert.True(floor.Verify(Secret));
        Assert.False(floor.Verify(Secret + "x"));
        Assert.False(floor.Verify(""));
        Assert.False(floor.Verify(null));
    }

    [Fact]
    public void From_ATokenThatIsNotAJwt_Throws()
    {
        var response = Encoding.UTF8.GetBytes("""{"access_token":"not-a-jwt","token_type":"Bearer","expires_in":60}""");

        Assert.Throws<InvalidOperationException>(() => BenchSigningFloor.From(Secret, response, _key));
    }
}
