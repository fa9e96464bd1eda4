using System.Net;
using HooksDashboard.Identity;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Identity;

/// <summary>
/// The token endpoint reads applications, APIs and grants from <see cref="IdentityReadCache"/>: a write through any
/// store is seen by the very next token request.
/// </summary>
public sealed class IdentityReadCacheTests : IAsyncLifetime
{
    private IdentityServerFactory _factory = null!;
    private IdentityServerFactory.Client _client = null!;

    public async Task InitializeAsync()
    {
        _factory = IdentityServerFactory.Create();
        _client = await _factory.SeedAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<HttpResponseMessage> TokenAsync(string? secret = null)
    {
        var form = _client.Form();
        if (secret is not null)
            form["client_secret"] = secret;
        return await _factory.PostTokenFormAsync(form);
    }

    [Fact]
    public async Task Token_GrantScopesUpdated_NextTokenCarriesTheNewScopes()
    {
        Assert.Equal("read:things write:things", (string?)(await IdentityServerFactory.ReadObjectAsync(await TokenAsync()))["scope"]);
        var grant = await _factory.Grants.FindAsync(_client.ClientId, IdentityServerFactory.Audience);

        await _factory.Grants.UpdateAsync(grant!.Id, ["delete:things"]);

        Assert.Equal("delete:things", (string?)(await IdentityServerFactory.ReadObjectAsync(await TokenAsync()))["scope"]);
    }

    [Fact]
    public async Task Token_GrantDeleted_NextRequestIsAccessDenied()
    {
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync()).StatusCode);
        var grant = await _factory.Grants.FindAsync(_client.ClientId, IdentityServerFactory.Audience);

        await _factory.Grants.DeleteAsync(grant!.Id);

        var response = await TokenAsync();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("access_denied", (string?)(await IdentityServerFactory.ReadObjectAsync(response))["error"]);
    }

    [Fact]
    public async Task Token_SecretRotated_OldSecretRefusedNewOneAccepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync()).StatusCode);

        var rotated = await _factory.Applications.RotateSecretAsync(_client.ClientId);

        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(rotated.ClientSecret)).StatusCode);
    }

    [Fact]
    public async Task Token_WrongSecretAfterACachedRightOne_IsRefusedAndTheRightOneStillWorks()
    {
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync()).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(_client.ClientSecret + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync()).StatusCode);
    }

    [Fact]
    public async Task Token_ApplicationGrantTypesNarrowed_NextRequestIsUnauthorizedClient()
    {
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync()).StatusCode);

        await _factory.Applications.UpdateAsync(_client.ClientId, new ApplicationUpdate { GrantTypes = ["implicit"] });

        var response = await TokenAsync();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("unauthorized_client", (string?)(await IdentityServerFactory.ReadObjectAsync(response))["error"]);
    }

    [Fact]
    public async Task Token_ApplicationMetadataUpdated_NextHookSeesIt()
    {
        await _factory.AddHookAsync("""
            module.exports = function (client, scope, audience, context, cb) {
              cb(null, { scope: scope, 'https://example.com/plan': client.metadata.plan });
            };
            """);
        Assert.Equal("full", (string?)(await _factory.VerifyWithJwksAsync((string)(await IdentityServerFactory.ReadObjectAsync(await TokenAsync()))["access_token"]!)).Payload["https://example.com/plan"]);

        await _factory.Applications.UpdateAsync(_client.ClientId, new ApplicationUpdate(Metadata: new Dictionary<string, string> { ["plan"] = "free" }));

        var token = (string)(await IdentityServerFactory.ReadObjectAsync(await TokenAsync()))["access_token"]!;
        Assert.Equal("free", (string?)(await _factory.VerifyWithJwksAsync(token)).Payload["https://example.com/plan"]);
    }

    [Fact]
    public async Task Token_ApplicationDeleted_NextRequestIsUnauthorized()
    {
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync()).StatusCode);

        await _factory.Applications.DeleteAsync(_client.ClientId);

        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync()).StatusCode);
    }

    [Fact]
    public async Task Token_ApiLifetimeUpdated_NextTokenUsesIt()
    {
        Assert.Equal(3600, (int)(await IdentityServerFactory.ReadObjectAsync(await TokenAsync()))["expires_in"]!);

        await _factory.Apis.UpdateAsync(_client.ApiId, new ResourceServerUpdate(TokenLifetime: 600));

        Assert.Equal(600, (int)(await IdentityServerFactory.ReadObjectAsync(await TokenAsync()))["expires_in"]!);
    }

    [Fact]
    public async Task Token_ApiScopeRemoved_NextTokenLosesItFromTheGrant()
    {
        Assert.Equal("read:things write:things", (string?)(await IdentityServerFactory.ReadObjectAsync(await TokenAsync()))["scope"]);

        await _factory.Apis.UpdateAsync(_client.ApiId, new ResourceServerUpdate(Scopes: [new("read:things", "Read")]));

        Assert.Equal("read:things", (string?)(await IdentityServerFactory.ReadObjectAsync(await TokenAsync()))["scope"]);
    }

    [Fact]
    public async Task Token_ApiDeleted_NextRequestIsAccessDenied()
    {
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync()).StatusCode);

        await _factory.Apis.DeleteAsync(_client.ApiId);

        var response = await TokenAsync();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("access_denied", (string?)(await IdentityServerFactory.ReadObjectAsync(response))["error"]);
    }
}

