using HooksDashboard.Audit;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Audit;

/// <summary>The identity audit table on each engine: filters, case-insensitive text search, paging.</summary>
public abstract class IdentityAuditLogTests(StorageProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private StorageFixture _storage = null!;
    private SqliteIdentityAuditLog _log = null!;
    private int _sequence;

    public async Task InitializeAsync()
    {
        _storage = await StorageFixture.CreateAsync(provider: provider);
        _log = new SqliteIdentityAuditLog(_storage.Engine);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private async Task<IdentityAuditEntry> AppendAsync(string type, string id, string name, string action, string details, string actor = "owner@example.com")
    {
        var at = Start.AddSeconds(_sequence++);
        var entry = new IdentityAuditEntry(Ulid.NewId(at), type, id, name, action, details, ActorKind.Admin, actor, at);
        await _log.AppendAsync(entry);
        return entry;
    }

    [Fact]
    public async Task ListAsync_Subject_NewestFirstAlsoAfterOthers()
    {
        var first = await AppendAsync(IdentityAuditSubjects.User, "auth0|1", "ann@example.com", "created", "{}");
        await AppendAsync(IdentityAuditSubjects.Client, "c1", "App", "created", "{}");
        var second = await AppendAsync(IdentityAuditSubjects.User, "auth0|1", "ann@example.com", "updated", """{"blocked":true}""");

        var entries = await _log.ListAsync(IdentityAuditSubjects.User, "auth0|1");

        Assert.Equal([second.Id, first.Id], entries.Select(e => e.Id));
        Assert.Equal(second, entries[0]);
    }

    [Fact]
    public async Task QueryAsync_TextInOtherCase_MatchesNameIdAndDetails()
    {
        await AppendAsync(IdentityAuditSubjects.User, "auth0|1", "Ann@Example.com", "created", "{}");
        await AppendAsync(IdentityAuditSubjects.Client, "c1", "Billing", "updated", """{"name":"BILLING service"}""");
        await AppendAsync(IdentityAuditSubjects.ResourceServer, "api1", "Orders", "created", "{}");

        var byName = await _log.QueryAsync(new IdentityAuditFilter(Text: "ann@EXAMPLE"), 0, 10);
        var byDetails = await _log.QueryAsync(new IdentityAuditFilter(Text: "billing SERVICE"), 0, 10);
        var byActor = await _log.QueryAsync(new IdentityAuditFilter(Actor: "OWNER@"), 0, 10);

        Assert.Equal(["Ann@Example.com"], byName.Entries.Select(e => e.SubjectName));
        Assert.Equal(["Billing"], byDetails.Entries.Select(e => e.SubjectName));
        Assert.Equal(3, byActor.Total);
    }

    [Fact]
    public async Task QueryAsync_WildcardsInText_MatchedLiterally()
    {
        await AppendAsync(IdentityAuditSubjects.Client, "c1", "100% done", "created", "{}");
        await AppendAsync(IdentityAuditSubjects.Client, "c2", "1000 done", "created", "{}");
        await AppendAsync(IdentityAuditSubjects.Client, "c3", "a_b", "created", "{}");
        await AppendAsync(IdentityAuditSubjects.Client, "c4", "axb", "created", "{}");

        Assert.Equal(["100% done"], (await _log.QueryAsync(new IdentityAuditFilter(Text: "0%"), 0, 10)).Entries.Select(e => e.SubjectName));
        Assert.Equal(["a_b"], (await _log.QueryAsync(new IdentityAuditFilter(Text: "a_b"), 0, 10)).Entries.Select(e => e.SubjectName));
    }

    [Fact]
    public async Task QueryAsync_FiltersAndPages_NewestFirstWithTotal()
    {
        for (var i = 0; i < 5; i++)
            await AppendAsync(IdentityAuditSubjects.User, "auth0|" + i, "user" + i, i % 2 == 0 ? "created" : "deleted", "{}");
        await AppendAsync(IdentityAuditSubjects.Client, "c1", "App", "created", "{}");

        var created = await _log.QueryAsync(new IdentityAuditFilter(SubjectType: IdentityAuditSubjects.User, Action: "created"), 0, 2);
        var second = await _log.QueryAsync(new IdentityAuditFilter(SubjectType: IdentityAuditSubjects.User, Action: "created"), 1, 2);
        var one = await _log.QueryAsync(new IdentityAuditFilter(SubjectId: "auth0|3"), 0, 10);

        Assert.Equal(3, created.Total);
        Assert.Equal(["user4", "user2"], created.Entries.Select(e => e.SubjectName));
        Assert.Equal(["user0"], second.Entries.Select(e => e.SubjectName));
        Assert.Equal(["user3"], one.Entries.Select(e => e.SubjectName));
    }
}

public sealed class SqliteIdentityAuditLogTests() : IdentityAuditLogTests(StorageProvider.Sqlite);

public sealed class PostgreSqlIdentityAuditLogTests() : IdentityAuditLogTests(StorageProvider.PostgreSQL);
