using Jint.Native;

namespace HooksDashboard.Execution;

/// <summary>
/// What <c>context.webtask</c> holds besides <c>storage</c> for one hook with one set of secrets: <c>secrets</c> and
/// <c>data</c> (webtask's overlay of query, params and secrets, hence the secrets), <c>meta</c>, and empty
/// <c>headers</c>, <c>query</c> and <c>body</c>. The executor builds the script's objects from it straight into the
/// context argument, fresh for every invocation (a script may change them; the next invocation must not see it); only
/// the names and the immutable string values are made once, so the runtime path keeps one per cached hook.
/// </summary>
public sealed class WebtaskContext
{
    /// <param name="secrets">The secrets by name, in the order the script sees them.</param>
    /// <param name="meta">The webtask's metadata, in order (see <c>HookRunner.WebtaskMeta</c>).</param>
    public WebtaskContext(IReadOnlyDictionary<string, string> secrets, IEnumerable<KeyValuePair<string, string>> meta)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(meta);
        Secrets = [.. secrets.Select(s => new KeyValuePair<string, JsValue>(s.Key, Text(s.Value)))];
        Meta = [.. meta.Select(m => new KeyValuePair<string, JsValue>(m.Key, Text(m.Value)))];
    }

    // JsString values are immutable and belong to no engine: sharing them between invocations and engines is invisible.
    internal KeyValuePair<string, JsValue>[] Secrets { get; }

    internal KeyValuePair<string, JsValue>[] Meta { get; }

    // A null value is JSON's null, as it was when the context was a JSON object.
    private static JsValue Text(string? value) => value is null ? JsValue.Null : JsString.Create(value);
}