/// <summary><see cref="IdentityReadCache"/> alone: hits, invalidation, age, and reads racing a write.</summary>
public sealed class IdentityReadCacheUnitTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetOrReadAsync_SecondRead_IsServedFromMemory()
    {
        var cache = new IdentityReadCache(_time);
        var reads = 0;

        await cache.GetOrReadAsync("k", "a", () => Task.FromResult<string?>("v" + ++reads));
        var second = await cache.GetOrReadAsync("k", "a", () => Task.FromResult<string?>("v" + ++reads));

        Assert.Equal("v1", second);
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task GetOrReadAsync_AfterAWrite_ReadsAgain()
    {
        var cache = new IdentityReadCache(_time);
        var reads = 0;
        await cache.GetOrReadAsync("k", "a", () => Task.FromResult<string?>("v" + ++reads));

        await cache.WriteAsync(() => Task.CompletedTask);

        Assert.Equal("v2", await cache.GetOrReadAsync("k", "a", () => Task.FromResult<string?>("v" + ++reads)));
    }

    [Fact]
    public async Task GetOrReadAsync_FailedWrite_StillDropsTheCache()
    {
        var cache = new IdentityReadCache(_time);
        var reads = 0;
        await cache.GetOrReadAsync("k", "a", () => Task.FromResult<string?>("v" + ++reads));

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.WriteAsync(() => throw new InvalidOperationException("half applied")));

        Assert.Equal("v2", await cache.GetOrReadAsync("k", "a", () => Task.FromResult<string?>("v" + ++reads)));
    }

    [Fact]
    public async Task GetOrReadAsync_OlderThanMaxAge_ReadsAgain()
    {
        var cache = new IdentityReadCache(_time);
        var reads = 0;
        await cache.GetOrReadAsync("k", "a", () => Task.FromResult<string?>("v" + ++reads));

        _time.Advance(IdentityReadCache.MaxAge);

        Assert.Equal("v2", await cache.GetOrReadAsync("k", "a", () => Task.FromResult<string?>("v" + ++reads)));
    }

    [Fact]
    public async Task GetOrReadAsync_NullResult_IsNotKept()
    {
        var cache = new IdentityReadCache(_time);

        await cache.GetOrReadAsync("k", "unknown", () => Task.FromResult<string?>(null));

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task GetOrReadAsync_ReadRacingAWrite_IsNotServedAfterwards()
    {
        var cache = new IdentityReadCache(_time);
        var release = new TaskCompletionSource<string?>();
        // The read starts before the write and returns the old value after the write committed.
        var racing = cache.GetOrReadAsync("k", "a", () => release.Task).AsTask();
        await cache.WriteAsync(() => Task.CompletedTask);
        release.SetResult("old");
        await racing;

        Assert.Equal("new", await cache.GetOrReadAsync("k", "a", () => Task.FromResult<string?>("new")));
    }

    [Fact]
    public async Task GetOrReadAsync_EntryRefusedByUsable_ReadsAgain()
    {
        var cache = new IdentityReadCache(_time);
        await cache.GetOrReadAsync("k", "a", () => Task.FromResult<string?>("first"));

        var value = await cache.GetOrReadAsync("k", "a", () => Task.FromResult<string?>("second"), usable: v => v != "first");

        Assert.Equal("second", value);
    }
}
