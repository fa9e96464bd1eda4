namespace HooksDashboard.Cli;

/// <summary>Thrown for bad usage or unreadable input: the command prints the message and exits with 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>
/// <c>--name value</c> options (repeatable ones keep every value) and bare positional words, with
/// a check that nothing unknown was given.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Positional { get; }

    /// <param name="args">The words after the verb.</param>
    /// <param name="flags">Options that take no value, e.g. <c>--json</c>.</param>
    public CliArguments(IEnumerable<string> args, params string[] flags)
    {
        var positional = new List<string>();
        using var words = args.GetEnumerator();
        while (words.MoveNext())
        {
            var word = words.Current;
            if (!word.StartsWith("--", StringComparison.Ordinal) || word == "--")
            {
                positional.Add(word);
                continue;
            }

            // --name=value and --name value are both accepted.
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? word[..eq] : word;
            if (flags.Contains(name))
            {
                _flags.Add(name);
                continue;
            }
            string value;
            if (eq > 0)
                value = word[(eq + 1)..];
            else if (words.MoveNext())
                value = words.Current;
            else
                throw new CliUsageException($"{name} needs a value.");
            if (!_options.TryGetValue(name, out var list))
                _options[name] = list = [];
            list.Add(value);
        }
        Positional = positional;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>The option's single value, or null when absent; given twice is a usage error.</summary>
    public string? Optional(string name)
    {
        if (!_options.TryGetValue(name, out var values))
            return null;
        return values.Count == 1 ? values[0] : throw new CliUsageException($"{name} was given more than once.");
    }

    public string Required(string name) => Optional(name) ?? throw new CliUsageException($"{name} is required.");

    public IReadOnlyList<string> All(string name) => _options.TryGetValue(name, out var values) ? values : [];

    /// <summary>A positive whole number option, or the default.</summary>
    public int PositiveInt(string name, int defaultValue) => WholeNumber(name, defaultValue, minimum: 1, "a positive whole number");

    /// <summary>A whole number option that may be zero, or the default.</summary>
    public int NonNegativeInt(string name, int defaultValue) => WholeNumber(name, defaultValue, minimum: 0, "a whole number (0 or more)");

    private int WholeNumber(string name, int defaultValue, int minimum, string description)
    {
        var text = Optional(name);
        if (text is null)
            return defaultValue;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new CliUsageException($"{name} must be {description}, not '{text}'.");
    }

    /// <summary>Fails when an option outside <paramref name="known"/> or a positional word beyond <paramref name="maxPositional"/> was given.</summary>
    public void RejectUnknown(int maxPositional, params string[] known)
    {
        var unknown = _options.Keys.Concat(_flags).FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null)
            throw new CliUsageException($"Unknown option {unknown}.");
        if (Positional.Count > maxPositional)
            throw new CliUsageException($"Unexpected argument '{Positional[maxPositional]}'.");
    }
}
