using System.Text.Json.Nodes;
using HooksDashboard.Management;

namespace HooksDashboard.Web;

/// <summary>The HTTP APIs this server speaks, each with Auth0's own error body.</summary>
internal enum ApiFamily
{
    /// <summary>Not an API: dashboard pages, the reset page, static files.</summary>
    None,

    /// <summary><c>/oauth/*</c> and <c>/.well-known/*</c>: <c>{"error","error_description"}</c>.</summary>
    OAuth,

    /// <summary><c>/dbconnections/*</c>: <c>{"name","code","description","statusCode"}</c>.</summary>
    DbConnections,

    /// <summary><c>/api/v2/*</c>: <c>{"statusCode","error","message","errorCode"}</c>.</summary>
    Management,
}

/// <summary>
/// Errors written outside an endpoint (start-up gate, last-resort exception handler) in the shape the caller's API
/// uses, so an Auth0 client reads them as it reads the endpoint's own refusals.
/// </summary>
internal static class ApiErrors
{
    public static ApiFamily FamilyOf(PathString path)
    {
        if (path.StartsWithSegments("/oauth", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/.well-known", StringComparison.OrdinalIgnoreCase))
            return ApiFamily.OAuth;
        if (path.StartsWithSegments("/dbconnections", StringComparison.OrdinalIgnoreCase))
            return ApiFamily.DbConnections;
        if (path.StartsWithSegments(ManagementApi.BasePath, StringComparison.OrdinalIgnoreCase))
            return ApiFamily.Management;
        return ApiFamily.None;
    }

    /// <summary>
    /// Writes the error in the request's API family's shape; false (nothing written) when the path is no API.
    /// <paramref name="code"/> is the OAuth <c>error</c>, the database connection's <c>code</c> and the Management
    /// API's <c>errorCode</c>.
    /// </summary>
    public static Task<bool> TryWriteAsync(HttpContext context, int statusCode, string code, string message) =>
        TryWriteAsync(context, context.Request.Path, statusCode, code, message);

    /// <summary>As above, for the API at <paramref name="path"/> (the request's original path while an error page runs).</summary>
    public static async Task<bool> TryWriteAsync(HttpContext context, PathString path, int statusCode, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        switch (FamilyOf(path))
        {
            case ApiFamily.OAuth:
                response.StatusCode = statusCode;
                await response.WriteAsJsonAsync(new JsonObject { ["error"] = code, ["error_description"] = message }, context.RequestAborted).ConfigureAwait(false);
                return true;
            case ApiFamily.DbConnections:
                response.StatusCode = statusCode;
                var body = new JsonObject
                {
                    ["name"] = statusCode switch
                    {
                        StatusCodes.Status503ServiceUnavailable => "ServiceUnavailableError",
                        >= 500 => "InternalServerError",
                        _ => "BadRequestError",
                    },
                    ["code"] = code,
                    ["description"] = message,
                    ["statusCode"] = statusCode,
                };
                await response.WriteAsJsonAsync(body, context.RequestAborted).ConfigureAwait(false);
                return true;
            case ApiFamily.Management:
                await ManagementErrors.WriteAsync(response, statusCode, message, code).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }
}
