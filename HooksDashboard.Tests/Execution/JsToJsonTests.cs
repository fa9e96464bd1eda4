using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution;

/// <summary>
/// The hook's result straight to <see cref="JsonNode"/> (<see cref="JsToJson"/>) against the former conversion (Jint's
/// serializer to UTF-8, then <c>JsonNode.Parse</c>), through the real executor: same nodes, same text, same errors.
/// </summary>
public sealed class JsToJsonTests
{
    private readonly JintHookExecutor _executor = new();

    public static TheoryData<string> Values() =>
    [
        "undefined", "null", "true", "false", "0", "-0", "0.1", "1e21", "1e-7", "5e-324", "1.7976931348623157e308",
        "123456789012345680000", "9007199254740993", "1e15", "-1e16", "0.30000000000000004", "NaN", "-Infinity",
        "'plain'", "''", "'quote \" backslash \\\\ \\b\\f\\n\\r\\t \\u0001 \\u001f \\u007f'", "'\\u2028\\u2029 <script> &amp; é 日本 😀'",
        "'\\ud800'", "{ s: 'a\\udc00b' }", "[ '\\ud83d' ]",
        "function () {}", "Symbol('x')",
        "{ a: 1, b: 'x', c: [1, 2, { d: null }], e: { f: { g: true } } }",
        "{ 2: 'two', b: 1, 1: 'one', a: 2, '-1': 3, '01': 4, 4294967295: 5 }",
        "{ u: undefined, f: function () {}, s: Symbol('s'), n: null, k: 1 }",
        "[undefined, function () {}, Symbol('s'), null, 1]",
        "[1, , 3, , ]", "(function () { var a = []; a[5] = 1; return a; })()", "new Array(3)",
        "{ d: new Date(0) }", "new Date(Date.UTC(2020, 1, 2, 3, 4, 5, 6))",
        "{ t: { toJSON: function (k) { return 'key:' + k; } } }",
        "[{ toJSON: function (k) { return typeof k + ':' + k; } }]",
        "{ toJSON: function (k) { return typeof k + ':' + k; } }",
        "{ x: { toJSON: function () { return undefined; } }, y: 1 }",
        "{ x: { toJSON: function () { return function () {}; } } }",
        "[{ toJSON: function () { return undefined; } }]",
        "{ toJSON: function () { return undefined; } }",
        "(function () { function P() { this.a = 1; } P.prototype.toJSON = function () { return { viaProto: this.a }; }; return { p: new P() }; })()",
        "(function () { class C { constructor() { this.x = 1; this.y = [2]; } get z() { return 3; } m() {} } return new C(); })()",
        "{ get g() { return 'got'; }, set s(v) {}, n: 1 }",
        "(function () { var log = []; var o = { get a() { log.push('a'); return 1; }, get b() { log.push('b'); return log.join(); } }; return o; })()",
        "Object.defineProperty({ v: 1 }, 'hidden', { value: 2, enumerable: false })",
        "Object.freeze({ a: [1, 2], b: { c: 'd' } })",
        "(function () { var o = { a: 1 }; o[Symbol('k')] = 2; return o; })()",
        "JSON.parse('{\"__proto__\": {\"x\": 1}, \"y\": 2}')",
        "Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true } })",
        "Object.create(null)",
        "{ n: new Number(3), s: new String('str'), b: new Boolean(false), b2: new Boolean(true) }",
        "Object.assign(new Number(3), { valueOf: function () { return 7; } })",
        "Object.assign(new String('s'), { toString: function () { return 'custom'; } })",
        "[new Map([[1, 2]]), new Set([1]), new WeakMap(), /re/g, new Error('e'), Math]",
        "new Uint8Array([1, 2, 3])", "{ f: new Float64Array([0.5, -0, NaN]) }", "new ArrayBuffer(4)",
        "(function () { return arguments; })(1, 'a')",
        "new Proxy({ a: 1, b: 2 }, {})",
        "new Proxy([1, 2, 3], {})",
        "(function () { var log = []; var p = new Proxy({ a: 1, b: 2, c: 3 }, { ownKeys: function (t) { log.push('ownKeys'); return ['c', 'a', 'b']; }, getOwnPropertyDescriptor: function (t, k) { log.push('gopd:' + k); return k === 'b' ? undefined : Reflect.getOwnPropertyDescriptor(t, k); }, get: function (t, k, r) { log.push('get:' + String(k)); return k === 'toJSON' ? undefined : t[k]; } }); return { p: p, log: log }; })()",
        "(function () { var a = [1, 2]; a.extra = 'x'; return a; })()",
        "{ nested: [[[[[[[[[[1]]]]]]]]]] }",
        "(function () { var s = ''; for (var i = 0; i < 200; i++) s += String.fromCharCode(i * 37 % 0x3000); return { s: s }; })()",
        "{ '': 'empty key', 'ключ': 'значение', '\\u2028': 1, 'a\"b': 2 }",
        "(function () { var o = {}; for (var i = 0; i < 300; i++) o['k' + i] = i * 1.5; return o; })()",
        "{ big: 12345678901234567890, small: -0.000001, neg: -5, e: 2.5e-8 }",
        "{ raw: JSON.rawJSON('12345678901234567890'), list: [JSON.rawJSON('\"text\"'), JSON.rawJSON('null')] }",
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Convert_Value_MatchesSerializeThenParse(string expression)
    {
        var script = $"module.exports = function (cb) {{ var v = ({expression}); cb(null, v); }};";
        var (legacy, direct) = await RunBothAsync(script);

        AssertSameOutcome(legacy, direct);
        Assert.Equal(Kinds(legacy.Data), Kinds(direct.Data));
    }

    public static TheoryData<string> Errors() =>
    [
        "cb(null, { n: 1n })",
        "cb(null, [1, 2n])",
        "cb(null, Object(3n))",
        "var o = { a: {} }; o.a.self = o; cb(null, o)",
        "var a = [1]; a.push(a); cb(null, a)",
        "cb(null, { get boom() { throw new RangeError('getter failed'); } })",
        "cb(null, { t: { toJSON: function () { throw new TypeError('toJSON failed'); } } })",
        "cb(null, new Proxy({}, { ownKeys: function () { throw new Error('trap failed'); } }))",
        "var r = Proxy.revocable({}, {}); r.revoke(); cb(null, { p: r.proxy })",
        "var o = {}, c = o; for (var i = 0; i < 63; i++) { c.a = {}; c = c.a; } cb(null, o)",
        "var o = {}, c = o; for (var i = 0; i < 64; i++) { c.a = {}; c = c.a; } cb(null, o)",
        "var o = {}, c = o; for (var i = 0; i < 70; i++) { c.x = [1, {}]; c = c.x[1]; } cb(null, o)",
        "var a = [], c = a; for (var i = 0; i < 64; i++) { var n = ['x']; c.push(n); c = n; } cb(null, { a: 1, arr: a })",
        "var a = [], c = a; for (var i = 0; i < 63; i++) { var n = []; c.push(n); c = n; } cb(null, a)",
        "var o = {}, c = o; for (var i = 0; i < 80; i++) { c.a = {}; c = c.a; } cb(null, { pad: 'x'.repeat(2000), o: o })",
        "cb(null, { s: 'x'.repeat(1500) })",
        "cb(null, { s: '\\u2028'.repeat(400) })",
        "cb(null, { s: '\\u0001\"'.repeat(150) })",
        "cb(null, { s: 'é😀\\ud800'.repeat(100) })",
        "cb(null, new Array(600))",
        "BigInt.prototype.toJSON = function () { return this.toString(); }; cb(null, { n: 12n })",
        "cb(null, { d: new Date(NaN) })",
        "cb(null, 'a'); cb(null, 'b')",
        "cb(null, { toJSON: function () { cb(null, 'inner'); return 'outer'; } })",
    ];

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Convert_LimitsAndErrors_MatchSerializeThenParse(string body)
    {
        var script = $"module.exports = function (cb) {{ {body} }};";
        var (legacy, direct) = await RunBothAsync(script, new ExecutionLimits { TimeoutMs = 10_000, MaxResultBytes = 1024 });

        AssertSameOutcome(legacy, direct);
    }

    /// <summary>The same outcome on both paths: status, error (kind, name, message) and data (equal nodes, same text).</summary>
    private static void AssertSameOutcome(ExecutionResult legacy, ExecutionResult direct)
    {
        Assert.True(legacy.Status == direct.Status, $"{legacy.Status} {legacy.Error?.Message} against {direct.Status} {direct.Error?.Message}");
        Assert.Equal(legacy.Error?.Kind, direct.Error?.Kind);
        Assert.Equal(legacy.Error?.Name, direct.Error?.Name);
        Assert.Equal(legacy.Error?.Message, direct.Error?.Message);
        Assert.True(DeepEquals(legacy.Data, direct.Data), $"legacy {Text(legacy.Data)} direct {Text(direct.Data)}");
        Assert.Equal(Text(legacy.Data), Text(direct.Data));
    }

    [Fact]
    public async Task Convert_Values_MatchNodesJsonStringify()
    {
        // Node 20 is the reference where it is installed; JSON.rawJSON came after Node 20.
        var expressions = Values().Cast<object[]>().Select(row => (string)row[0]).Where(e => !e.Contains("rawJSON", StringComparison.Ordinal)).ToArray();
        var output = NodeOracle.RunScript(string.Join("\n", expressions.Select(e => $"console.log(JSON.stringify({e}));")));
        if (output is null)
        {
            return;
        }

        var lines = output.Split('\n');
        for (var i = 0; i < expressions.Length; i++)
        {
            if (lines[i].Contains("\\ud", StringComparison.OrdinalIgnoreCase))
            {
                continue; // a lone surrogate: no JsonNode reads it back (the serializer oracle above covers those)
            }

            var result = await _executor.RunAsync($"module.exports = function (cb) {{ cb(null, ({expressions[i]})); }};");
            var expected = lines[i] == "undefined" ? null : JsonNode.Parse(lines[i]);
            Assert.True(JsonNode.DeepEquals(expected, result.Data), $"{expressions[i]}: node {lines[i]}, here {Text(result.Data)}");
        }
    }

    [Fact]
    public void Supported_WithThisJintVersion_FindsEveryInternalTypeItTellsApart()
    {
        // Without one of them the executor falls back to the serializer; the direct walk would then go untested.
        var missing = typeof(JsToJson).GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)
            .Where(f => (f.FieldType == typeof(Type) || f.FieldType == typeof(System.Reflection.FieldInfo)) && f.GetValue(null) is null)
            .Select(f => f.Name);
        Assert.True(JsToJson.Supported, "not found: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Convert_Numbers_ReadAsEveryNumericTypeAsParsedNodesDid()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { cb(null, { i: 5, d: 2.5, big: 1e21, list: [7] }); };");
        var data = result.AssertSuccess()!;

        Assert.Equal(5, data["i"]!.GetValue<int>());
        Assert.Equal(5L, data["i"]!.GetValue<long>());
        Assert.Equal(5.0, data["i"]!.GetValue<double>());
        Assert.Equal(2.5m, data["d"]!.GetValue<decimal>());
        Assert.Equal(7, data["list"]![0]!.GetValue<int>());
        Assert.Equal("{\"i\":5,\"d\":2.5,\"big\":1e+21,\"list\":[7]}", data.ToJsonString());
    }

