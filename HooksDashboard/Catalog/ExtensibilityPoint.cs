using System.Text.Json.Nodes;

namespace HooksDashboard.Catalog;

/// <summary>A documented field of an argument, e.g. <c>client.metadata</c>; drives editor completion and docs.</summary>
/// <param name="Path">Dotted path below the argument, e.g. <c>metadata</c> or <c>connection.id</c>.</param>
/// <param name="Type">A TypeScript-like type, e.g. <c>string</c>, <c>Record&lt;string, string&gt;</c>.</param>
public sealed record ArgumentField(string Path, string Type, string Description);

/// <summary>One positional argument of a hook function (not counting <c>cb</c>).</summary>
public sealed record HookArgument(string Name, string Type, string Description, IReadOnlyList<ArgumentField> Fields);

/// <summary>The outcome of checking a payload against a point's contract.</summary>
/// <param name="Arguments">The positional arguments (without <c>cb</c>) when valid.</param>
/// <param name="Error">Auth0's exact validation message when invalid.</param>
public sealed record PreparedArguments(IReadOnlyList<JsonNode?>? Arguments, string? Error)
{
    public bool IsValid => Error is null;

    public static PreparedArguments Valid(params JsonNode?[] arguments) => new(arguments, null);

    public static PreparedArguments Invalid(string error) => new(null, error);
}

/// <summary>
/// One extensibility point as data: what the dashboard shows, what the executor is called with and
/// how a result is applied. Pure: no I/O.
/// </summary>
public abstract class ExtensibilityPoint
{
    /// <summary>The triggerId, e.g. <c>credentials-exchange</c>.</summary>
    public abstract string Id { get; }

    public abstract string DisplayName { get; }

    /// <summary>One line saying when the point runs.</summary>
    public abstract string Description { get; }

    /// <summary>Positional arguments, in order, before <c>cb</c>.</summary>
    public abstract IReadOnlyList<HookArgument> Arguments { get; }

    /// <summary>Whether the caller waits for the hook (true) or the hook runs fire-and-forget (false).</summary>
    public abstract bool Blocking { get; }

    /// <summary>The source a new hook of this point starts from.</summary>
    public abstract string Template { get; }

    /// <summary>The default sample payload (Auth0's runner payload), as indented JSON.</summary>
    public abstract string SamplePayload { get; }

    /// <summary>
    /// The payload's shape in one line, as <see cref="PrepareArguments"/> checks it: one property per argument (the
    /// command line's <c>--help</c> and the README show it; <see cref="SamplePayload"/> is a complete example).
    /// </summary>
    public abstract string PayloadShape { get; }

    /// <summary>A fresh, caller-owned parse of <see cref="SamplePayload"/>: the payload used when none is given.</summary>
    public JsonNode ParseSamplePayload() => JsonNode.Parse(SamplePayload)!;

    /// <summary>Index in <see cref="Arguments"/> of <c>context</c>, where <c>webtask</c> is injected.</summary>
    public int ContextArgumentIndex => Arguments.Count - 1;

    /// <summary><c>function (client, scope, audience, context, cb)</c>.</summary>
    public string Signature => $"function ({string.Join(", ", Arguments.Select(a => a.Name))}, cb)";

    /// <summary>
    /// Validates a payload as Auth0 did before calling the hook, and shapes the positional arguments: detached copies,
    /// which the caller may change without touching the payload.
    /// </summary>
    public PreparedArguments PrepareArguments(JsonNode? payload)
    {
        var shaped = ShapeArguments(payload);
        return shaped.IsValid ? PreparedArguments.Valid([.. shaped.Arguments!.Select(a => a?.DeepClone())]) : shaped;
    }

    /// <summary>
    /// <see cref="PrepareArguments"/> without the copies: the arguments are the payload's own nodes where it has them,
    /// for a caller that only reads them (the runner hands them to the executor, which converts them to the script's
    /// own values and never changes them). Changing one would change the payload.
    /// </summary>
    public PreparedArguments PrepareReadOnlyArguments(JsonNode? payload) => ShapeArguments(payload);

    /// <summary>
    /// Validates a payload as Auth0 did before calling the hook, and shapes the positional arguments from the payload's
    /// own nodes (no copies: <see cref="PrepareArguments"/> makes them).
    /// </summary>
    protected abstract PreparedArguments ShapeArguments(JsonNode? payload);

    /// <summary>What the point would apply from the value passed to <c>cb</c>; null when the point ignores results.</summary>
    public abstract JsonObject? ApplyResult(JsonNode? data);
}
