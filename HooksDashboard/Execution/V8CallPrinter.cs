using System.Text;
using Acornima;
using Acornima.Ast;
using AstNode = Acornima.Ast.Node;
using Jint.Runtime;

namespace HooksDashboard.Execution;

/// <summary>
/// An expression as V8 names it in an error ("o.b.c is not a function", "(0 , _lib.default) is not a function"): V8
/// prints the failing call's callee (or the <c>for...of</c> subject, the <c>new</c> target) from its syntax tree, not
/// from the source text. Member chains and names print as written; string literals in double quotes; operators in
/// parentheses with spaces, runs of one operator as one group; the result of a call as <c>f(...)</c>; what V8 does not
/// spell out (function and class expressions, <c>new</c> results, conditionals, object literal values, <c>await</c>,
/// <c>super</c>) as <c>(intermediate value)</c>. The rules are V8's <c>CallPrinter</c>, checked against node in
/// <c>Cases/error_callee_texts.js</c>.
/// </summary>
internal static class V8CallPrinter
{
    private const string Intermediate = "(intermediate value)";

    /// <summary>The text V8 gives <paramref name="expression"/> in an error message.</summary>
    public static string Print(AstNode expression)
    {
        var text = new StringBuilder();
        Find(expression, text);
        return text.ToString();
    }

    // V8's Find(node, print: true): the node's own text, or "(intermediate value)" when it prints nothing.
    private static void Find(AstNode? node, StringBuilder text)
    {
        var before = text.Length;
        if (node is not null)
        {
            Visit(node, text);
        }

        if (text.Length == before)
        {
            text.Append(Intermediate);
        }
    }