    [Fact]
    public async Task Convert_LegacySwitch_SelectsTheSerializer()
    {
        // The oracle above is only worth something if the switch reaches the invocation: the parsed path's strings
        // are backed by the document, the direct path's are plain strings.
        var (legacy, direct) = await RunBothAsync("module.exports = function (cb) { cb(null, { s: 'x' }); };");
        Assert.Equal("JsonValueOfElement", legacy.Data!["s"]!.GetType().Name);
        Assert.NotEqual("JsonValueOfElement", direct.Data!["s"]!.GetType().Name);
    }

    private async Task<(ExecutionResult Legacy, ExecutionResult Direct)> RunBothAsync(string script, ExecutionLimits? limits = null)
    {
        limits ??= ExecutorTestExtensions.TestLimits;
        ExecutionResult legacy;
        JintInvocation.ResultThroughSerializerForTests = true;
        try
        {
            legacy = await _executor.RunAsync(limits, script);
        }
        finally
        {
            JintInvocation.ResultThroughSerializerForTests = false;
        }

        var direct = await _executor.RunAsync(limits, script);
        return (legacy, direct);
    }

    // A string with a lone surrogate was, and still is, a node that cannot be read: compared by its text then.
    private static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        try
        {
            return JsonNode.DeepEquals(a, b);
        }
        catch (InvalidOperationException)
        {
            return Text(a) == Text(b);
        }
    }

    private static string Text(JsonNode? node)
    {
        try
        {
            return node?.ToJsonString() ?? "<null>";
        }
        catch (InvalidOperationException ex)
        {
            return "throws " + ex.Message;
        }
    }

    private static string Kinds(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.Select(p => p.Key + ":" + Kinds(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Kinds)) + "]",
        JsonValue v => v.GetValueKind().ToString(),
        _ => "?",
    };
}
