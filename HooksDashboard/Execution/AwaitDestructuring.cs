using System.Text;
using Acornima;
using Acornima.Ast;
using Jint;
using AstNode = Acornima.Ast.Node;

namespace HooksDashboard.Execution;

/// <summary>
/// Works around a Jint 4.18 defect in suspendable functions: when a destructuring <em>assignment</em> awaits (or, in a
/// generator, yields) in its value — <c>({ a } = await f())</c>, <c>[a] = yield 1</c> — resuming the function runs the
/// statements before it in the same block a second time (an async generator doing so loops forever; a generator
/// throws). A declaration (<c>const { a } = await f()</c>) and a plain assignment (<c>t = await f()</c>) resume
/// correctly, so such an assignment is rewritten to finish its await in a plain assignment to a temporary first:
/// <c>(__hooksAwaited = (await f()), { a } = __hooksAwaited)</c>, with <c>var __hooksAwaited;</c> declared in the
/// enclosing function (after its directives; an arrow's expression body becomes a block that returns it). Lines stay
/// where they were (the line breaks of the text between the pattern and its value move before the value), so stack
/// traces keep their line numbers. Used for hook scripts and for packages' CommonJS and ES module files, when they
/// are prepared; a function whose shape is not handled keeps its text (and the defect), the rest of the file is fixed.
/// </summary>
internal static class AwaitDestructuring
{
    /// <summary>The temporary's name: one per enclosing function is enough, as the value is used at once.</summary>
    public const string Temporary = "__hooksAwaited";

    /// <summary>Whether <paramref name="source"/> may hold such an assignment at all: a cheap check before any walk.</summary>
    public static bool MayNeed(string source) =>
        source.Contains("await", StringComparison.Ordinal) || source.Contains("yield", StringComparison.Ordinal);

    /// <summary>Jint's preparation of <paramref name="source"/>, rewritten first when it holds such an assignment.</summary>
    public static Prepared<Script> PrepareScript(string source, string name, ScriptPreparationOptions options) =>
        V8ErrorTexts.Register(Prepare(source, name, options));

    private static Prepared<Script> Prepare(string source, string name, ScriptPreparationOptions options)
    {
        var prepared = Engine.PrepareScript(source, name, strict: false, options);
        if (prepared.Program is not { } program)
        {
            return prepared;
        }

        if (RewriteSource(program, source) is not { } rewritten)
        {
            return prepared;
        }

        try
        {
            return Engine.PrepareScript(rewritten, name, strict: false, options);
        }
        catch (ScriptPreparationException)
        {
            return prepared; // a rewrite the parser refuses would be this class's defect: the script runs as written
        }
    }

    /// <summary>Whether <paramref name="source"/> may need either rewrite of <see cref="RewriteSource"/>: a cheap check before any parse.</summary>
    public static bool MayNeedAny(string source) => MayNeed(source) || QuotedProtoKeys.MayNeed(source);

    /// <summary>
    /// The text hook scripts and package files run as: <see cref="QuotedProtoKeys"/>' keys unquoted, then this class's
    /// assignments rewritten; null when neither applies. The first rewrite keeps every position, so the second works
    /// on its text with the same tree.
    /// </summary>
    public static string? RewriteSource(AstNode program, string source)
    {
        var fixedKeys = QuotedProtoKeys.MayNeed(source) ? QuotedProtoKeys.Rewrite(program, source) : null;
        var text = fixedKeys ?? source;
        return (MayNeed(text) ? Rewrite(program, text) : null) ?? fixedKeys;
    }

    /// <summary>The rewritten text of <paramref name="source"/> (which <paramref name="program"/> was parsed from), or null when nothing needs it.</summary>
    public static string? Rewrite(AstNode program, string source)
    {
        var matches = new List<(AssignmentExpression Match, AstNode Scope)>();
        Collect(program, matches);
        var edits = new List<Edit>();
        foreach (var scope in matches.Select(static m => m.Scope).Distinct())
        {
            // A scope whose declaration has no safe place (see Declare) keeps its text, and the defect.
            if (Declare(scope, source, edits))
            {
                edits.AddRange(matches.Where(m => m.Scope == scope).Select(static m => new Edit(m.Match.Start, m.Match.End, m.Match, null, m.Match)));
            }
        }

        if (!edits.Exists(static e => e.Match is not null))
        {
            return null;
        }

        // By position, insertions before a match at the same place, otherwise as found (a stable order).
        var renderer = new Renderer(source, [.. edits.OrderBy(static e => e.Start).ThenBy(static e => e.Match is null ? 0 : 1)]);
        return renderer.Render(0, source.Length);
    }

    // A match (the assignment, replaced) or an insertion (Start == End, Text); Owner is the node the edit belongs to
    // (the assignment, or the function holding the declaration), so that a render takes the edits of the nodes inside
    // its span only: an arrow's closing "; }" sits where its body, an assignment, ends, but belongs outside it.
    private sealed record Edit(int Start, int End, AssignmentExpression? Match, string? Text, AstNode Owner);

    // Every destructuring assignment whose value awaits or yields (not inside a nested function), with the function
    // (or the program, for a module's top level) that will hold the temporary.
    private static void Collect(AstNode root, List<(AssignmentExpression, AstNode)> matches)
    {
        var pending = new Stack<(AstNode Node, AstNode Scope)>();
        pending.Push((root, root));
        while (pending.Count > 0)
        {
            var (node, current) = pending.Pop();
            if (node is AssignmentExpression { Operator: Operator.Assignment, Left: ObjectPattern or ArrayPattern } assignment
                && Suspends(assignment.Right))
            {
                matches.Add((assignment, current));
            }

            foreach (var child in node.ChildNodes)
            {
                pending.Push((child, child is IFunction ? child : current));
            }
        }
    }

