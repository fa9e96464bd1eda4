using System.Security.Cryptography;
using System.Text;
using Dapper;
using HooksDashboard.Identity.Tokens;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.Storage;

/// <summary>
/// What instances share so that any of them accepts what another issued: the Data Protection key ring (cookies,
/// secrets) and the token signing key. A second instance is a second set of services on the same database: on SQLite
/// in the same data folder (where both live as files), on PostgreSQL with a data folder of its own (both live in the
/// database).
/// </summary>
public abstract class SharedKeysTests(StorageProvider provider) : IAsyncLifetime
{
    private StorageFixture _storage = null!;

    public async Task InitializeAsync() => _storage = await StorageFixture.CreateAsync(provider: provider);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private Task<StorageFixture> SecondInstanceAsync() =>
        StorageFixture.CreateAsync(provider == StorageProvider.Sqlite ? _storage.DataDirectory : null, settings: _storage.EngineSettings);

    private static SigningKeyStore SigningKeys(StorageFixture instance) => new(
        instance.Services.GetRequiredService<IOptions<StorageOptions>>(), instance.Engine,
        instance.Services.GetRequiredService<IDataProtectionProvider>(), NullLogger<SigningKeyStore>.Instance);

    [Fact]
    public async Task DataProtection_PayloadProtectedByOneInstance_UnprotectedByAnother()
    {
        await using var second = await SecondInstanceAsync();
        // The purpose ASP.NET Core's cookie authentication uses for its tickets.
        const string purpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";
        var ticket = _storage.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("admin ticket");

        Assert.Equal("admin ticket", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(ticket));
    }

    [Fact]
    public async Task SigningKey_TwoInstancesCreatingAtOnce_OneKeyForBoth()
    {
        await using var second = await SecondInstanceAsync();
        using var a = SigningKeys(_storage);
        using var b = SigningKeys(second);

        var keys = await Task.WhenAll(Task.Run(async () => await a.GetAsync()), Task.Run(async () => await b.GetAsync()));

        Assert.Equal(keys[0].Kid, keys[1].Kid);
        var data = Encoding.UTF8.GetBytes("header.payload");
        var signature = keys[0].Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(keys[1].Rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task SigningKey_Stored_PrivateKeyOnlyAsCiphertext()
    {
        using var keys = SigningKeys(_storage);
        var key = await keys.GetAsync();

        string stored;
        if (provider == StorageProvider.Sqlite)
        {
            stored = await File.ReadAllTextAsync(Path.Combine(_storage.DataDirectory, SigningKeyStore.FileName));
        }
        else
        {
            await using var connection = await _storage.Engine.OpenConnectionAsync();
            stored = await connection.QuerySingleAsync<string>("SELECT data FROM signing_keys WHERE kid = @Kid;", new { key.Kid });
            Assert.False(File.Exists(Path.Combine(_storage.DataDirectory, SigningKeyStore.FileName)));
        }
        Assert.Contains(key.Kid, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(key.Rsa.ExportPkcs8PrivateKey())[..40], stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyRing_PostgreSql_LivesInTheDatabaseNotTheDataFolder()
    {
        _storage.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");

        if (provider == StorageProvider.Sqlite)
        {
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(_storage.DataDirectory, "keys"), "key-*.xml"));
            return;
        }
        Assert.False(Directory.Exists(Path.Combine(_storage.DataDirectory, "keys")));
        await using var connection = await _storage.Engine.OpenConnectionAsync();
        var names = (await connection.QueryAsync<string>("SELECT name FROM data_protection_keys;")).ToList();
        var key = Assert.Single(names);
        Assert.StartsWith("key-", key, StringComparison.Ordinal);
    }
}

public sealed class SqliteSharedKeysTests() : SharedKeysTests(StorageProvider.Sqlite);

public sealed class PostgreSqlSharedKeysTests() : SharedKeysTests(StorageProvider.PostgreSQL);
