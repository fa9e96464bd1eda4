using System.Globalization;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// The hook's <c>console</c>, as Node 20's: the logging methods format with <see cref="ConsoleFormatter"/> (Node's
/// <c>util.format</c>), plus <c>dir</c>, <c>table</c>, <c>group</c>, <c>time</c>, <c>count</c> and <c>assert</c>. Lines go to
/// the invocation's bounded <see cref="ConsoleCapture"/> with their level (<c>log</c>/<c>info</c>/<c>debug</c> were
/// Node's stdout, <c>warn</c>/<c>error</c>/<c>trace</c> its stderr).
/// </summary>
internal sealed class NodeConsole
{
    private static readonly string[] Levels = ["log", "info", "warn", "error", "debug", "trace"];

    private readonly NodeRuntime _runtime;
    private readonly Engine _engine;
    private string _indent = string.Empty;
    private Dictionary<string, long>? _timers;
    private Dictionary<string, int>? _counts;

    private NodeConsole(NodeRuntime runtime)
    {
        _runtime = runtime;
        _engine = runtime.Engine;
    }

    /// <summary>Builds the <c>console</c> object of one invocation.</summary>
    public static JsObject Create(NodeRuntime runtime)
    {
        var self = new NodeConsole(runtime);
        var console = new JsObject(runtime.Engine);
        foreach (var level in Levels)
        {
            self.Add(console, level, args => self.Log(level, args));
        }

        self.Add(console, "dirxml", args => self.Log("log", args));
        self.Add(console, "dir", self.Dir);
        self.Add(console, "table", self.Table);
        self.Add(console, "group", self.Group);
        self.Add(console, "groupCollapsed", self.Group);
        self.Add(console, "groupEnd", self.GroupEnd);
        self.Add(console, "time", self.Time);
        self.Add(console, "timeEnd", args => self.TimeEnd(args, end: true));
        self.Add(console, "timeLog", args => self.TimeEnd(args, end: false));
        self.Add(console, "count", self.Count);
        self.Add(console, "countReset", self.CountReset);
        self.Add(console, "assert", self.Assert);
        return console;
    }

    private void Add(JsObject console, string name, Func<JsValue[], JsValue> body) =>
        console.FastSetProperty(name, new PropertyDescriptor(new ClrFunction(_engine, name, (_, args) => body(args)), PropertyFlag.ConfigurableEnumerableWritable));

    private JsValue Log(string level, JsValue[] args)
    {
        var budget = _runtime.Output.Remaining;
        if (budget > 0)
        {
            var message = ConsoleFormatter.Format(_engine, args, budget);
            Write(level, level == "trace" ? "Trace: " + message : message);
        }

        return JsValue.Undefined;
    }

    /// <summary>Writes one message, indented by the open groups on every line as Node does.</summary>
    private void Write(string level, string message)
    {
        if (_indent.Length > 0)
        {
            message = _indent + message.Replace("\n", "\n" + _indent, StringComparison.Ordinal);
        }

        _runtime.Output.Write(level, message);
    }

    private JsValue Dir(JsValue[] args)
    {
        var options = InspectOptions.Default;
        if (args.Length > 1 && args[1] is ObjectInstance given)
        {
            options = NodeUtil.ReadInspectOptions(given, options);
        }

        var budget = _runtime.Output.Remaining;
        if (budget > 0)
        {
            Write("log", ConsoleFormatter.Inspect(_engine, args.Length > 0 ? args[0] : JsValue.Undefined, options, budget));
        }

        return JsValue.Undefined;
    }

    private JsValue Group(JsValue[] args)
    {
        if (args.Length > 0)
        {
            Log("log", args);
        }

        _indent += "  ";
        return JsValue.Undefined;
    }

    private JsValue GroupEnd(JsValue[] args)
    {
        if (_indent.Length >= 2)
        {
            _indent = _indent[..^2];
        }

        return JsValue.Undefined;
    }

    private static string Label(JsValue[] args) =>
        args.Length > 0 && !args[0].IsUndefined() ? TypeConverter.ToString(args[0]) : "default";

    private JsValue Time(JsValue[] args)
    {
        var label = Label(args);
        _timers ??= new(StringComparer.Ordinal);
        if (_timers.ContainsKey(label))
        {
            Warning($"Label '{label}' already exists for console.time()");
            return JsValue.Undefined;
        }

        _timers[label] = System.Diagnostics.Stopwatch.GetTimestamp();
        return JsValue.Undefined;
    }

