using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.Storage;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDataDirectory _contentRoot = new();

    public void Dispose() => _contentRoot.Dispose();

    [Fact]
    public async Task AddStorage_DataDirectoryUnset_UsesDataFolderUnderContentRoot()
    {
        using var services = Build(new Dictionary<string, string?>());

        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var database = services.GetRequiredService<SqliteDatabase>();

        var expected = Path.Combine(_contentRoot.Path, "data");
        Assert.Equal(expected, options.DataDirectory);
        Assert.Equal(Path.Combine(expected, "hooks.db"), database.DatabasePath);
        Assert.False(Directory.Exists(expected)); // resolving does no I/O
        await database.MigrateAsync();
        Assert.True(File.Exists(database.DatabasePath));
    }

    [Fact]
    public void AddStorage_RelativeDataDirectory_ResolvesAgainstContentRoot()
    {
        using var services = Build(new Dictionary<string, string?> { ["DataDirectory"] = "state/here" });

        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(Path.Combine(_contentRoot.Path, "state", "here"), options.DataDirectory);
        Assert.Equal(Path.Combine(_contentRoot.Path, "state", "here", "keys"), options.KeysDirectory);
    }

    [Fact]
    public async Task AddStorage_SecretAdded_PersistsKeyRingUnderDataDirectory()
    {
        await using var storage = await StorageFixture.CreateAsync();
        var hook = await storage.CreateHookAsync();

        await storage.Hooks.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["API_KEY"] = "value" });

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(storage.DataDirectory, "keys"), "key-*.xml"));
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(_contentRoot.Path));
        services.AddStorage(configuration);
        return services.BuildServiceProvider();
    }
}
