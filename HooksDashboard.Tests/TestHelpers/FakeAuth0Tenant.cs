using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>An Auth0-shaped tenant: one application, a token, paged hooks, hooks by id, masked secrets.</summary>
public sealed class FakeAuth0Tenant : IAsyncDisposable
{
    public const string ClientId = "m2m-app";
    public const string Secret = "m2m-secret";
    private const string Token = "token-1";
    private WebApplication _app = null!;


    public string Url { get; private set; } = "";

    public List<JsonObject> Hooks { get; } = [];

    public Dictionary<string, string[]> Secrets { get; } = [];

    public ConcurrentQueue<string> Paths { get; } = new();

    public ConcurrentQueue<string> Audiences { get; } = new();

    /// <summary>A canned answer for a path (status, content type, body, Retry-After), or null for the normal one.</summary>
    public Func<string, (int Status, string Type, string Body, string? RetryAfter)?> Respond { get; set; } = _ => null;

    public static async Task<FakeAuth0Tenant> StartAsync()
    {
        var tenant = new FakeAuth0Tenant();
        (tenant._app, tenant.Url) = await LoopbackHttpServer.StartAppAsync(tenant.HandleAsync);
        return tenant;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value + context.Request.QueryString.Value;
        Paths.Enqueue(path);
        if (Respond(path) is { } canned)
        {
            context.Response.StatusCode = canned.Status;
            context.Response.ContentType = canned.Type;
            if (canned.RetryAfter is not null)
                context.Response.Headers.RetryAfter = canned.RetryAfter;
            await context.Response.WriteAsync(canned.Body);
            return;
        }
        if (path == "/oauth/token")
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!;
            Audiences.Enqueue((string)body["audience"]!);
            if ((string?)body["client_id"] != ClientId || (string?)body["client_secret"] != Secret)
            {
                await Json(context, 401, new JsonObject { ["error"] = "access_denied", ["error_description"] = "Unauthorized" });
                return;
            }
            await Json(context, 200, new JsonObject { ["access_token"] = Token, ["token_type"] = "Bearer", ["expires_in"] = 86400 });
            return;
        }
        if (context.Request.Headers.Authorization != $"Bearer {Token}")
        {
            await Json(context, 401, new JsonObject { ["statusCode"] = 401, ["error"] = "Unauthorized", ["message"] = "Invalid token" });
            return;
        }
        var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["api", "v2", "hooks"])
        {
            var page = int.Parse(context.Request.Query["page"]!, System.Globalization.CultureInfo.InvariantCulture);
            var perPage = int.Parse(context.Request.Query["per_page"]!, System.Globalization.CultureInfo.InvariantCulture);
            var items = Hooks.Skip(page * perPage).Take(perPage).Select(h => (JsonNode)ListForm(h)).ToArray();
            await Json(context, 200, new JsonObject { ["start"] = page * perPage, ["limit"] = perPage, ["total"] = Hooks.Count, ["hooks"] = new JsonArray(items) });
            return;
        }
        if (segments is ["api", "v2", "hooks", var id] && Hooks.FirstOrDefault(h => (string)h["id"]! == id) is { } hook)
        {
            var full = hook.DeepClone().AsObject();
            full["script"] ??= $"module.exports = function (u, c, cb) {{ cb(null, {int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture)}); }};";
            full["dependencies"] ??= new JsonObject();
            await Json(context, 200, full);
            return;
        }
        if (segments is ["api", "v2", "hooks", var secretsOf, "secrets"])
        {
            var masked = new JsonObject();
            foreach (var name in Secrets.GetValueOrDefault(secretsOf) ?? [])
                masked[name] = "_VALUE_NOT_SHOWN_";
            await Json(context, 200, masked);
            return;
        }
        await Json(context, 404, new JsonObject { ["statusCode"] = 404, ["error"] = "Not Found", ["message"] = "Not found" });
    }

    private static JsonObject ListForm(JsonObject hook) => hook.DeepClone().AsObject();

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
