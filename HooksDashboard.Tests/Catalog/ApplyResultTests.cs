using System.Text.Json.Nodes;
using HooksDashboard.Catalog;

namespace HooksDashboard.Tests.Catalog;

public class ApplyResultTests
{
    private readonly HookCatalog _catalog = new();

    private JsonObject Apply(string triggerId, string? json) =>
        _catalog.Find(triggerId)!.ApplyResult(json is null ? null : JsonNode.Parse(json))!;

    private static string[] DroppedNames(JsonObject applied) =>
        applied["dropped"]!.AsArray().Select(d => (string)d!["name"]!).ToArray();

    [Fact]
    public void CredentialsExchange_ScopeAndNamespacedClaim_AreApplied()
    {
        var applied = Apply("credentials-exchange", """{"scope":["read:a","write:b"],"https://example.com/plan":"full","http://x.org/n":1}""");

        Assert.Equal("""["read:a","write:b"]""", applied["scope"]!.ToJsonString());
        Assert.Equal("full", (string?)applied["claims"]!["https://example.com/plan"]);
        Assert.Equal(1, (int)applied["claims"]!["http://x.org/n"]!);
        Assert.Empty(applied["dropped"]!.AsArray());
    }

    [Fact]
    public void CredentialsExchange_NoScopeInResult_RemovesAllScopes()
    {
        var applied = Apply("credentials-exchange", """{"https://example.com/a":"b"}""");

        Assert.Empty(applied["scope"]!.AsArray());
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("urn:example:claim")]
    [InlineData("ftp://example.com/c")]
    [InlineData("https://auth0.com/claim")]
    [InlineData("https://my-tenant.auth0.com/claim")]
    [InlineData("https://webtask.io/x")]
    [InlineData("https://sandbox.webtask.run/x")]
    public void CredentialsExchange_NonNamespacedOrReservedClaim_IsDroppedWithReason(string name)
    {
        var applied = Apply("credentials-exchange", new JsonObject { ["scope"] = new JsonArray(), [name] = "v" }.ToJsonString());

        Assert.False(applied["claims"]!.AsObject().ContainsKey(name));
        var dropped = Assert.Single(applied["dropped"]!.AsArray());
        Assert.Equal(name, (string?)dropped!["name"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)dropped["reason"]));
    }

    [Fact]
    public void CredentialsExchange_HostThatOnlyEndsLikeReserved_IsKept()
    {
        var applied = Apply("credentials-exchange", """{"https://notauth0.com/c":"v"}""");

        Assert.Equal("v", (string?)applied["claims"]!["https://notauth0.com/c"]);
    }

    private static JsonObject ScopeResult(int count, Func<int, string> name)
    {
        var scope = new JsonArray();
        for (var i = 0; i < count; i++)
            scope.Add(name(i));
        return new JsonObject { ["scope"] = scope };
    }

    [Theory]
    [InlineData(40_000)]
    [InlineData(80_000)]
    public void CredentialsExchange_ScopesBeyondTheCap_AreRefusedNamingTheCount(int count)
    {
        var point = _catalog.Find("credentials-exchange")!;

        // Before the fix this de-duplication was quadratic: 40,000 scopes took 20 s, 80,000 took 85 s.
        var ex = Assert.Throws<ResultRejectedException>(() => point.ApplyResult(ScopeResult(count, i => $"read:{i}")));

        Assert.Equal($"The hook's result has {count} distinct scopes; at most 1000 are allowed (Auth0's limit of scopes per API)", ex.Message);
    }

    [Fact]
    public void CredentialsExchange_ManyDuplicatesOfFewScopes_AreKeptOnceInFirstOrder()
    {
        // 60,000 entries but only 1,000 distinct: within the cap, de-duplicated in one pass.
        var applied = Apply("credentials-exchange", ScopeResult(60_000, i => $"s{(i * 7) % 1000}").ToJsonString());

        var scope = applied["scope"]!.AsArray().Select(s => (string)s!).ToArray();
        Assert.Equal(1000, scope.Length);
        Assert.Equal(["s0", "s7", "s14"], scope[..3]);
        Assert.Equal(1000, scope.Distinct().Count());
    }

    [Fact]
    public void CredentialsExchange_ClaimsOverAuth0Limit_AreRefused()
    {
        var result = new JsonObject { ["scope"] = new JsonArray(), ["https://example.com/big"] = new string('x', 101 * 1024) };

        var ex = Assert.Throws<ResultRejectedException>(() => _catalog.Find("credentials-exchange")!.ApplyResult(result));

        Assert.Contains("at most 102400 bytes are allowed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("custom claims", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialsExchange_DroppedNamesDoNotCountTowardsTheClaimsLimit()
    {
        // Not a namespaced name: dropped, so it never reaches the token and cannot exceed the claims cap.
        var applied = Apply("credentials-exchange", new JsonObject { ["scope"] = new JsonArray(), ["big"] = new string('x', 200 * 1024), ["https://example.com/c"] = "v" }.ToJsonString());

        Assert.Equal("v", (string?)applied["claims"]!["https://example.com/c"]);
        Assert.Equal(["big"], DroppedNames(applied));
    }

    [Fact]
    public void PreUserRegistration_MetadataOverTheLimit_IsRefused()
    {
        var result = new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["user_metadata"] = new JsonObject { ["a"] = new string('x', 60 * 1024) },
                ["app_metadata"] = new JsonObject { ["b"] = new string('y', 60 * 1024) },
            },
        };

        var ex = Assert.Throws<ResultRejectedException>(() => _catalog.Find("pre-user-registration")!.ApplyResult(result));

        Assert.Contains("user_metadata and app_metadata together may take at most 102400 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreUserRegistration_ManyInvalidKeys_AreAllDroppedAndValidOnesKeptInOrder()
    {
        var metadata = new JsonObject();
        for (var i = 0; i < 3000; i++)
        {
            metadata[$"k{i}"] = i;
            metadata[$"bad.{i}"] = i;
        }

        var applied = Apply("pre-user-registration", new JsonObject { ["user"] = new JsonObject { ["user_metadata"] = metadata } }.ToJsonString());

        var kept = applied["user"]!["user_metadata"]!.AsObject();
        Assert.Equal(3000, kept.Count);
        Assert.Equal("k0", kept.First().Key);
        Assert.Equal(3000, applied["dropped"]!.AsArray().Count);
    }

    [Fact]
    public void CredentialsExchange_ScopeNotArray_DropsScopeEntirely()
    {
        var applied = Apply("credentials-exchange", """{"scope":"read:a"}""");

        Assert.Empty(applied["scope"]!.AsArray());
        Assert.Equal(["scope"], DroppedNames(applied));
    }

    [Fact]
    public void CredentialsExchange_NonStringScopeEntries_AreDropped()
    {
        var applied = Apply("credentials-exchange", """{"scope":["a",1,null,"a","b"]}""");

        Assert.Equal("""["a","b"]""", applied["scope"]!.ToJsonString());
        Assert.Equal(2, applied["dropped"]!.AsArray().Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"token\"")]
    public void CredentialsExchange_NonObjectResult_HasNoScopeNorClaims(string? json)
    {
        var applied = Apply("credentials-exchange", json);

        Assert.Empty(applied["scope"]!.AsArray());
        Assert.Empty(applied["claims"]!.AsObject());
    }

    [Fact]
    public void PreUserRegistration_OnlyMetadataIsApplied()
    {
        var applied = Apply("pre-user-registration",
            """{"user":{"email":"x@y.z","user_metadata":{"color":"blue"},"app_metadata":{"plan":"free"}},"other":1}""");

        Assert.Equal("""{"user_metadata":{"color":"blue"},"app_metadata":{"plan":"free"}}""", applied["user"]!.ToJsonString());
        Assert.Equal(["other"], DroppedNames(applied));
    }

    [Fact]
    public void PreUserRegistration_EchoedUser_AppliesItsMetadata()
    {
        var sample = JsonNode.Parse(_catalog.Find("pre-user-registration")!.SamplePayload)!;
        var applied = Apply("pre-user-registration", new JsonObject { ["user"] = sample["user"]!.DeepClone() }.ToJsonString());

        Assert.Equal("surfing", (string?)applied["user"]!["user_metadata"]!["hobby"]);
        Assert.Equal("full", (string?)applied["user"]!["app_metadata"]!["plan"]);
        Assert.Null(applied["user"]!["email"]);
    }

    [Fact]
    public void PreUserRegistration_InvalidKeys_AreRemovedAtAnyDepth()
    {
        var applied = Apply("pre-user-registration",
            """{"user":{"user_metadata":{"a.b":1,"$set":2,"ok":{"$inner":3,"fine":4},"list":[{"x.y":5}]}}}""");

        Assert.Equal("""{"ok":{"fine":4},"list":[{}]}""", applied["user"]!["user_metadata"]!.ToJsonString());
        Assert.Equal(
            ["user.user_metadata.a.b", "user.user_metadata.$set", "user.user_metadata.ok.$inner", "user.user_metadata.list[0].x.y"],
            DroppedNames(applied));
    }

    [Fact]
    public void PreUserRegistration_MetadataNotObject_IsDropped()
    {
        var applied = Apply("pre-user-registration", """{"user":{"user_metadata":"x"}}""");

        Assert.Empty(applied["user"]!.AsObject());
        Assert.Equal(["user.user_metadata"], DroppedNames(applied));
    }

    [Theory]
    [InlineData("post-user-registration")]
    [InlineData("post-change-password")]
    [InlineData("send-phone-message")]
    public void PointsThatIgnoreResults_ApplyNothing(string triggerId)
    {
        Assert.Null(_catalog.Find(triggerId)!.ApplyResult(JsonNode.Parse("""{"anything":1}""")));
    }
}
