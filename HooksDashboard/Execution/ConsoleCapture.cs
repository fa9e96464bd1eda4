namespace HooksDashboard.Execution;

/// <summary>
/// Console output of one invocation, bounded by <see cref="ExecutionLimits.MaxConsoleChars"/>: the line that
/// crosses the bound is cut and followed by a marker line, later lines are dropped.
/// </summary>
internal sealed class ConsoleCapture(int maxChars)
{
    private List<ConsoleLine>? _lines; // created on the first line: most runs log nothing
    private int _used;
    private bool _truncated;

    public IReadOnlyList<ConsoleLine> Lines => _lines ?? [];

    /// <summary>Characters still accepted; formatters use it to stop early on huge values.</summary>
    public int Remaining => _truncated ? 0 : maxChars - _used;

    /// <summary>Starts the capture of a new run (a warm engine's next invocation); the lines already returned stay as they were.</summary>
    public void Restart()
    {
        _lines = null;
        _used = 0;
        _truncated = false;
    }

    public void Write(string level, string message)
    {
        if (_truncated)
        {
            return;
        }

        var remaining = maxChars - _used;
        if (message.Length <= remaining)
        {
            (_lines ??= []).Add(new ConsoleLine(level, message));
            _used += message.Length;
            return;
        }

        var cut = remaining;
        if (cut > 0 && char.IsHighSurrogate(message[cut - 1]))
        {
            cut--; // never split a surrogate pair
        }

        if (cut > 0)
        {
            (_lines ??= []).Add(new ConsoleLine(level, message[..cut]));
        }

        (_lines ??= []).Add(new ConsoleLine("warn", $"[console output truncated: the limit of {maxChars} characters was reached]"));
        _truncated = true;
    }
}
