namespace HooksDashboard.Security;

/// <summary>
/// Where first-start credentials (a generated admin password, a generated management application's secret)
/// are printed, once, framed so they stand out of the log. Standard output by default; they are written
/// nowhere else in plain text.
/// </summary>
public sealed class OneTimeConsole(TextWriter writer)
{
    private readonly Lock _gate = new();

    /// <summary>Prints a framed block: a title and "label: value" lines.</summary>
    public void PrintCredentials(string title, IReadOnlyList<(string Label, string Value)> lines, string footer)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var rule = new string('=', 72);
        lock (_gate)
        {
            writer.WriteLine();
            writer.WriteLine(rule);
            writer.WriteLine(title);
            writer.WriteLine();
            foreach (var (label, value) in lines)
                writer.WriteLine($"  {label}: {value}");
            writer.WriteLine();
            writer.WriteLine(footer);
            writer.WriteLine(rule);
            writer.WriteLine();
            writer.Flush();
        }
    }
}
