using Dapper;
using HooksDashboard.Identity;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Identity;

public abstract class ApplicationStoreTests(StorageProvider provider) : IAsyncLifetime
{
    private IdentityServerFactory _factory = null!;

    private IApplicationStore Store => _factory.Applications;

    public async Task InitializeAsync()
    {
        _factory = await IdentityServerFactory.CreateAsync(provider);
        _ = _factory.Server;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task CreateAsync_NewApplication_GeneratesIdAndSecretOfAuth0Shape()
    {
        var created = await Store.CreateAsync(new NewApplication("Reports", new Dictionary<string, string> { ["team"] = "finance" }));

        Assert.Matches("^[A-Za-z0-9]{32}$", created.Application.ClientId);
        Assert.Matches("^[A-Za-z0-9_-]{64}$", created.ClientSecret);
        var stored = await Store.GetAsync(created.Application.ClientId);
        Assert.Equal("Reports", stored!.Name);
        Assert.Equal("finance", stored.Metadata["team"]);
    }

    [Fact]
    public async Task CreateAsync_Secret_IsStoredHashedNeverPlain()
    {
        var created = await Store.CreateAsync(new NewApplication("Reports"));

        await using var connection = await _factory.Services.GetRequiredService<IDatabase>().OpenConnectionAsync();
        var row = await connection.QuerySingleAsync<string>(
            "SELECT client_id || '|' || name || '|' || secret_hash || '|' || client_metadata FROM applications WHERE client_id = @Id;",
            new { Id = created.Application.ClientId });
        Assert.DoesNotContain(created.ClientSecret, row, StringComparison.Ordinal);
        Assert.StartsWith("v1.", row.Split('|')[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_RightAndWrongSecrets_OnlyRightOneMatches()
    {
        var created = await Store.CreateAsync(new NewApplication("Reports"));
        var id = created.Application.ClientId;

        Assert.NotNull(await Store.AuthenticateAsync(id, created.ClientSecret));
        Assert.Null(await Store.AuthenticateAsync(id, created.ClientSecret + "x"));
        Assert.Null(await Store.AuthenticateAsync(id, ""));
        Assert.Null(await Store.AuthenticateAsync("unknown-client", created.ClientSecret));
    }

    [Fact]
    public async Task CreateWithCredentialsAsync_TakenClientId_IsConflictAndKeepsTheFirst()
    {
        const string ClientId = "chosen-client-id-0123456789";
        var secret = new string('s', 40);
        await Store.CreateWithCredentialsAsync(new NewApplication("First"), ClientId, secret);

        var error = await Assert.ThrowsAsync<IdentityConflictException>(() =>
            Store.CreateWithCredentialsAsync(new NewApplication("Second"), ClientId, new string('t', 40)));

        Assert.Contains(ClientId, error.Message, StringComparison.Ordinal);
        Assert.Equal("First", (await Store.GetAsync(ClientId))!.Name);
        Assert.NotNull(await Store.AuthenticateAsync(ClientId, secret));
    }

    [Fact]
    public async Task RotateSecretAsync_NewSecretWorks_OldOneStops()
    {
        var created = await Store.CreateAsync(new NewApplication("Reports"));

        var rotated = await Store.RotateSecretAsync(created.Application.ClientId);

        Assert.NotEqual(created.ClientSecret, rotated.ClientSecret);
        Assert.Null(await Store.AuthenticateAsync(created.Application.ClientId, created.ClientSecret));
        Assert.NotNull(await Store.AuthenticateAsync(created.Application.ClientId, rotated.ClientSecret));
    }

    [Fact]
    public async Task UpdateAsync_NameAndMetadata_AreReplaced()
    {
        var created = await Store.CreateAsync(new NewApplication("Reports", new Dictionary<string, string> { ["a"] = "1" }));

        var updated = await Store.UpdateAsync(created.Application.ClientId, new ApplicationUpdate("Reports v2", new Dictionary<string, string> { ["b"] = "2" }));

        Assert.Equal("Reports v2", updated.Name);
        Assert.Equal(["b"], updated.Metadata.Keys);
        var stored = await Store.GetAsync(created.Application.ClientId);
        Assert.Equal("Reports v2", stored!.Name);
        Assert.Equal("2", Assert.Single(stored.Metadata, m => m.Key == "b").Value);
    }

    public static TheoryData<string, Dictionary<string, string>> BadMetadata => new()
    {
        { "at most 10 keys", Enumerable.Range(0, 11).ToDictionary(i => $"k{i}", i => "v") },
        { "longer than 255", new Dictionary<string, string> { [new string('k', 256)] = "v" } },
        { "longer than 255", new Dictionary<string, string> { ["k"] = new string('v', 256) } },
        { "contains '!'", new Dictionary<string, string> { ["bad!key"] = "v" } },
        { "cannot be empty", new Dictionary<string, string> { [""] = "v" } },
    };

    [Theory]
    [MemberData(nameof(BadMetadata))]
    public async Task CreateAsync_MetadataOverAuth0Limits_IsRejected(string expected, Dictionary<string, string> metadata)
    {
        var error = await Assert.ThrowsAsync<IdentityValidationException>(() => Store.CreateAsync(new NewApplication("Reports", metadata)));

        Assert.Equal("client_metadata", error.Field);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        // Only the first-start management application exists, not the refused one.
        Assert.DoesNotContain(await Store.ListAsync(), a => a.Name == "Reports");
    }

    [Fact]
    public async Task CreateAsync_TenMetadataKeysOfMaximumLength_IsAccepted()
    {
        var metadata = Enumerable.Range(0, 10).ToDictionary(i => i + new string('k', 254), _ => new string('v', 255));

        var created = await Store.CreateAsync(new NewApplication("Reports", metadata));

        Assert.Equal(10, (await Store.GetAsync(created.Application.ClientId))!.Metadata.Count);
    }

    [Fact]
    public async Task CreateAsync_BlankName_IsRejected()
    {
        var error = await Assert.ThrowsAsync<IdentityValidationException>(() => Store.CreateAsync(new NewApplication("  ")));

        Assert.Equal("name", error.Field);
    }

    [Fact]
    public async Task DeleteAsync_RemovesApplicationAndItsGrants()
    {
        var client = await _factory.SeedAsync();

        await Store.DeleteAsync(client.ClientId);

        Assert.Null(await Store.GetAsync(client.ClientId));
        Assert.Empty(await _factory.Grants.ListForApplicationAsync(client.ClientId));
        await Assert.ThrowsAsync<IdentityNotFoundException>(() => Store.DeleteAsync(client.ClientId));
    }

    [Fact]
    public async Task CreateAndUpdate_WebOrigins_AreStoredNormalizedAndListedTogether()
    {
        var first = await Store.CreateAsync(new NewApplication("Shop", WebOrigins: ["https://Shop.example.com:443"]));
        var second = await Store.CreateAsync(new NewApplication("Blog"));

        var updated = await Store.UpdateAsync(second.Application.ClientId, new ApplicationUpdate(WebOrigins: ["https://*.blog.example.com", "https://shop.example.com"]));
        var renamed = await Store.UpdateAsync(first.Application.ClientId, new ApplicationUpdate(Name: "Shop 2"));

        Assert.Equal(["https://*.blog.example.com", "https://shop.example.com"], updated.WebOrigins);
        Assert.Equal(["https://shop.example.com"], renamed.WebOrigins);
        Assert.Equal(["https://shop.example.com"], (await Store.GetAsync(first.Application.ClientId))!.WebOrigins);
        Assert.Equal(["https://shop.example.com", "https://*.blog.example.com"], await Store.ListWebOriginsAsync());
    }

    [Fact]
    public async Task UpdateAsync_BadOrigin_RefusesWithFieldAndMessageAndKeepsTheOldList()
    {
        var created = await Store.CreateAsync(new NewApplication("Shop", WebOrigins: ["https://shop.example.com"]));

        var error = await Assert.ThrowsAsync<IdentityValidationException>(() =>
            Store.UpdateAsync(created.Application.ClientId, new ApplicationUpdate(WebOrigins: ["https://shop.example.com/cart"])));

        Assert.Equal("web_origins", error.Field);
        Assert.Equal("\"https://shop.example.com/cart\" is not an origin: it cannot have a path, query or fragment.", error.Message);
        Assert.Equal(["https://shop.example.com"], (await Store.GetAsync(created.Application.ClientId))!.WebOrigins);
    }

    [Fact]
    public async Task CreateAsync_BadOrigin_CreatesNothing()
    {
        await Assert.ThrowsAsync<IdentityValidationException>(() => Store.CreateAsync(new NewApplication("Shop", WebOrigins: ["shop.example.com"])));

        Assert.DoesNotContain(await Store.ListAsync(), a => a.Name == "Shop");
    }
}

public sealed class SqliteApplicationStoreTests() : ApplicationStoreTests(StorageProvider.Sqlite);

public sealed class PostgreSqlApplicationStoreTests() : ApplicationStoreTests(StorageProvider.PostgreSQL);
