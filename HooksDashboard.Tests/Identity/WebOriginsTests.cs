using Dapper;
using HooksDashboard.Identity;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Identity;

public sealed class WebOriginsTests
{
    [Theory]
    [InlineData("https://app.example.com", "https://app.example.com")]
    [InlineData(" HTTPS://App.Example.COM ", "https://app.example.com")]
    [InlineData("https://app.example.com:443", "https://app.example.com")]
    [InlineData("http://127.0.0.1:5173", "http://127.0.0.1:5173")]
    [InlineData("http://localhost:80", "http://localhost")]
    [InlineData("http://[::1]:8080", "http://[::1]:8080")]
    [InlineData("https://*.Example.com", "https://*.example.com")]
    public void Normalize_Origin_StoresItAsBrowsersSendIt(string entry, string expected)
    {
        var (origins, error) = WebOrigins.Normalize([entry]);

        Assert.Null(error);
        Assert.Equal([expected], origins);
    }

    [Theory]
    [InlineData("app.example.com", "\"app.example.com\" is not an origin: it must start with http:// or https://.")]
    [InlineData("ftp://example.com", "\"ftp://example.com\" is not an origin: it must start with http:// or https://.")]
    [InlineData("https://app.example.com/", "\"https://app.example.com/\" is not an origin: remove the trailing \"/\" (an origin has no path).")]
    [InlineData("https://app.example.com/login", "\"https://app.example.com/login\" is not an origin: it cannot have a path, query or fragment.")]
    [InlineData("https://app.example.com?x=1", "\"https://app.example.com?x=1\" is not an origin: it cannot have a path, query or fragment.")]
    [InlineData("https://app.example.com#top", "\"https://app.example.com#top\" is not an origin: it cannot have a path, query or fragment.")]
    [InlineData("https://user:pw@app.example.com", "\"https://user:pw@app.example.com\" is not an origin: it cannot hold a user name or password.")]
    [InlineData("https://app.example.com:0", "\"https://app.example.com:0\" is not an origin: the port must be a number from 1 to 65535.")]
    [InlineData("https://app.example.com:99999", "\"https://app.example.com:99999\" is not an origin: the port must be a number from 1 to 65535.")]
    [InlineData("https://app.example.com:", "\"https://app.example.com:\" is not an origin: the port must be a number from 1 to 65535.")]
    [InlineData("https://app.*.example.com", "\"https://app.*.example.com\" is not an origin: \"*\" may only stand for the first label of the host, as in https://*.example.com.")]
    [InlineData("https://*", "\"https://*\" is not an origin: \"*\" may only stand for the first label of the host, as in https://*.example.com.")]
    [InlineData("https://*.com", "\"https://*.com\" is not an origin: a wildcard needs a domain of at least two labels under it, as in https://*.example.com.")]
    [InlineData("https://exa mple.com", "\"https://exa mple.com\" is not an origin: \"exa mple.com\" is not a host name.")]
    [InlineData("   ", "An allowed web origin cannot be empty.")]
    public void Normalize_NotAnOrigin_SaysWhy(string entry, string expected)
    {
        var (origins, error) = WebOrigins.Normalize(["https://fine.example.com", entry]);

        Assert.Equal(expected, error);
        Assert.Empty(origins);
    }

    [Fact]
    public void Normalize_TooMany_NamesTheLimit()
    {
        var entries = Enumerable.Range(0, WebOrigins.MaxEntries + 1).Select(i => $"https://app{i}.example.com");

        var (_, error) = WebOrigins.Normalize(entries);

        Assert.Equal($"An application can have at most {WebOrigins.MaxEntries} allowed web origins; got {WebOrigins.MaxEntries + 1}.", error);
    }

    [Fact]
    public void Normalize_SameOriginTwice_KeepsOne()
    {
        var (origins, error) = WebOrigins.Normalize(["https://app.example.com", "https://APP.example.com:443", "http://app.example.com"]);

        Assert.Null(error);
        Assert.Equal(["https://app.example.com", "http://app.example.com"], origins);
    }

    [Theory]
    [InlineData("https://app.example.com", true)]
    [InlineData("https://a.example.com", true)]
    [InlineData("https://a.example.com:8443", false)]
    [InlineData("http://a.example.com", false)]
    [InlineData("https://example.com", false)]
    [InlineData("https://a.b.example.com", false)]
    [InlineData("https://evil-example.com", false)]
    [InlineData("https://a.example.com.evil.net", false)]
    [InlineData("http://127.0.0.1:5173", true)]
    [InlineData("http://127.0.0.1:5174", false)]
    [InlineData("null", false)]
    [InlineData("https://*.example.com", false)]
    [InlineData("", false)]
    public void IsAllowed_Origin_MatchesExactOrOneWildcardLabel(string origin, bool expected)
    {
        string[] allowed = ["https://*.example.com", "http://127.0.0.1:5173"];

        Assert.Equal(expected, WebOrigins.IsAllowed(allowed, origin));
    }
}

public sealed class ApplicationWebOriginsMigrationTests
{
    [Fact]
    public async Task Migration101_DatabaseOfAnOlderRelease_KeepsApplicationsWithNoOrigins()
    {
        using var directory = new TempDataDirectory();
        await using var services = StorageFixture.BuildServices(directory.Path);
        var database = services.GetRequiredService<SqliteDatabase>();
        await database.MigrateAsync([.. Migrations.All.Where(m => m.Version != 101)]);
        await using (var connection = await database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO applications (client_id, name, secret_hash, created_at, updated_at)
                VALUES ('old-client', 'Old app', 'v1.x.y', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z');
                """);
        }

        var applied = await database.MigrateAsync();

        Assert.Equal([101], applied);
        var store = new SqliteApplicationStore(database, TimeProvider.System);
        var old = await store.GetAsync("old-client");
        Assert.Equal("Old app", old!.Name);
        Assert.Empty(old.WebOrigins);
        var updated = await store.UpdateAsync("old-client", new ApplicationUpdate(WebOrigins: ["https://old.example.com"]));
        Assert.Equal(["https://old.example.com"], updated.WebOrigins);
    }
}
