using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Storage;

public abstract class TestRunStoreTests(StorageProvider provider) : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private StorageFixture _storage = null!;
    private Hook _hook = null!;

    private ITestRunStore Runs => _storage.TestRuns;

    public async Task InitializeAsync()
    {
        _storage = await StorageFixture.CreateAsync(time: _time, provider: provider);
        _hook = await _storage.CreateHookAsync();
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private static ExecutionResult Success(int n) => new()
    {
        Status = ExecutionStatus.Success,
        Data = new JsonObject { ["n"] = n },
        DurationMs = n,
    };

    [Fact]
    public async Task AddAsync_FullResult_RoundTrips()
    {
        var result = new ExecutionResult
        {
            Status = ExecutionStatus.Error,
            Data = null,
            Logs = [new ConsoleLine("log", "starting"), new ConsoleLine("error", "boom 42")],
            Error = new ExecutionError
            {
                Kind = ExecutionErrorKind.Hook,
                Name = "PreUserRegistrationError",
                Message = "Denied",
                FriendlyMessage = "Sign-up is closed",
                Line = 3,
                Column = 7,
                Details = new JsonObject { ["code"] = "closed" },
            },
            DurationMs = 12.5,
        };

        var added = await Runs.AddAsync(_hook.Id, """{"user":{}}""", result);

        var run = Assert.Single(await Runs.ListAsync(_hook.Id));
        Assert.Equal(added.Id, run.Id);
        Assert.Equal(26, run.Id.Length);
        Assert.Equal(_hook.Id, run.HookId);
        Assert.Equal("""{"user":{}}""", run.Payload);
        Assert.Equal(_time.GetUtcNow(), run.CreatedAt);
        Assert.Equal(ExecutionStatus.Error, run.Result.Status);
        Assert.Equal(result.Logs, run.Result.Logs);
        Assert.NotNull(run.Result.Error);
        Assert.Equal(ExecutionErrorKind.Hook, run.Result.Error.Kind);
        Assert.Equal("PreUserRegistrationError", run.Result.Error.Name);
        Assert.Equal("Sign-up is closed", run.Result.Error.FriendlyMessage);
        Assert.Equal((3, 7), (run.Result.Error.Line, run.Result.Error.Column));
        Assert.Equal("closed", run.Result.Error.Details?["code"]?.GetValue<string>());
        Assert.Equal(12.5, run.Result.DurationMs);
    }

    [Fact]
    public async Task ListAsync_SeveralRuns_NewestFirstUpToLimit()
    {
        for (var i = 0; i < 5; i++)
        {
            await Runs.AddAsync(_hook.Id, "{}", Success(i));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var runs = await Runs.ListAsync(_hook.Id, limit: 3);

        Assert.Equal([4, 3, 2], runs.Select(r => r.Result.Data!["n"]!.GetValue<int>()));
    }

    [Fact]
    public async Task AddAsync_MoreThanFifty_KeepsNewestFifty()
    {
        for (var i = 0; i < SqliteTestRunStore.MaxRunsPerHook + 5; i++)
        {
            await Runs.AddAsync(_hook.Id, "{}", Success(i));
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        var runs = await Runs.ListAsync(_hook.Id, limit: 100);

        Assert.Equal(SqliteTestRunStore.MaxRunsPerHook, runs.Count);
        Assert.Equal(54, runs[0].Result.Data!["n"]!.GetValue<int>());
        Assert.Equal(5, runs[^1].Result.Data!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task AddAsync_OtherHooksRuns_AreKeptSeparately()
    {
        var other = await _storage.CreateHookAsync();
        await Runs.AddAsync(_hook.Id, "{}", Success(1));
        await Runs.AddAsync(other.Id, "{}", Success(2));

        Assert.Equal([1], (await Runs.ListAsync(_hook.Id)).Select(r => r.Result.Data!["n"]!.GetValue<int>()));
        Assert.Equal([2], (await Runs.ListAsync(other.Id)).Select(r => r.Result.Data!["n"]!.GetValue<int>()));
    }

    [Fact]
    public async Task AddAsync_UnknownHook_ThrowsNotFound()
    {
        await Assert.ThrowsAsync<HookNotFoundException>(() => Runs.AddAsync(Ulid.NewId(), "{}", Success(1)));
    }

    [Fact]
    public async Task ListAsync_UnknownHook_ReturnsEmpty()
    {
        Assert.Empty(await Runs.ListAsync(Ulid.NewId()));
    }
}

public sealed class SqliteTestRunStoreTests() : TestRunStoreTests(StorageProvider.Sqlite);

public sealed class PostgreSqlTestRunStoreTests() : TestRunStoreTests(StorageProvider.PostgreSQL);
