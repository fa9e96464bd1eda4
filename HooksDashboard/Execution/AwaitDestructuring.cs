using System.Text;
using Acornima;
using Acornima.Ast;
using AstNode = Acornima.Ast.Node;

namespace HooksDashboard.Execution;

/// <summary>
/// Works around a Jint 4.18 defect in async functions: when a destructuring <em>assignment</em> awaits in its value
/// (<c>({ a } = await f())</c>, <c>[a] = await g()</c>), resuming the function runs the statements before it in the
/// same block a second time (an async generator doing so loops forever). A declaration (<c>const { a } = await f()</c>)
/// and a plain assignment (<c>t = await f()</c>) resume correctly, so such an assignment is rewritten to finish its
/// await in a plain assignment to a temporary first: <c>(__hooksAwaited = (await f()), { a } = __hooksAwaited)</c>,
/// with <c>var __hooksAwaited;</c> declared in the enclosing function (after its directives; an arrow's expression
/// body becomes a block that returns it). The text changes on the same lines only, so stack traces keep their line
/// numbers. Used for hook scripts and for packages' CommonJS and ES module files, when they are prepared.
/// </summary>
internal static class AwaitDestructuring
{
    /// <summary>The temporary's name: one per enclosing function is enough, as the value is used at once.</summary>
    public const string Temporary = "__hooksAwaited";

    /// <summary>Whether <paramref name="source"/> may hold such an assignment at all: a cheap check before any walk.</summary>
    public static bool MayNeed(string source) => source.Contains("await", StringComparison.Ordinal);

    /// <summary>The rewritten text of <paramref name="source"/> (which <paramref name="program"/> was parsed from), or null when nothing needs it.</summary>
    public static string? Rewrite(AstNode program, string source)
    {
        var edits = new List<Edit>();
        var scopes = new HashSet<AstNode>();
        Collect(program, program, edits, scopes);
        if (edits.Count == 0)
        {
            return null;
        }

        foreach (var scope in scopes)
        {
            if (!Declare(scope, source, edits))
            {
                return null; // a shape not handled (see Declare): leave the file as it is
            }
        }

        // By position, insertions before a match at the same place, otherwise as found (a stable order).
        var renderer = new Renderer(source, [.. edits.OrderBy(static e => e.Start).ThenBy(static e => e.Match is null ? 0 : 1)]);
        return renderer.Render(0, source.Length);
    }

    // A match (the assignment, replaced) or an insertion (Start == End, Text); Owner is the node the edit belongs to
    // (the assignment, or the function holding the declaration), so that a render takes the edits of the nodes inside
    // its span only: an arrow's closing "; }" sits where its body, an assignment, ends, but belongs outside it.
    private sealed record Edit(int Start, int End, AssignmentExpression? Match, string? Text, AstNode Owner);

    // Every destructuring assignment whose value awaits (not inside a nested function), and the function (or the
    // program, for a module's top level) that will hold the temporary.
    private static void Collect(AstNode root, AstNode scope, List<Edit> edits, HashSet<AstNode> scopes)
    {
        var pending = new Stack<(AstNode Node, AstNode Scope)>();
        pending.Push((root, scope));
        while (pending.Count > 0)
        {
            var (node, current) = pending.Pop();
            if (node is AssignmentExpression { Operator: Operator.Assignment, Left: ObjectPattern or ArrayPattern } assignment
                && Awaits(assignment.Right))
            {
                edits.Add(new Edit(assignment.Start, assignment.End, assignment, null, assignment));
                scopes.Add(current);
            }

            foreach (var child in node.ChildNodes)
            {
                pending.Push((child, child is IFunction ? child : current));
            }
        }
    }

    private static bool Awaits(AstNode expression)
    {
        var pending = new Stack<AstNode>();
        pending.Push(expression);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is AwaitExpression)
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

    // Adds the temporary's declaration to a scope: after a body's directives (a statement before them would end
    // the directive prologue, and with it a "use strict"), or an arrow's expression body turned into a block.
    private static bool Declare(AstNode scope, string source, List<Edit> edits)
    {
        const string declaration = " var " + Temporary + ";";
        switch (scope)
        {
            case ArrowFunctionExpression { Body: not FunctionBody } arrow:
            {
                // The body may be parenthesised: the block opens right after "=>" and closes at the arrow's end.
                var at = arrow.Body.Start;
                while (at > arrow.Start && (char.IsWhiteSpace(source[at - 1]) || source[at - 1] == '('))
                {
                    at--;
                }

                if (at < arrow.Start + 2 || source[at - 2] != '=' || source[at - 1] != '>')
                {
                    return false;
                }

                edits.Add(new Edit(at, at, null, " {" + declaration + " return ", arrow));
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
            foreach (var edit in edits)
            {
                if (edit.Start < position || edit.Owner.Start < start || edit.Owner.End > end || _done.Contains(edit))
                {
                    continue;
                }

                _done.Add(edit);
                text.Append(source, position, edit.Start - position);
                if (edit.Match is { } match)
                {
                    // The value in parentheses: a sequence's parentheses lie outside its node.
                    text.Append('(').Append(Temporary).Append(" = (").Append(Render(match.Right.Start, match.Right.End))
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
    }
}
