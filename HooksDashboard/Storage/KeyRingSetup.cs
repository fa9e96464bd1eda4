using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Storage;

/// <summary>
/// Keeps the Data Protection key ring in <c>{DataDirectory}/keys</c>, next to the database whose secrets it
/// encrypts. This is what <c>PersistKeysToFileSystem</c> does, but through options: the folder is only known
/// once <see cref="StorageOptions"/> are resolved (its default depends on the content root).
/// </summary>
internal sealed class KeyRingSetup(IOptions<StorageOptions> storage, ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options) =>
        options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(storage.Value.KeysDirectory), loggerFactory);
}
