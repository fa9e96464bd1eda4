using System.Text.Json.Nodes;

namespace HooksDashboard.Catalog.Points;

/// <summary>The points called with <c>(user, context, cb)</c>: both must be objects, and so must <c>context.connection</c>.</summary>
public abstract class UserPoint : ExtensibilityPoint
{
    internal static readonly ArgumentField[] ConnectionFields =
    [
        new("connection", "Connection", "The database connection."),
        new("connection.id", "string", "The connection's id (con_...)."),
        new("connection.name", "string", "The connection's name, e.g. Username-Password-Authentication."),
        new("connection.tenant", "string", "The tenant of the connection."),
    ];

    internal static readonly ArgumentField[] WebtaskFields =
    [
        new("webtask", "Webtask", "The webtask context."),
        new("webtask.secrets", "Record<string, string>", "This hook's secrets."),
    ];

    /// <summary>The user's and the context's fields from <see cref="ExtensibilityPoint.Arguments"/>, and what is required.</summary>
    public override string PayloadShape
    {
        get
        {
            static IEnumerable<string> TopLevel(HookArgument argument) =>
                argument.Fields.Select(f => f.Path).Where(p => !p.Contains('.', StringComparison.Ordinal) && p is not ("connection" or "webtask"));
            var context = TopLevel(Arguments[1]).Append("connection: { id, name, tenant }");
            return $"{{ user: {{ {string.Join(", ", TopLevel(Arguments[0]))} }}, context: {{ {string.Join(", ", context)} }} }}"
                + " (user, context and context.connection must be objects)";
        }
    }

    protected override PreparedArguments ShapeArguments(JsonNode? payload)
    {
        var error = PayloadRules.RequireObjects(payload, "", "user", "context", "context.connection");
        return error is not null
            ? PreparedArguments.Invalid(error)
            : PreparedArguments.Valid(payload!["user"], payload["context"]);
    }
}
