using System.Net;
using HooksDashboard.Execution.Http;

namespace HooksDashboard.Tests.Execution.Http;

public class EgressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "a loopback address (127.0.0.0/8)")]
    [InlineData("127.255.0.9", "a loopback address (127.0.0.0/8)")]
    [InlineData("10.1.2.3", "a private address (10.0.0.0/8)")]
    [InlineData("172.16.0.1", "a private address (172.16.0.0/12)")]
    [InlineData("172.31.255.255", "a private address (172.16.0.0/12)")]
    [InlineData("192.168.1.1", "a private address (192.168.0.0/16)")]
    [InlineData("169.254.1.1", "a link-local address (169.254.0.0/16)")]
    [InlineData("169.254.169.254", "a cloud metadata address (169.254.169.254)")]
    [InlineData("168.63.129.16", "a cloud metadata address (Azure 168.63.129.16)")]
    [InlineData("100.64.0.1", "a carrier-grade NAT address (100.64.0.0/10)")]
    [InlineData("100.100.100.200", "a carrier-grade NAT address (100.64.0.0/10)")]
    [InlineData("224.0.0.1", "a multicast address (224.0.0.0/4)")]
    [InlineData("0.0.0.0", "an unspecified address (0.0.0.0/8)")]
    [InlineData("255.255.255.255", "the broadcast address")]
    [InlineData("240.0.0.1", "a reserved address (240.0.0.0/4)")]
    [InlineData("192.0.2.1", "a reserved documentation address (192.0.2.0/24)")]
    [InlineData("198.18.0.1", "a reserved benchmarking address (198.18.0.0/15)")]
    [InlineData("::1", "a loopback address (::1)")]
    [InlineData("::", "an unspecified address (::)")]
    [InlineData("fc00::1", "a unique local address (fc00::/7)")]
    [InlineData("fd12:3456::1", "a unique local address (fc00::/7)")]
    [InlineData("fd00:ec2::254", "a cloud metadata address (fd00:ec2::254)")]
    [InlineData("fe80::1", "a link-local address (fe80::/10)")]
    [InlineData("ff02::1", "a multicast address (ff02::/8)")]
    [InlineData("::ffff:127.0.0.1", "a loopback address (127.0.0.0/8)")]
    [InlineData("::ffff:169.254.169.254", "a cloud metadata address (169.254.169.254)")]
    [InlineData("::127.0.0.1", "an IPv4-compatible form of a loopback address (127.0.0.0/8)")]
    [InlineData("64:ff9b::a00:1", "a NAT64 form of a private address (10.0.0.0/8)")]
    [InlineData("2002:a9fe:a9fe::", "a 6to4 form of a cloud metadata address (169.254.169.254)")]
    [InlineData("2001:db8::1", "a reserved documentation address (2001:db8::/32)")]
    [InlineData("2001::1", "a Teredo tunnel address (2001::/32)")]
    public void CheckAddress_NonPublicAddress_RefusedWithItsClass(string address, string why)
    {
        var refusal = EgressPolicy.Default.CheckAddress(IPAddress.Parse(address));

        Assert.NotNull(refusal);
        // IPv4-mapped forms are reported as the IPv4 address they carry.
        Assert.EndsWith(" is " + why.Replace("ff02::/8", "ff00::/8", StringComparison.Ordinal), refusal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::")]
    [InlineData("::ffff:8.8.8.8")]
    public void CheckAddress_PublicAddress_Allowed(string address) =>
        Assert.Null(EgressPolicy.Default.CheckAddress(IPAddress.Parse(address)));

    [Fact]
    public void CheckAddress_AllowListedAddressAndRange_Allowed()
    {
        var policy = new EgressPolicy(new EgressOptions { Allow = ["127.0.0.1", "10.20.0.0/16"] });

        Assert.Null(policy.CheckAddress(IPAddress.Parse("127.0.0.1")));
        Assert.Null(policy.CheckAddress(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Null(policy.CheckAddress(IPAddress.Parse("10.20.3.4")));
        Assert.NotNull(policy.CheckAddress(IPAddress.Parse("127.0.0.2")));
        Assert.NotNull(policy.CheckAddress(IPAddress.Parse("10.21.0.1")));
        Assert.NotNull(policy.CheckAddress(IPAddress.Parse("::1")));
    }

    [Fact]
    public void CheckHost_DenyListedNameOrSuffix_RefusedAndWinsOverAllow()
    {
        var policy = new EgressPolicy(new EgressOptions { Allow = ["api.example.com", "8.8.8.8"], Deny = ["*.blocked.example", "api.example.com", "8.8.8.0/24"] });

        Assert.Equal("API.example.com is on the deny list (Execution:Egress:Deny)", policy.CheckHost("API.example.com"));
        Assert.NotNull(policy.CheckHost("x.blocked.example"));
        Assert.Null(policy.CheckHost("blocked.example.org"));
        Assert.Equal("8.8.8.8 is on the deny list (Execution:Egress:Deny)", policy.CheckAddress(IPAddress.Parse("8.8.8.8")));
    }

    [Fact]
    public void IsHostAllowed_AllowListedName_SkipsTheRangeCheck()
    {
        var policy = new EgressPolicy(new EgressOptions { Allow = ["internal.example", "*.corp.example"] });

        Assert.True(policy.IsHostAllowed("internal.example"));
        Assert.True(policy.IsHostAllowed("a.corp.example"));
        Assert.False(policy.IsHostAllowed("example"));
        Assert.Null(policy.CheckAddress(IPAddress.Parse("10.0.0.1"), hostAllowed: true));
    }

    [Theory]
    [InlineData("10.0.0.0/99")]
    [InlineData("not a host!")]
    public void Constructor_InvalidEntry_ThrowsNamingSettingAndEntry(string entry)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new EgressPolicy(new EgressOptions { Allow = [entry] }));

        Assert.Contains("Execution:Egress:Allow", ex.Message, StringComparison.Ordinal);
        Assert.Contains(entry, ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>A refused request is logged on the server, not only shown to the hook.</summary>
public class EgressLoggingTests
{
    [Fact]
    public async Task Fetch_Refused_IsLoggedAsAWarningNamingTarget()
    {
        using var provider = new HooksDashboard.Tests.TestHelpers.CapturingLoggerProvider();
        using var transport = new HttpTransport(EgressPolicy.Default, provider.CreateLogger("HttpTransport"));

        var result = await new HooksDashboard.Execution.JintHookExecutor(transport).RunBodyAsync(
            "try { await fetch('http://10.9.8.7/x?token=abc'); } catch (e) { return e.cause.code; }");

        Assert.Equal("EEGRESS", (string?)result.AssertSuccess());
        var message = Assert.Single(provider.Messages, m => m.Contains("egress policy", StringComparison.Ordinal));
        Assert.Contains("GET http://10.9.8.7/x?token=[redacted]", message, StringComparison.Ordinal);
        Assert.Contains("10.9.8.7 is a private address (10.0.0.0/8)", message, StringComparison.Ordinal);
    }
}
