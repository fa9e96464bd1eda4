using HooksDashboard.Execution.Http;

namespace HooksDashboard.Tests.Execution.Http;

public sealed class OwnServerRouteTests
{
    private static OwnServerRoute Route(string? issuer, string? listening) => new(() => issuer, () => listening);

    [Theory]
    [InlineData("https://auth.example.com/", "https://auth.example.com/api/v2/users")]
    [InlineData("https://auth.example.com/", "http://AUTH.example.com/oauth/token")]
    [InlineData("http://localhost:5000/", "https://localhost:5000/api/v2/users")]
    [InlineData("http://auth.example.com/", "https://auth.example.com/oauth/token")]
    public void Resolve_PublicHost_IsTheListeningSocket(string issuer, string url)
    {
        var target = Route(issuer, "http://0.0.0.0:5123").Resolve(new Uri(url));

        Assert.Equal(new Uri("http://127.0.0.1:5123/"), target);
    }

    [Theory]
    [InlineData("https://auth.example.com/", "https://api.example.com/")]
    [InlineData("https://auth.example.com/", "https://auth.example.com:8443/")]
    [InlineData("http://localhost:5000/", "https://localhost/")]
    [InlineData("https://auth.example.com/", "https://auth.example.com.evil.test/")]
    public void Resolve_OtherHostOrPort_IsNull(string issuer, string url) =>
        Assert.Null(Route(issuer, "http://127.0.0.1:5123").Resolve(new Uri(url)));

    [Fact]
    public void Resolve_ServerNotListeningYet_IsNull() =>
        Assert.Null(Route("https://auth.example.com/", null).Resolve(new Uri("https://auth.example.com/")));

    [Fact]
    public void Resolve_IPv6Wildcard_IsIPv6Loopback() =>
        Assert.Equal(new Uri("http://[::1]:80/"), Route("https://a.example.com/", "http://[::]:80").Resolve(new Uri("https://a.example.com/x")));

    [Fact]
    public void IsMarker_OnlyThisProcessKey_IsAccepted()
    {
        var route = Route("https://a.example.com/", "http://127.0.0.1:1");
        var other = Route("https://a.example.com/", "http://127.0.0.1:1");

        Assert.True(route.IsMarker(route.Marker));
        Assert.False(route.IsMarker(other.Marker));
        Assert.False(route.IsMarker(""));
        Assert.False(route.IsMarker(null));
    }
}
