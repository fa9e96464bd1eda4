using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HooksDashboard.Tests.Health;

/// <summary>Issue 14 (operability): <c>/healthz</c> and <c>/readyz</c> on the whole app.</summary>
public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Healthz_NoCredentials_AnswersHealthyWithoutRunningChecks()
    {
        await using var app = new AppFactory();
        using var client = app.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.Empty(body["checks"]!.AsObject());
    }

    [Fact]
    public async Task Readyz_StartedServer_AnswersReadyNamingEachCheck()
    {
        await using var app = new AppFactory();
        using var client = app.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", (string?)body["status"]);
        foreach (var check in new[] { "startup", "database", "signing-key" })
            Assert.Equal("Healthy", (string?)body["checks"]![check]!["status"]);
        Assert.StartsWith("Loaded (kid ", (string?)body["checks"]!["signing-key"]!["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_MigrationMissing_Answers503NamingTheMigration()
    {
        await using var app = new AppFactory();
        using var client = app.CreateBrowserClient();
        using (var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // As if the database were an older release's: the newest migration is not recorded as applied.
        var newest = Migrations.All[^1];
        var database = app.Services.GetRequiredService<SqliteDatabase>();
        await using (var connection = await database.OpenConnectionAsync())
            await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version = @Version;", new { newest.Version });

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Unhealthy", (string?)body["status"]);
        var database503 = body["checks"]!["database"]!;
        Assert.Equal("Unhealthy", (string?)database503["status"]);
        Assert.Equal($"1 migration(s) not applied: {newest.Version} {newest.Name}.", (string?)database503["description"]);
        Assert.Equal("Healthy", (string?)body["checks"]!["signing-key"]!["status"]);
    }

    [Fact]
    public async Task Readyz_DatabaseFileReplacedByGarbage_Answers503SayingNotReachable()
    {
        await using var app = new AppFactory();
        using var client = app.CreateBrowserClient();
        using (var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        var database = app.Services.GetRequiredService<SqliteDatabase>();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await File.WriteAllTextAsync(database.DatabasePath, new string('x', 8192));
        foreach (var suffix in new[] { "-wal", "-shm" })
            File.Delete(database.DatabasePath + suffix);

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var check = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["checks"]!["database"]!;
        Assert.Equal("Unhealthy", (string?)check["status"]);
        Assert.StartsWith("The database is not reachable: ", (string?)check["description"], StringComparison.Ordinal);
        Assert.Contains("not a database", (string?)check["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probes_ManyRequestsFromOneAddress_AreNeverRateLimited()
    {
        await using var app = new KestrelAppFactory();
        foreach (var scope in new[] { "Token", "DbConnections", "Management" })
        {
            app.Settings[$"RateLimits:{scope}:PerIp:Limit"] = "1";
            app.Settings[$"RateLimits:{scope}:PerIp:PerSecond"] = "1";
        }
        using var client = new HttpClient { BaseAddress = new Uri(app.Address) };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            foreach (var path in new[] { "/healthz", "/readyz" })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                statuses.Add(response.StatusCode);
            }
        }
        // The limit is in force: a runtime endpoint from the same address is refused on its second request.
        using var first = await client.PostAsync(new Uri("/oauth/token", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var second = await client.PostAsync(new Uri("/oauth/token", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Fact]
    public async Task Probes_BeforeStartupFinished_LivenessHealthyReadinessSaysStarting()
    {
        var hold = new HoldStartup();
        await using var app = new KestrelAppFactory
        {
            ConfigureTestServices = services => services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => hold.Attach(sp.GetRequiredService<IServer>()))),
        };
        var started = Task.Run(() => app.Address);
        try
        {
            var address = await hold.Listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var startup = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!["startup"]!;
            Assert.Equal("Unhealthy", (string?)startup["status"]);
            Assert.Equal("The server is starting.", (string?)startup["description"]);
        }
        finally
        {
            hold.Release.TrySetResult();
        }

        using var after = new HttpClient { BaseAddress = new Uri(await started.WaitAsync(TimeSpan.FromSeconds(60))) };
        using var readyAfter = await after.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
    }
}
