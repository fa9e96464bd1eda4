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
    private static readonly ScriptPreparationOptions Preparation = new() { CollectReferencedGlobals = true };

    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Returns the prepared script, or the diagnostic of why it does not parse.</summary>
    public ParsedScript GetOrParse(string source)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(source, out var hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.Script;
            }
        }

        // Parsing happens outside the lock: two threads racing on a new script both parse, one wins.
        var parsed = Parse(source);
        lock (_lock)
        {
            if (_entries.TryGetValue(source, out var raced))
            {
                return raced.Value.Script;
            }

            var node = _recency.AddFirst(new Entry(source, parsed));
            _entries.Add(source, node);
            if (_entries.Count > capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Source);
            }
        }

        return parsed;
    }

    /// <summary>
    /// Prepares without caching. Diagnostics use the very same preparation as execution: Jint's static analysis
    /// refuses some scripts the bare parser accepts (nesting deeper than it supports).
    /// </summary>
    public static ParsedScript Parse(string source)
    {
        try
        {
            var prepared = Engine.PrepareScript(source, SourceName, strict: false, Preparation);
            return new ParsedScript(
                prepared,
                null,
                prepared.Program?.DescendantNodes().Any(static node => node is RegExpLiteral) ?? true,
                prepared.ReferencedGlobals);
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

    private sealed record Entry(string Source, ParsedScript Script);
}

/// <summary>Either a prepared script or the syntax error that prevented it.</summary>
/// <param name="HasRegExpLiteral">Whether the script can reach a RegExp without reading the <c>RegExp</c> global.</param>
/// <param name="Globals">The free identifiers the script names: which host globals it can ask for.</param>
internal sealed record ParsedScript(Prepared<Script>? Script, ScriptDiagnostic? Error, bool HasRegExpLiteral, ReferencedGlobals? Globals);
