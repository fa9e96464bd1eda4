using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Storage;

namespace HooksDashboard.Tests.Logs;

/// <summary>The execution log's queue storage: every field comes back as given, across growth and reuse.</summary>
public sealed class ExecutionLogSpoolTests
{
    private static readonly IReadOnlyDictionary<string, string> Secrets = new Dictionary<string, string> { ["API_KEY"] = "k" };

    private static ExecutionLogEntry Entry(int n, string? payload = null, IReadOnlyList<ConsoleLine>? logs = null, ExecutionError? error = null,
        IReadOnlyList<HttpRequestRecord>? requests = null, string? requestId = "req", string? hookId = "h1") =>
        new(Ulid.NewId(DateTimeOffset.UnixEpoch.AddSeconds(n)), DateTimeOffset.UnixEpoch.AddSeconds(n), hookId, hookId is null ? null : "Hook " + n,
            CredentialsExchangePoint.TriggerId, n % 2 == 0 ? InvocationSource.Runtime : InvocationSource.Test, requestId, Secrets,
            payload, error is null ? ExecutionStatus.Success : ExecutionStatus.Error, n + 0.25, error, logs ?? [], requests ?? []);

    private static void AssertSame(ExecutionLogEntry expected, ExecutionLogEntry actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.HookId, actual.HookId);
        Assert.Equal(expected.HookName, actual.HookName);
        Assert.Equal(expected.TriggerId, actual.TriggerId);
        Assert.Equal(expected.Source, actual.Source);
        Assert.Equal(expected.RequestId, actual.RequestId);
        Assert.Same(expected.Secrets, actual.Secrets);
        Assert.Equal(expected.PayloadJson, actual.PayloadJson);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.DurationMs, actual.DurationMs);
        Assert.Same(expected.Error, actual.Error);
        Assert.Equal(expected.Logs, actual.Logs);
        Assert.Equal(expected.Requests, actual.Requests);
    }

    [Fact]
    public void Get_EveryKindOfField_ComesBackAsAdded()
    {
        var spool = new ExecutionLogSpool();
        var error = new ExecutionError { Kind = ExecutionErrorKind.Hook, Name = "Error", Message = "denied" };
        var request = new HttpRequestRecord { Method = "GET", Url = "https://api.example.com/x" };
        var entries = new[]
        {
            Entry(0, payload: """{"client":{"id":"c1"},"scope":["a"]}"""),
            Entry(1, payload: null, requestId: null, hookId: null),
            Entry(2, payload: "", logs: [new ConsoleLine("log", ""), new ConsoleLine("warn", "zweite Zeile: ünïcødé 🙂 \0 end")]),
            Entry(3, payload: "{}", error: error, requests: [request]),
            // A message longer than 65,535 chars: the spool's length prefix has two halves.
            Entry(4, logs: [new ConsoleLine("info", new string('x', 70_000) + "y")]),
        };

        foreach (var entry in entries)
            spool.Add(entry);

        Assert.Equal(entries.Length, spool.Count);
        for (var i = 0; i < entries.Length; i++)
            AssertSame(entries[i], spool.Get(i));
    }

    [Fact]
    public void Add_BeyondTheInitialArrays_KeepsEveryEntryAndReusesThemAfterClear()
    {
        var spool = new ExecutionLogSpool();
        var big = new string('p', 3_000);
        var entries = Enumerable.Range(0, 5_000).Select(n => Entry(n, payload: n % 7 == 0 ? big : $$"""{"n":{{n}}}""",
            logs: n % 3 == 0 ? [new ConsoleLine("log", "line " + n)] : null)).ToList();

        foreach (var entry in entries)
            spool.Add(entry);
        for (var i = 0; i < entries.Count; i++)
            AssertSame(entries[i], spool.Get(i));

        spool.Clear();
        Assert.Equal(0, spool.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => spool.Get(0));
        spool.Add(entries[42]);
        AssertSame(entries[42], spool.Get(0));
    }

    [Fact]
    public void Clear_DropsTheReferencesEntriesHeld()
    {
        var spool = new ExecutionLogSpool();
        var error = AddWithError(spool);

        spool.Clear();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(error.IsAlive, "a cleared spool still holds an entry's error");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference AddWithError(ExecutionLogSpool spool)
    {
        var error = new ExecutionError { Kind = ExecutionErrorKind.Exception, Name = "TypeError", Message = "x is undefined" };
        spool.Add(Entry(1, error: error));
        return new WeakReference(error);
    }
}
