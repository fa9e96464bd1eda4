using System.Collections.Concurrent;
using Acornima;
using Acornima.Ast;
using Jint;

namespace HooksDashboard.Execution;

/// <summary>
/// A bounded LRU cache of parsed hook scripts keyed by their exact source text. A prepared script is
/// immutable and shared by every engine that runs it, so a changed script simply misses and is parsed
/// fresh while the old entry ages out. Parse failures are cached too: an unparsable hook run in a loop
/// costs one parse.
/// </summary>
internal sealed class ScriptCache(int capacity)
{
    /// <summary>Source name given to hook scripts; stack frames carrying it point into the user's code.</summary>
    public const string SourceName = "hook.js";

    // One shared instance: Jint caches the parser options it derives per preparation-options instance.
    // Function source kept, so Function.prototype.toString gives the function's text as V8 does (packages detect
    // classes and parse parameter lists from it); the AST that holds it is cached anyway.
    private static readonly ScriptPreparationOptions Preparation = new()
    {
        CollectReferencedGlobals = true,
        ParsingOptions = ScriptParsingOptions.Default with { RetainFunctionSourceText = true },
    };

    // Hits take no lock: every invocation looks its script up, from any number of threads at once. Recency is a
    // use counter stamped on hit; eviction (only when a new script is added) scans for the smallest stamp.
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _addLock = new();
    private long _clock;

    public int Count => _entries.Count;

    public ParsedScript GetOrParse(string source)
    {
        if (_entries.TryGetValue(source, out var hit))
        {
            hit.LastUsed = Interlocked.Increment(ref _clock);
            return hit.Script;
        }

        // Parsing happens outside the lock: two threads racing on a new script both parse, one wins.
        var parsed = Parse(source);
        lock (_addLock)
        {
            if (_entries.TryGetValue(source, out var raced))
            {
                raced.LastUsed = Interlocked.Increment(ref _clock);
                return raced.Script;
            }

            if (_entries.Count >= capacity)
            {
                Evict();
            }

            _entries[source] = new Entry(parsed) { LastUsed = Interlocked.Increment(ref _clock) };
        }

        return parsed;
    }

    /// <summary>Removes the least recently used entry; called under the add lock, so only hits race with it.</summary>
    private void Evict()
    {
        KeyValuePair<string, Entry>? oldest = null;
        foreach (var entry in _entries)
        {
            if (oldest is null || entry.Value.LastUsed < oldest.Value.Value.LastUsed)
            {
                oldest = entry;
            }
        }

        if (oldest is { } victim)
        {
            _entries.TryRemove(victim);
        }
    }

    public static ParsedScript Parse(string source)
    {
        try
        {
            var prepared = AwaitDestructuring.PrepareScript(source, SourceName, Preparation);

            return new ParsedScript(
                prepared,
                null,
                prepared.Program?.DescendantNodes().Any(static node => node is RegExpLiteral) ?? true,
                prepared.ReferencedGlobals,
                source.Contains("toLocaleString", StringComparison.Ordinal),
                source.Contains("parent", StringComparison.Ordinal));
        }
        catch (ScriptPreparationException ex) when (ex.InnerException is ParseErrorException parseError)
        {
            var error = parseError.Error;
            // Acornima's line is 1-based and its column 0-based.
            return new ParsedScript(null, new ScriptDiagnostic(error.LineNumber, error.Column + 1, error.Description), HasRegExpLiteral: false, Globals: null);
        }
        catch (ScriptPreparationException ex)
        {
            // Not a grammar error but a script the parser refuses as a whole, e.g. nesting too deep to parse safely.
            return new ParsedScript(null, new ScriptDiagnostic(1, 1, ex.InnerException?.Message ?? ex.Message), HasRegExpLiteral: false, Globals: null);
        }
    }

    private sealed class Entry(ParsedScript script)
    {
        public ParsedScript Script { get; } = script;

        // Read and written without a lock: a stale stamp only makes eviction pick a slightly different victim.
        public long LastUsed { get; set; }
    }
}

/// <summary>Either a prepared script or the syntax error that prevented it.</summary>
/// <param name="HasRegExpLiteral">Whether the script can reach a RegExp without reading the <c>RegExp</c> global.</param>
/// <param name="Globals">The free identifiers the script names: which host globals it can ask for.</param>
/// <param name="NamesToLocaleString">Whether the script's text names <c>toLocaleString</c> (a number reaches it without naming a global).</param>
/// <param name="NamesParent">Whether the script's text names <c>parent</c> (<c>module.parent</c>: the hook's module gets one only then).</param>
internal sealed record ParsedScript(Prepared<Script>? Script, ScriptDiagnostic? Error, bool HasRegExpLiteral, ReferencedGlobals? Globals, bool NamesToLocaleString = false,
    bool NamesParent = false);
