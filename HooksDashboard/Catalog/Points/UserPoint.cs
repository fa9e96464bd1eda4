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

    public override string PayloadShape => "{ user: object, context: { connection: { id, name, tenant }: object, ... } }";

    public override PreparedArguments PrepareArguments(JsonNode? payload)
    {
        var error = PayloadRules.RequireObjects(payload, "", "user", "context", "context.connection");
        return error is not null
            ? PreparedArguments.Invalid(error)
            : PreparedArguments.Valid(PayloadRules.Copy(payload!["user"]), PayloadRules.Copy(payload["context"]));
    }
}
