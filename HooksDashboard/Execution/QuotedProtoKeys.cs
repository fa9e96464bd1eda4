using Acornima.Ast;
using AstNode = Acornima.Ast.Node;

namespace HooksDashboard.Execution;

/// <summary>
/// Works around a Jint 4.18 defect: in an object literal, a quoted <c>"__proto__": value</c> (not computed, not
/// shorthand, not a method) must set the new object's prototype as the unquoted form does; Jint makes it an own
/// property named "__proto__". jsdom's style rules are written <c>{"__proto__": null, ...}</c> and then read with
/// <c>Object.keys</c>, so <c>getComputedStyle</c> failed. Such keys are rewritten to the unquoted name, padded with
/// spaces to the same length, so every other position (and so every line and column) stays where it was. Applied
/// with <see cref="AwaitDestructuring"/> when hook scripts and package files are prepared.
/// </summary>
internal static class QuotedProtoKeys
{
    /// <summary>Whether <paramref name="source"/> may hold such a key: a cheap check before any walk.</summary>
    public static bool MayNeed(string source) =>
        source.Contains("__proto__\"", StringComparison.Ordinal) || source.Contains("__proto__'", StringComparison.Ordinal)
        || source.Contains("\\u", StringComparison.Ordinal) && source.Contains("proto", StringComparison.Ordinal);

    /// <summary>The text with every quoted <c>__proto__</c> key of an object literal unquoted, or null when there is none.</summary>
    public static string? Rewrite(AstNode program, string source)
    {
        char[]? text = null;
        var pending = new Stack<AstNode>();
        pending.Push(program);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is ObjectExpression literal)
            {
                foreach (var property in literal.Properties)
                {
                    if (property is Property { Computed: false, Shorthand: false, Method: false, Kind: PropertyKind.Init, Key: StringLiteral { Value: "__proto__" } key }
                        && key.End - key.Start >= "__proto__".Length)
                    {
                        text ??= source.ToCharArray();
                        "__proto__".CopyTo(0, text, key.Start, "__proto__".Length);
                        for (var i = key.Start + "__proto__".Length; i < key.End; i++)
                        {
                            text[i] = ' ';
                        }
                    }
                }
            }

            foreach (var child in node.ChildNodes)
            {
                pending.Push(child);
            }
        }

        return text is null ? null : new string(text);
    }
}