    private static bool Suspends(AstNode expression)
    {
        var pending = new Stack<AstNode>();
        pending.Push(expression);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is AwaitExpression or YieldExpression)
            {
                return true;
            }

            foreach (var child in node.ChildNodes)
            {
                if (child is not IFunction)
                {
                    pending.Push(child);
                }
            }
        }

        return false;
    }

    // Adds the temporary's declaration to a scope: after a body's directives (a statement before them would end the
    // directive prologue, and with it a "use strict"), or an arrow's expression body turned into a block. False when
    // the arrow's "=>" cannot be found.
    private static bool Declare(AstNode scope, string source, List<Edit> edits)
    {
        const string declaration = " var " + Temporary + ";";
        switch (scope)
        {
            case ArrowFunctionExpression { Body: not FunctionBody } arrow:
            {
                // The block opens where the body's text begins (its parentheses included): "return" right before the
                // expression, never before a line break, which would end the statement there.
                var from = arrow.Params.Count > 0 ? arrow.Params[^1].End : arrow.Start;
                if (ArrowToken(source, from, arrow.Body.Start) is not { } arrowEnd)
                {
                    return false;
                }

                var at = SkipTrivia(source, arrowEnd, arrow.Body.Start);
                edits.Add(new Edit(at, at, null, "{" + declaration + " return ", arrow));
                edits.Add(new Edit(arrow.End, arrow.End, null, "; }", arrow));
                return true;
            }

            case IFunction { Body: FunctionBody body }:
                edits.Add(DeclarationAfterDirectives(body.Body, body.Start + 1, declaration, scope));
                return true;
            case Acornima.Ast.Program program:
                edits.Add(DeclarationAfterDirectives(program.Body, program.Body.Count > 0 ? program.Body[0].Start : 0, declaration, program));
                return true;
            default:
                return false;
        }
    }

    // The position after the arrow's "=>", between its parameters and its body: only ")", "async", whitespace and
    // comments lie there. Null when not found.
    private static int? ArrowToken(string source, int from, int to)
    {
        for (var i = from; i < to - 1; i++)
        {
            if (AfterComment(source, i, to) is { } after)
            {
                i = after - 1;
            }
            else if (source[i] == '=' && source[i + 1] == '>')
            {
                return i + 2;
            }
        }

        return null;
    }

    // The first position from `at` that is not whitespace or a comment, up to `limit`.
    private static int SkipTrivia(string source, int at, int limit)
    {
        while (at < limit)
        {
            if (char.IsWhiteSpace(source[at]))
                at++;
            else if (AfterComment(source, at, limit) is { } after)
                at = after;
            else
                break;
        }

        return Math.Min(at, limit);
    }

    // The position after the comment that starts at `at` (a block, or a line with its line break), `limit` when it
    // runs past it; null when no comment starts there.
    private static int? AfterComment(string source, int at, int limit)
    {
        if (at + 1 >= limit || source[at] != '/' || source[at + 1] is not ('*' or '/'))
            return null;
        var close = source[at + 1] == '*'
            ? source.IndexOf("*/", at + 2, StringComparison.Ordinal) is var block and >= 0 ? block + 2 : -1
            : source.IndexOf('\n', at) is var line and >= 0 ? line + 1 : -1;
        return close < 0 ? limit : Math.Min(close, limit);
    }

    private static Edit DeclarationAfterDirectives(NodeList<Statement> body, int start, string declaration, AstNode owner)
    {
        var at = start;
        foreach (var statement in body)
        {
            if (statement is not Directive)
            {
                break;
            }

            at = statement.End;
        }

        return new Edit(at, at, null, declaration, owner);
    }

    private sealed class Renderer(string source, List<Edit> edits)
    {
        private readonly HashSet<Edit> _done = new(ReferenceEqualityComparer.Instance);

        // The text of [start, end) with the edits inside it applied; a match's two sides are rendered the same way,
        // so an assignment inside another's value, or a function declaring its own temporary, is rewritten too.
        public string Render(int start, int end)
        {
            var text = new StringBuilder(end - start + 64);
            var position = start;
            for (var i = FirstAtOrAfter(start); i < edits.Count && edits[i].Start <= end; i++)
            {
                var edit = edits[i];
                if (edit.Start < position || edit.Owner.Start < start || edit.Owner.End > end || _done.Contains(edit))
                {
                    continue;
                }

                _done.Add(edit);
                text.Append(source, position, edit.Start - position);
                if (edit.Match is { } match)
                {
                    // The value in parentheses (a sequence's lie outside its node), led by the line breaks of the text
                    // dropped between the pattern and it, so that it and what follows keep their lines.
                    var gapLines = source.AsSpan(match.Left.End, match.Right.Start - match.Left.End).Count('\n');
                    text.Append('(').Append(Temporary).Append(" = (").Append('\n', gapLines).Append(Render(match.Right.Start, match.Right.End))
                        .Append("), ").Append(Render(match.Left.Start, match.Left.End)).Append(" = ").Append(Temporary).Append(')');
                    position = edit.End;
                }
                else
                {
                    text.Append(edit.Text);
                    position = edit.Start;
                }
            }

            text.Append(source, position, end - position);
            return text.ToString();
        }

        // The index of the first edit starting at or after `position` (edits are sorted by start).
        private int FirstAtOrAfter(int position)
        {
            int low = 0, high = edits.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (edits[middle].Start < position)
                    low = middle + 1;
                else
                    high = middle;
            }

            return low;
        }
    }
}