    private static void Visit(AstNode node, StringBuilder text)
    {
        switch (node)
        {
            case Identifier identifier:
                text.Append(identifier.Name);
                break;
            case ThisExpression:
                text.Append("this");
                break;
            case Literal literal:
                VisitLiteral(literal, text);
                break;
            case TemplateLiteral template:
                if (template.Expressions.Count == 0)
                {
                    // V8 reads a template without substitutions as a string literal.
                    text.Append('"').Append(template.Quasis[0].Value.Cooked).Append('"');
                }
                else
                {
                    foreach (var substitution in template.Expressions)
                    {
                        Find(substitution, text);
                    }
                }

                break;
            case TaggedTemplateExpression tagged:
                // A call of the tag.
                Find(tagged.Tag, text);
                text.Append("(...)");
                break;
            case ArrayExpression array:
                text.Append('[');
                for (var i = 0; i < array.Elements.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Find(array.Elements[i], text);
                }

                text.Append(']');
                break;
            case ObjectExpression obj:
                text.Append('{');
                foreach (var _ in obj.Properties)
                {
                    text.Append(Intermediate);
                }

                text.Append('}');
                break;
            case MemberExpression member:
                VisitMember(member, text);
                break;
            case CallExpression call:
                Find(call.Callee, text);
                text.Append("(...)");
                break;
            case NewExpression:
            case ConditionalExpression:
            case AwaitExpression:
            case YieldExpression:
            case ChainExpression:
                // Printed as their parts' "(intermediate value)": one for a new, await, yield or optional chain, three
                // for a conditional.
                text.Append(Intermediate);
                if (node is ConditionalExpression)
                {
                    text.Append(Intermediate).Append(Intermediate);
                }

                break;
            case UpdateExpression update:
                var op = UpdateExpression.OperatorToString(update.Operator);
                text.Append('(');
                if (update.Prefix)
                {
                    text.Append(op);
                }

                Find(update.Argument, text);
                if (!update.Prefix)
                {
                    text.Append(op);
                }

                text.Append(')');
                break;
            case UnaryExpression unary:
                VisitUnary(unary, text);
                break;
            case BinaryExpression binary:
                VisitBinary(binary, text);
                break;
            case SequenceExpression sequence:
                text.Append('(');
                for (var i = 0; i < sequence.Expressions.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(" , ");
                    }

                    Find(sequence.Expressions[i], text);
                }

                text.Append(')');
                break;
            case AssignmentExpression assignment:
                // V8 names an assignment by its target.
                Find(assignment.Left, text);
                break;
            case SpreadElement spread:
                text.Append("(...");
                Find(spread.Argument, text);
                text.Append(')');
                break;
            case ClassExpression cls:
                // Each part V8 visits (the base class, each member's value) prints as one intermediate value.
                var parts = (cls.SuperClass is null ? 0 : 1)
                    + cls.Body.Body.Count(member => member is PropertyDefinition or MethodDefinition { Kind: not PropertyKind.Constructor });
                for (var i = 0; i < parts; i++)
                {
                    text.Append(Intermediate);
                }

                break;
            case ImportExpression import:
                text.Append("import(");
                Find(import.Source, text);
                text.Append(')');
                break;
            case PrivateIdentifier priv:
                text.Append('#').Append(priv.Name);
                break;
            // Function and arrow expressions, super, meta properties: nothing (the caller prints an intermediate value).
        }
    }

    private static void VisitLiteral(Literal literal, StringBuilder text)
    {
        switch (literal)
        {
            case StringLiteral s:
                text.Append('"').Append(s.Value).Append('"');
                break;
            case NumericLiteral number:
                text.Append(NumberText(number.Value));
                break;
            case BooleanLiteral b:
                text.Append(b.Value ? "true" : "false");
                break;
            case NullLiteral:
                text.Append("null");
                break;
            case RegExpLiteral regex:
                text.Append('/').Append(regex.RegExp.Pattern).Append('/');
                // V8's flag order.
                foreach (var flag in "dgilmsuvy")
                {
                    if (regex.RegExp.Flags.Contains(flag, StringComparison.Ordinal))
                    {
                        text.Append(flag);
                    }
                }

                break;
            // BigInt literals print nothing in V8's printer.
        }
    }

    private static void VisitMember(MemberExpression member, StringBuilder text)
    {
        Find(member.Object, text);
        if (NamedKey(member) is { } name)
        {
            text.Append(member.Optional ? "?." : ".").Append(name);
            return;
        }

        text.Append(member.Optional ? "?.[" : "[");
        Find(member.Property, text);
        text.Append(']');
    }

    /// <summary>
    /// The key V8 prints after a dot: a name (<c>o.x</c>), a string literal (<c>o['x-y']</c> prints <c>o.x-y</c>) or a
    /// template without substitutions; null for other keys, printed in brackets.
    /// </summary>
    private static string? NamedKey(MemberExpression member) => member.Property switch
    {
        Identifier identifier when !member.Computed => identifier.Name,
        StringLiteral s => s.Value,
        TemplateLiteral { Expressions.Count: 0 } template => template.Quasis[0].Value.Cooked,
        _ => null,
    };

    private static void VisitUnary(UnaryExpression unary, StringBuilder text)
    {
        // V8's parser folds these on literals: -1 is a number literal, !'' is true.
        if (unary.Argument is Literal literal and not RegExpLiteral and not BigIntLiteral)
        {
            if (unary.Operator == Operator.LogicalNot)
            {
                text.Append(Truthy(literal) ? "false" : "true");
                return;
            }

            if (literal is NumericLiteral number)
            {
                switch (unary.Operator)
                {
                    case Operator.UnaryNegation:
                        text.Append(NumberText(-number.Value));
                        return;
                    case Operator.UnaryPlus:
                        text.Append(NumberText(number.Value));
                        return;
                    case Operator.BitwiseNot:
                        text.Append(NumberText(~TypeConverter.ToInt32(number.Value)));
                        return;
                }
            }
        }

        var op = NonUpdateUnaryExpression.OperatorToString(unary.Operator);
        text.Append('(').Append(op);
        if (unary.Operator is Operator.Delete or Operator.TypeOf or Operator.Void)
        {
            text.Append(' ');
        }

        Find(unary.Argument, text);
        text.Append(')');
    }

    private static bool Truthy(Literal literal) => literal switch
    {
        StringLiteral s => s.Value.Length > 0,
        NumericLiteral n => n.Value != 0 && !double.IsNaN(n.Value),
        BooleanLiteral b => b.Value,
        _ => false,
    };

    private static void VisitBinary(BinaryExpression binary, StringBuilder text)
    {
        var op = binary is LogicalExpression
            ? LogicalExpression.OperatorToString(binary.Operator)
            : NonLogicalBinaryExpression.OperatorToString(binary.Operator);
        text.Append('(');
        if (IsNary(binary.Operator))
        {
            // V8 gathers a left-leaning run of one operator (a + b + c) into one group.
            var operands = new Stack<AstNode>();
            AstNode current = binary;
            while (current is BinaryExpression inner && inner.Operator == binary.Operator)
            {
                operands.Push(inner.Right);
                current = inner.Left;
            }

            Find(current, text);
            while (operands.Count > 0)
            {
                text.Append(' ').Append(op).Append(' ');
                Find(operands.Pop(), text);
            }
        }
        else
        {
            Find(binary.Left, text);
            text.Append(' ').Append(op).Append(' ');
            Find(binary.Right, text);
        }

        text.Append(')');
    }

    // Comparisons and exponentiation stay binary in V8's tree; the other operators form n-ary runs.
    private static bool IsNary(Operator op) => op is not (Operator.Equality or Operator.Inequality or Operator.StrictEquality
        or Operator.StrictInequality or Operator.LessThan or Operator.LessThanOrEqual or Operator.GreaterThan
        or Operator.GreaterThanOrEqual or Operator.In or Operator.InstanceOf or Operator.Exponentiation);

    private static string NumberText(double value) => TypeConverter.ToString(value);
}
