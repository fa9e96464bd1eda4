using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Storage;

/// <summary>
/// Where the Data Protection key ring lives. On SQLite: <c>{DataDirectory}/keys</c>, next to the database whose
/// secrets it encrypts (what <c>PersistKeysToFileSystem</c> does, but through options: the folder is only known once
/// <see cref="StorageOptions"/> are resolved). On PostgreSQL: the <c>data_protection_keys</c> table, so every
/// instance on the database reads the same ring and accepts the others' cookies and secrets.
/// </summary>
internal sealed class KeyRingSetup(IOptions<StorageOptions> storage, ILoggerFactory loggerFactory, Func<PostgreSqlDatabase> postgreSql)
    : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options) =>
        options.XmlRepository = storage.Value.Provider == StorageProvider.PostgreSQL
            ? new DatabaseXmlRepository(postgreSql())
            : new FileSystemXmlRepository(new DirectoryInfo(storage.Value.KeysDirectory), loggerFactory);
}
