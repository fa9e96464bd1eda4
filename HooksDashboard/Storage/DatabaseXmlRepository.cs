using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace HooksDashboard.Storage;

/// <summary>
/// The Data Protection key ring in the <c>data_protection_keys</c> table (migration 400) of a shared PostgreSQL
/// database: one row per key element, never changed once written (Data Protection revokes keys by adding elements).
/// Synchronous because <see cref="IXmlRepository"/> is; Data Protection calls it only when it (re)loads its ring.
/// </summary>
internal sealed class DatabaseXmlRepository(PostgreSqlDatabase database) : IXmlRepository
{
    private const string SelectAllSql = "SELECT xml FROM data_protection_keys ORDER BY created_at, name;";

    // Names are unique per element ("key-{guid}", "revocation-..."); a second instance storing the same name keeps the first.
    private const string InsertSql = """
        INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@Name, @Xml, @CreatedAt)
        ON CONFLICT (name) DO NOTHING;
        """;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenConnection();
        return [.. connection.Query<string>(SelectAllSql).Select(xml => XElement.Parse(xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = database.OpenConnection();
        var name = string.IsNullOrWhiteSpace(friendlyName) ? "element-" + Guid.NewGuid().ToString("N") : friendlyName;
        connection.Execute(InsertSql, new { Name = name, Xml = element.ToString(SaveOptions.DisableFormatting), CreatedAt = DateTimeOffset.UtcNow });
    }
}
