using System.Text;

namespace HooksDashboard.Hooks;

/// <summary>
/// A unified diff (<c>diff -u</c>'s format, which <c>patch</c> and <c>git apply</c> read) between two texts, line by
/// line, by Myers' O((N+M)D) algorithm after the common head and tail are set aside. Used to compare hook versions on
/// the command line. Texts so different that the edit script would cost too much memory are shown as one hunk that
/// removes every old line and adds every new one: still a correct patch.
/// </summary>
public static class UnifiedDiff
{
    /// <summary>Above this many differences the minimal script is not searched (its trace grows with the square).</summary>
    public const int MaxEditDistance = 4000;

    private const string NoNewline = "\\ No newline at end of file";

    private enum Op { Equal, Delete, Insert }

    /// <summary>The diff of <paramref name="oldText"/> to <paramref name="newText"/>, or "" when they are equal.</summary>
    /// <param name="oldLabel">Shown after <c>---</c>, e.g. "my-hook v3".</param>
    /// <param name="newLabel">Shown after <c>+++</c>.</param>
    /// <param name="context">Unchanged lines shown around each change (diff's default is 3).</param>
    public static string Create(string oldText, string newText, string oldLabel, string newLabel, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        if (string.Equals(oldText, newText, StringComparison.Ordinal))
            return "";

        var a = Lines(oldText);
        var b = Lines(newText);
        var ops = EditScript(a, b);
        var output = new StringBuilder();
        output.Append("--- ").Append(oldLabel).Append('\n');
        output.Append("+++ ").Append(newLabel).Append('\n');
        foreach (var (start, end) in Hunks(ops, context))
            WriteHunk(output, ops, start, end, a, b);
        return output.ToString();
    }

    /// <summary>A text's lines; a last line without a newline keeps a marker so it differs from the same line with one.</summary>
    private static List<Line> Lines(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(new Line(text[start..], false));
                break;
            }
            lines.Add(new Line(text[start..end], true));
            start = end + 1;
        }
        return lines;
    }

    private readonly record struct Line(string Text, bool HasNewline);

    private readonly record struct Step(Op Op, int OldIndex, int NewIndex);

    /// <summary>The steps from a to b: every old line deleted or kept, every new line inserted or kept, in order.</summary>
    private static List<Step> EditScript(List<Line> a, List<Line> b)
    {
        var head = 0;
        while (head < a.Count && head < b.Count && a[head] == b[head])
            head++;
        var tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && a[a.Count - 1 - tail] == b[b.Count - 1 - tail])
            tail++;

        var steps = new List<Step>(a.Count + b.Count);
        for (var i = 0; i < head; i++)
            steps.Add(new Step(Op.Equal, i, i));
        // Lines compared as numbers: equal texts get equal ids.
        var ids = new Dictionary<Line, int>();
        int Id(Line line) => ids.TryGetValue(line, out var id) ? id : ids[line] = ids.Count;
        var x = a.Skip(head).Take(a.Count - head - tail).Select(Id).ToArray();
        var y = b.Skip(head).Take(b.Count - head - tail).Select(Id).ToArray();
        foreach (var step in Middle(x, y) ?? Replace(x.Length, y.Length))
            steps.Add(step with { OldIndex = step.OldIndex + head, NewIndex = step.NewIndex + head });
        for (var i = tail; i > 0; i--)
            steps.Add(new Step(Op.Equal, a.Count - i, b.Count - i));
        return steps;
    }

    private static IEnumerable<Step> Replace(int n, int m)
    {
        for (var i = 0; i < n; i++)
            yield return new Step(Op.Delete, i, 0);
        for (var j = 0; j < m; j++)
            yield return new Step(Op.Insert, n, j);
    }

    /// <summary>Myers' greedy search with its trace kept for the walk back; null when the distance passes <see cref="MaxEditDistance"/>.</summary>
    private static List<Step>? Middle(int[] a, int[] b)
    {
        int n = a.Length, m = b.Length, max = n + m;
        if (max == 0)
            return [];
        var offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            if (d > MaxEditDistance)
                return null;
            // What step d reads: v[k-1] and v[k+1] for k in [-d, d].
            trace.Add(v[(offset - d - 1)..(offset + d + 2)]);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m)
                    return Backtrack(trace, n, m);
            }
        }
        return null;
    }

    private static List<Step> Backtrack(List<int[]> trace, int n, int m)
    {
        var steps = new List<Step>();
        int x = n, y = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var v = trace[d];
            int At(int k) => v[k + d + 1];
            var k = x - y;
            var previousK = k == -d || (k != d && At(k - 1) < At(k + 1)) ? k + 1 : k - 1;
            var previousX = At(previousK);
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                x--;
                y--;
                steps.Add(new Step(Op.Equal, x, y));
            }
            if (d > 0)
                steps.Add(x == previousX ? new Step(Op.Insert, x, y - 1) : new Step(Op.Delete, x - 1, y));
            (x, y) = (previousX, previousY);
        }
        steps.Reverse();
        return steps;
    }

    /// <summary>Ranges of steps [start, end) to print: each change with up to <paramref name="context"/> kept lines around it, close ones merged.</summary>
    private static List<(int Start, int End)> Hunks(List<Step> steps, int context)
    {
        var hunks = new List<(int Start, int End)>();
        var i = 0;
        while (i < steps.Count)
        {
            if (steps[i].Op == Op.Equal)
            {
                i++;
                continue;
            }
            var start = Math.Max(0, i - context);
            if (hunks.Count > 0 && start <= hunks[^1].End)
            {
                start = hunks[^1].Start;
                hunks.RemoveAt(hunks.Count - 1);
            }
            var end = i;
            while (end < steps.Count && steps[end].Op != Op.Equal)
                end++;
            hunks.Add((start, Math.Min(steps.Count, end + context)));
            i = end;
        }
        return hunks;
    }

    private static void WriteHunk(StringBuilder output, List<Step> steps, int start, int end, List<Line> a, List<Line> b)
    {
        var oldCount = 0;
        var newCount = 0;
        for (var i = start; i < end; i++)
        {
            if (steps[i].Op != Op.Insert)
                oldCount++;
            if (steps[i].Op != Op.Delete)
                newCount++;
        }
        // diff's convention: an empty range starts at the line before it (0 at the top).
        var oldStart = oldCount == 0 ? steps[start].OldIndex : steps[start].OldIndex + 1;
        var newStart = newCount == 0 ? steps[start].NewIndex : steps[start].NewIndex + 1;
        output.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
        for (var i = start; i < end; i++)
        {
            var step = steps[i];
            var line = step.Op == Op.Insert ? b[step.NewIndex] : a[step.OldIndex];
            output.Append(step.Op switch { Op.Equal => ' ', Op.Delete => '-', _ => '+' }).Append(line.Text).Append('\n');
            if (!line.HasNewline)
                output.Append(NoNewline).Append('\n');
        }
    }

    private static string Range(int start, int count) => count == 1 ? $"{start}" : $"{start},{count}";
}
