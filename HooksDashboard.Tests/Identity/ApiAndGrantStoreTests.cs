using HooksDashboard.Identity;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Identity;

public abstract class ApiAndGrantStoreTests(StorageProvider provider) : IAsyncLifetime
{
    private IdentityServerFactory _factory = null!;
    private IdentityServerFactory.Client _client = null!;

    public async Task InitializeAsync()
    {
        _factory = await IdentityServerFactory.CreateAsync(provider);
        _client = await _factory.SeedAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task StartUp_CreatesManagementApiForIssuer()
    {
        var api = await _factory.Apis.FindByIdentifierAsync(IdentityServerFactory.Issuer + "api/v2/");

        Assert.NotNull(api);
        Assert.True(api.IsManagementApi);
        Assert.Equal(86_400, api.TokenLifetime);
        Assert.Subset(api.Scopes.Select(s => s.Value).ToHashSet(), new HashSet<string> { "read:hooks", "create:hooks", "update:hooks", "delete:hooks" });
        Assert.True((await _factory.Apis.ListAsync())[0].IsManagementApi);
    }

    [Fact]
    public async Task EnsureManagementApiAsync_NewIssuer_MovesIdentifierKeepsIdAndEdits()
    {
        var original = await _factory.Apis.FindByIdentifierAsync(IdentityServerFactory.Issuer + "api/v2/");
        await _factory.Apis.UpdateAsync(original!.Id, new ResourceServerUpdate(Name: "Renamed", TokenLifetime: 600));

        var moved = await _factory.Apis.EnsureManagementApiAsync("https://new.example.com/api/v2/", ManagementApi.Scopes);
        var again = await _factory.Apis.EnsureManagementApiAsync("https://new.example.com/api/v2/", ManagementApi.Scopes);

        Assert.Equal(original.Id, moved.Id);
        Assert.Equal("https://new.example.com/api/v2/", moved.Identifier);
        Assert.Equal("Renamed", moved.Name);
        Assert.Equal(600, moved.TokenLifetime);
        Assert.Equal(moved.UpdatedAt, again.UpdatedAt);
        Assert.Equal(moved.Scopes.Select(s => s.Value), again.Scopes.Select(s => s.Value));
        Assert.Single(await _factory.Apis.ListAsync(), a => a.IsManagementApi);
    }

    [Fact]
    public async Task DeleteAsync_ManagementApi_IsRefused()
    {
        var api = await _factory.Apis.FindByIdentifierAsync(IdentityServerFactory.Issuer + "api/v2/");

        var error = await Assert.ThrowsAsync<IdentityValidationException>(() => _factory.Apis.DeleteAsync(api!.Id));

        Assert.Equal("The Management API cannot be deleted.", error.Message);
        Assert.NotNull(await _factory.Apis.GetAsync(api!.Id));
    }

    [Fact]
    public async Task CreateAsync_DuplicateIdentifier_IsConflict()
    {
        await Assert.ThrowsAsync<IdentityConflictException>(() => _factory.Apis.CreateAsync(new NewResourceServer(IdentityServerFactory.Audience, "Again")));
    }

    [Theory]
    [InlineData("", "Name", null, 100, "identifier")]
    [InlineData("has space", "Name", null, 100, "identifier")]
    [InlineData("https://b.example.com/", " ", null, 100, "name")]
    [InlineData("https://b.example.com/", "Name", "two words", 100, "scopes")]
    [InlineData("https://b.example.com/", "Name", null, 0, "token_lifetime")]
    [InlineData("https://b.example.com/", "Name", null, 2_592_001, "token_lifetime")]
    public async Task CreateAsync_BadField_IsRejectedNamingIt(string identifier, string name, string? scope, int lifetime, string field)
    {
        IReadOnlyList<ApiScope>? scopes = scope is null ? null : [new(scope, "")];

        var error = await Assert.ThrowsAsync<IdentityValidationException>(() =>
            _factory.Apis.CreateAsync(new NewResourceServer(identifier, name, scopes, lifetime)));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task UpdateAsync_RemovedScope_IsRemovedFromGrants()
    {
        await _factory.Apis.UpdateAsync(_client.ApiId, new ResourceServerUpdate(Scopes: [new("read:things", "Read")]));

        var grant = Assert.Single(await _factory.Grants.ListForApplicationAsync(_client.ClientId));
        Assert.Equal(["read:things"], grant.Scopes);
    }

    [Fact]
    public async Task CreateGrant_ScopeNotOnApi_IsRejected()
    {
        var api = await _factory.Apis.CreateAsync(new NewResourceServer("https://b.example.com/", "B", [new("a", "")]));

        var error = await Assert.ThrowsAsync<IdentityValidationException>(() => _factory.Grants.CreateAsync(_client.ClientId, api.Id, ["a", "zzz"]));

        Assert.Contains("zzz", error.Message, StringComparison.Ordinal);
        Assert.Single(await _factory.Grants.ListForApplicationAsync(_client.ClientId));
    }

    [Fact]
    public async Task CreateGrant_SecondForSameApi_IsConflict()
    {
        await Assert.ThrowsAsync<IdentityConflictException>(() => _factory.Grants.CreateAsync(_client.ClientId, _client.ApiId, ["read:things"]));
    }

    [Fact]
    public async Task CreateGrant_ConcurrentForOneApi_OneGrantOthersConflict()
    {
        var api = await _factory.Apis.CreateAsync(new NewResourceServer("https://race.example.com/", "Race", [new("a", "")]));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            try
            {
                await _factory.Grants.CreateAsync(_client.ClientId, api.Id, ["a"]);
                return true;
            }
            catch (IdentityConflictException)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, created => created);
        Assert.Single(await _factory.Grants.ListForApplicationAsync(_client.ClientId), g => g.ApiId == api.Id);
    }

    [Fact]
    public async Task UpdateGrant_ReplacesScopes_FindByAudienceSeesThem()
    {
        var grant = Assert.Single(await _factory.Grants.ListForApplicationAsync(_client.ClientId));

        await _factory.Grants.UpdateAsync(grant.Id, ["delete:things"]);

        var found = await _factory.Grants.FindAsync(_client.ClientId, IdentityServerFactory.Audience);
        Assert.Equal(["delete:things"], found!.Scopes);
    }

    [Fact]
    public async Task DeleteApi_RemovesItsGrants()
    {
        await _factory.Apis.DeleteAsync(_client.ApiId);

        Assert.Empty(await _factory.Grants.ListForApplicationAsync(_client.ClientId));
    }
}

public sealed class SqliteApiAndGrantStoreTests() : ApiAndGrantStoreTests(StorageProvider.Sqlite);

public sealed class PostgreSqlApiAndGrantStoreTests() : ApiAndGrantStoreTests(StorageProvider.PostgreSQL);
