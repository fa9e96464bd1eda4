using System.Text.Json.Nodes;

namespace HooksDashboard.Management;

/// <summary>
/// Auth0's <c>fields</c> and <c>include_fields</c> query parameters: a comma-separated list of top-level properties to
/// keep (<c>include_fields=true</c>, the default) or to leave out (<c>false</c>).
/// </summary>
internal sealed record ManagementFields(IReadOnlySet<string> Names, bool Include)
{
    /// <summary>The selection in the query, or null when <c>fields</c> is absent or empty.</summary>
    /// <exception cref="ManagementApiException">A name outside <paramref name="known"/>, or <c>include_fields</c> not a boolean.</exception>
    public static ManagementFields? Parse(IQueryCollection query, IReadOnlyCollection<string> known)
    {
        var include = ManagementRequest.QueryBool(query, "include_fields") ?? true;
        var text = ManagementRequest.Single(query, "fields");
        if (string.IsNullOrEmpty(text))
            return null;
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = names.FirstOrDefault(f => !known.Contains(f));
        if (unknown is not null)
            throw ManagementApiException.InvalidQuery($"Unknown field '{unknown}'; expected any of: {string.Join(",", known)}", "fields");
        return new ManagementFields(names, include);
    }

    /// <summary>The object with only the selected properties (all when <paramref name="fields"/> is null).</summary>
    public static JsonObject Apply(JsonObject json, ManagementFields? fields)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (fields is null)
            return json;
        foreach (var name in json.Select(p => p.Key).ToList())
        {
            if (fields.Names.Contains(name) != fields.Include)
                json.Remove(name);
        }
        return json;
    }
}

/// <summary>Auth0's paging parameters: <c>page</c> (0-based), <c>per_page</c> (default 50, at most 100), <c>include_totals</c>.</summary>
internal sealed record ManagementPaging(int Page, int PerPage, bool IncludeTotals)
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 100;

    public static ManagementPaging Parse(IQueryCollection query) => new(
        ManagementRequest.QueryInt(query, "page", 0, int.MaxValue) ?? 0,
        ManagementRequest.QueryInt(query, "per_page", 0, MaxPerPage) ?? DefaultPerPage,
        ManagementRequest.QueryBool(query, "include_totals") ?? false);

    public long Start => (long)Page * PerPage;

    /// <summary>The items of this page out of a list held in memory.</summary>
    public IEnumerable<T> Slice<T>(IEnumerable<T> items) => items.Skip((int)Math.Min(Start, int.MaxValue)).Take(PerPage);

    /// <summary>The array alone, or Auth0's <c>{start, limit, length, total, &lt;name&gt;}</c> with <c>include_totals</c>.</summary>
    public JsonNode Wrap(string name, JsonArray items, int total, bool withLength = true)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!IncludeTotals)
            return items;
        var page = new JsonObject { ["start"] = Start, ["limit"] = PerPage };
        if (withLength)
            page["length"] = items.Count;
        page["total"] = total;
        page[name] = items;
        return page;
    }
}
