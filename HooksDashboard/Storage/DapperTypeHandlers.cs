using System.Data;
using System.Globalization;
using System.Text.Json;
using Dapper;

namespace HooksDashboard.Storage;

/// <summary>The Dapper conversions the stores rely on; registered once per process (Dapper's maps are static).</summary>
internal static class DapperTypeHandlers
{
    /// <summary>
    /// Fixed width, always UTC, 'Z'-suffixed: text comparison then equals time comparison, so
    /// <c>ORDER BY created_at</c> sorts chronologically.
    /// </summary>
    internal const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;

        // Dapper maps DateTimeOffset to a provider type before consulting handlers; without removing that
        // mapping the handler would be ignored for parameters and SQLite would get its own, zone-dependent text.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new UtcTimestampHandler());
        SqlMapper.AddTypeHandler(new JsonStringMapHandler());
    }

    /// <summary>DateTimeOffset as ISO-8601 UTC text.</summary>
    private sealed class UtcTimestampHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);
        }

        public override DateTimeOffset Parse(object value) =>
            DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    /// <summary>A string-to-string map (hook dependencies) as a JSON object column.</summary>
    private sealed class JsonStringMapHandler : SqlMapper.TypeHandler<IReadOnlyDictionary<string, string>>
    {
        public override void SetValue(IDbDataParameter parameter, IReadOnlyDictionary<string, string>? value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = JsonSerializer.Serialize(value ?? new Dictionary<string, string>());
        }

        public override IReadOnlyDictionary<string, string> Parse(object value) =>
            JsonSerializer.Deserialize<Dictionary<string, string>>((string)value) ?? [];
    }
}