    private JsValue TimeEnd(JsValue[] args, bool end)
    {
        var label = Label(args);
        if (_timers is null || !_timers.TryGetValue(label, out var started))
        {
            Warning($"No such label '{label}' for console.{(end ? "timeEnd" : "timeLog")}()");
            return JsValue.Undefined;
        }

        if (end)
        {
            _timers.Remove(label);
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var text = $"{label}: {FormatTime(elapsed)}";
        if (!end && args.Length > 1)
        {
            text += " " + ConsoleFormatter.Format(_engine, args[1..], _runtime.Output.Remaining);
        }

        Write("log", text);
        return JsValue.Undefined;
    }

    /// <summary>Node's <c>formatTime</c>: milliseconds, seconds, or m:ss / h:mm:ss with three decimals.</summary>
    internal static string FormatTime(double ms)
    {
        var c = CultureInfo.InvariantCulture;
        if (ms >= 3_600_000)
        {
            var hours = Math.Floor(ms / 3_600_000);
            var minutes = Math.Floor(ms % 3_600_000 / 60_000);
            var seconds = ms % 60_000 / 1000;
            return string.Create(c, $"{hours}:{minutes:00}:{seconds:00.000} (h:mm:ss.mmm)");
        }

        if (ms >= 60_000)
        {
            var minutes = Math.Floor(ms / 60_000);
            var seconds = ms % 60_000 / 1000;
            return string.Create(c, $"{minutes}:{seconds:00.000} (m:ss.mmm)");
        }

        // Node: seconds with toFixed(3); milliseconds as Number(ms.toFixed(3)), so trailing zeros go.
        return ms >= 1000 ? string.Create(c, $"{ms / 1000:0.000}s") : string.Create(c, $"{Math.Round(ms, 3, MidpointRounding.AwayFromZero):0.###}ms");
    }

    private JsValue Count(JsValue[] args)
    {
        var label = Label(args);
        _counts ??= new(StringComparer.Ordinal);
        _counts[label] = _counts.GetValueOrDefault(label) + 1;
        Write("log", string.Create(CultureInfo.InvariantCulture, $"{label}: {_counts[label]}"));
        return JsValue.Undefined;
    }

    private JsValue CountReset(JsValue[] args)
    {
        var label = Label(args);
        if (_counts is null || !_counts.Remove(label))
        {
            Warning($"Count for '{label}' does not exist");
        }

        return JsValue.Undefined;
    }

    private JsValue Assert(JsValue[] args)
    {
        if (args.Length > 0 && TypeConverter.ToBoolean(args[0]))
        {
            return JsValue.Undefined;
        }

        var rest = args.Length > 1 ? args[1..] : [];
        var head = rest.Length == 0 ? "Assertion failed" : "Assertion failed: " + TypeConverter.ToString(rest[0]);
        JsValue[] message = [JsString.Create(head), .. rest.Skip(1)];
        Log("warn", message);
        return JsValue.Undefined;
    }

    /// <summary>A process warning, as Node prints it to stderr.</summary>
    private void Warning(string text) => _runtime.Output.Write("warn", $"(node:{NodeRuntime.ProcessId}) Warning: {text}");

    private JsValue Table(JsValue[] args)
    {
        var data = args.Length > 0 ? args[0] : JsValue.Undefined;
        var properties = args.Length > 1 && args[1] is JsArray props ? props : null;
        if (data is not ObjectInstance tabular || tabular is Jint.Native.Function.Function)
        {
            return Log("log", [data]);
        }

        List<string> head;
        List<List<string?>> columns;
        switch (tabular)
        {
            case JsMap map:
            {
                List<string?> keys = [], values = [];
                foreach (var (key, value) in map)
                {
                    keys.Add(TableInspect(key));
                    values.Add(TableInspect(value));
                }

                head = ["(iteration index)", "Key", "Values"];
                columns = [IndexColumn(keys.Count), keys, values];
                break;
            }

            case JsSet set:
            {
                List<string?> values = [];
                foreach (var value in set)
                {
                    values.Add(TableInspect(value));
                }

                head = ["(iteration index)", "Values"];
                columns = [IndexColumn(values.Count), values];
                break;
            }

            default:
                (head, columns) = ObjectTable(tabular, properties);
                break;
        }

        Write("log", RenderTable(head, columns));
        return JsValue.Undefined;
    }

    private static List<string?> IndexColumn(int length)
    {
        var column = new List<string?>(length);
        for (var i = 0; i < length; i++)
        {
            column.Add(i.ToString(CultureInfo.InvariantCulture));
        }

        return column;
    }

    private (List<string> Head, List<List<string?>> Columns) ObjectTable(ObjectInstance tabular, JsArray? properties)
    {
        var map = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        var order = new List<string>();
        var hasPrimitives = false;
        var valuesColumn = new List<string?>();
        var indexKeys = OwnEnumerableKeys(tabular);
        for (var i = 0; i < indexKeys.Count; i++)
        {
            var item = tabular.Get(indexKeys[i]);
            var primitive = item is not ObjectInstance;
            if (properties is null && primitive)
            {
                hasPrimitives = true;
                SetAt(valuesColumn, i, TableInspect(item));
                continue;
            }

            var keys = properties is not null
                ? properties.Select(p => TypeConverter.ToString(p)).ToList()
                : OwnEnumerableKeys((ObjectInstance)item);
            foreach (var key in keys)
            {
                if (!map.TryGetValue(key, out var column))
                {
                    map[key] = column = [];
                    order.Add(key);
                }

                var has = item is ObjectInstance itemObject && itemObject.GetOwnProperty(key) != PropertyDescriptor.Undefined;
                SetAt(column, i, (primitive && properties is not null) || !has ? string.Empty : TableInspect(((ObjectInstance)item).Get(key)));
            }
        }

        var head = new List<string> { "(index)" };
        var columns = new List<List<string?>> { indexKeys.Cast<string?>().ToList() };
        foreach (var key in order)
        {
            head.Add(key);
            columns.Add(map[key]);
        }

        if (hasPrimitives)
        {
            head.Add("Values");
            columns.Add(valuesColumn);
        }

        return (head, columns);
    }

    private static void SetAt(List<string?> column, int index, string value)
    {
        while (column.Count <= index)
        {
            column.Add(null); // a hole: printed empty
        }

        column[index] = value;
    }

    private static List<string> OwnEnumerableKeys(ObjectInstance obj)
    {
        var keys = new List<string>();
        foreach (var key in obj.GetOwnPropertyKeys(Types.String))
        {
            var descriptor = obj.GetOwnProperty(key);
            if (descriptor != PropertyDescriptor.Undefined && descriptor.Enumerable)
            {
                keys.Add(key.ToString());
            }
        }

        return keys;
    }

    private string TableInspect(JsValue value)
    {
        var depth = value is ObjectInstance obj and not JsArray && OwnEnumerableKeys(obj).Count > 2 ? -1 : 0;
        return ConsoleFormatter.Inspect(_engine, value, new InspectOptions { Depth = depth, MaxArrayLength = 3, BreakLength = int.MaxValue }, Math.Max(_runtime.Output.Remaining, 0));
    }

    /// <summary>Node's <c>internal/cli_table</c>: box-drawing borders, cells left-aligned.</summary>
    private static string RenderTable(List<string> head, List<List<string?>> columns)
    {
        var widths = head.Select(h => h.Length).ToArray();
        var rowCount = columns.Count == 0 ? 0 : columns.Max(c => c.Count);
        var rows = new string[rowCount][];
        for (var r = 0; r < rowCount; r++)
        {
            rows[r] = new string[head.Count];
            for (var c = 0; c < head.Count; c++)
            {
                var value = r < columns[c].Count ? columns[c][r] ?? string.Empty : string.Empty;
                rows[r][c] = value;
                widths[c] = Math.Max(widths[c], value.Length);
            }
        }

        var divider = widths.Select(w => new string('─', w + 2)).ToArray();
        var sb = new StringBuilder();
        sb.Append('┌').AppendJoin('┬', divider).Append("┐\n");
        RenderRow(sb, head, widths);
        sb.Append('├').AppendJoin('┼', divider).Append("┤\n");
        foreach (var row in rows)
        {
            RenderRow(sb, row, widths);
        }

        sb.Append('└').AppendJoin('┴', divider).Append('┘');
        return sb.ToString();
    }

    private static void RenderRow(StringBuilder sb, IReadOnlyList<string> row, int[] widths)
    {
        sb.Append("│ ");
        for (var i = 0; i < row.Count; i++)
        {
            sb.Append(row[i]).Append(' ', widths[i] - row[i].Length);
            if (i != row.Count - 1)
            {
                sb.Append(" │ ");
            }
        }

        sb.Append(" │\n");
    }
}
