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

    [Fact]
    public void NewId_NewMillisecondsAcrossRandomPoolRefills_DrawDistinctRandomParts()
    {
        // Each new millisecond draws a fresh random part from a pool refilled every PoolBytes / 10 draws: ten refills here.
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var draws = Ulid.PoolBytes / 10 * 10 + 3;
        var randomParts = Enumerable.Range(0, draws).Select(i => Ulid.NewId(start.AddMilliseconds(i))[10..]).ToList();

        Assert.Equal(draws, randomParts.Distinct(StringComparer.Ordinal).Count());
        // 80 random bits: no part is all zeros (as a pool handed out after clearing, or never filled, would give).
        Assert.DoesNotContain(new string('0', 16), randomParts);
    }
}

[CollectionDefinition(UlidTests.Serial, DisableParallelization = true)]
public sealed class UlidSerialGroup;
