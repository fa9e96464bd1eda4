using HooksDashboard.Storage;

namespace HooksDashboard.Tests.Storage;

// The monotonic state is process-wide: ids made at other times by tests running in parallel (the execution
// log's tests use clocks of their own) would reset it between two calls of the same-millisecond test.
[Collection(UlidTests.Serial)]
public class UlidTests
{
    public const string Serial = "ulid-serial";

    [Fact]
    public void NewId_Always_Is26CrockfordBase32Characters()
    {
        var id = Ulid.NewId();

        Assert.Equal(26, id.Length);
        Assert.All(id, c => Assert.Contains(c, Ulid.Alphabet));
        Assert.DoesNotContain(id, c => c is 'I' or 'L' or 'O' or 'U');
    }

    [Fact]
    public void NewId_KnownTime_EncodesMillisecondsInFirstTenCharacters()
    {
        // Auth0's example hook id 01GQN0P01XY4VE0PCK7H20QZ4M was made at 2023-01-25T17:47:47.645Z.
        var id = Ulid.NewId(DateTimeOffset.FromUnixTimeMilliseconds(1674668867645));

        Assert.StartsWith("01GQN0P01X", id, StringComparison.Ordinal);
    }

    [Fact]
    public void NewId_LaterTime_SortsAfter()
    {
        var start = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 100).Select(i => Ulid.NewId(start.AddMilliseconds(i * 7))).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void NewId_SameMillisecond_StaysUniqueAndIncreasing()
    {
        var time = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 1000).Select(_ => Ulid.NewId(time)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }
}

[CollectionDefinition(UlidTests.Serial, DisableParallelization = true)]
public sealed class UlidSerialGroup;
