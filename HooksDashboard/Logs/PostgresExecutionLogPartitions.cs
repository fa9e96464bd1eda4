using System.Globalization;
using Npgsql;

namespace HooksDashboard.Logs;

/// <summary>
/// The day partitions of <c>execution_logs</c> on PostgreSQL (see <c>Storage/PostgresSchema.Stores.cs</c>): one table per
/// UTC day, named <c>execution_logs_yyyymmdd</c>, holding <c>'yyyy-mm-dd' &lt;= created_at &lt; 'yyyy-mm-dd'+1</c>.
/// The writer creates a day's partition before its first record; retention drops whole days. DDL runs under one
/// transaction-scoped advisory lock, so instances creating or dropping the same day take turns instead of failing.
/// </summary>
internal static class PostgresExecutionLogPartitions
{
    public const string Prefix = "execution_logs_";

    private const string LockSql = "SELECT pg_advisory_xact_lock(@Key);";

    private const string ListSql = """
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = to_regclass('execution_logs') ORDER BY c.relname;
        """;

    /// <summary>The advisory lock key of partition DDL (any fixed number unlikely to collide with others').</summary>
    private static readonly long LockKey = Cluster.PostgresLeadership.KeyOf("execution_logs partitions");

    public static string NameOf(DateOnly day) => Prefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    /// <summary>The days that have a partition, oldest first.</summary>
    public static async Task<List<DateOnly>> ListAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ListSql, connection, transaction);
        var days = new List<DateOnly>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = reader.GetString(0);
            if (name.StartsWith(Prefix, StringComparison.Ordinal)
                && DateOnly.TryParseExact(name.AsSpan(Prefix.Length), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                days.Add(day);
            }
        }
        return days;
    }

    /// <summary>Creates the partitions of <paramref name="days"/> that do not exist yet, in one short transaction.</summary>
    public static async Task EnsureAsync(NpgsqlConnection connection, IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var existing = (await ListAsync(connection, transaction, cancellationToken).ConfigureAwait(false)).ToHashSet();
        foreach (var day in days.Distinct().Where(d => !existing.Contains(d)))
        {
            // DDL takes no parameters: the bounds and the name come from a DateOnly, never from input.
            var sql = string.Create(CultureInfo.InvariantCulture,
                $"CREATE TABLE {NameOf(day)} PARTITION OF execution_logs FOR VALUES FROM ('{day:yyyy-MM-dd}') TO ('{day.AddDays(1):yyyy-MM-dd}');");
            await using var create = new NpgsqlCommand(sql, connection, transaction);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops the partitions of the days before <paramref name="firstKept"/>; returns the rows they held.</summary>
    public static async Task<long> DropBeforeAsync(NpgsqlConnection connection, DateOnly firstKept, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        long rows = 0;
        foreach (var day in (await ListAsync(connection, transaction, cancellationToken).ConfigureAwait(false)).Where(d => d < firstKept))
        {
            await using (var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {NameOf(day)};", connection, transaction))
                rows += (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            await using var drop = new NpgsqlCommand($"DROP TABLE {NameOf(day)};", connection, transaction);
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LockSql, connection, transaction);
        command.Parameters.AddWithValue("Key", LockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
