using HooksDashboard.Identity.Applications;
using Microsoft.Net.Http.Headers;

namespace HooksDashboard.Runtime;

/// <summary>
/// CORS for the browser-callable runtime endpoints (auth0.js <c>signup()</c> / <c>changePassword()</c> from a page on
/// another origin), decided by the applications' allowed web origins as in Auth0. A refused origin gets no CORS
/// headers at all, so the browser blocks the answer; requests without <c>Origin</c> (servers, SDKs) are untouched.
/// </summary>
internal static class WebOriginCors
{
    /// <summary>What auth0.js sends: JSON bodies and its telemetry header.</summary>
    public const string AllowedHeaders = "Content-Type, Auth0-Client";

    /// <summary>Two hours: Chromium's cap. A removed origin still fails at once: the POST itself carries no header then.</summary>
    public const int MaxAgeSeconds = 7200;

    /// <summary>
    /// Adds <c>Access-Control-Allow-Origin</c> to the response when the request's origin is allowed for the application
    /// <paramref name="clientId"/> (the body's <c>client_id</c>). Call before the response starts.
    /// </summary>
    public static async Task AllowForClientAsync(HttpContext context, IApplicationStore applications, string? clientId)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || string.IsNullOrEmpty(clientId))
            return;
        var application = await applications.GetAsync(clientId, context.RequestAborted).ConfigureAwait(false);
        if (application is not null && WebOrigins.IsAllowed(application.WebOrigins, origin))
            Allow(context.Response, origin);
    }

    /// <summary>
    /// Answers a preflight (<c>OPTIONS</c>): it names no client, so an origin allowed for any application passes;
    /// the POST that follows is then checked against its own <c>client_id</c>. Refusals are a bare 204, as ASP.NET Core's
    /// CORS middleware answers them.
    /// </summary>
    public static async Task<IResult> PreflightAsync(HttpContext context, IApplicationStore applications)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        var method = request.Headers.AccessControlRequestMethod.ToString();
        if (origin.Length > 0 && HttpMethods.IsPost(method)
            && WebOrigins.IsAllowed(await applications.ListWebOriginsAsync(context.RequestAborted).ConfigureAwait(false), origin))
        {
            Allow(context.Response, origin);
            context.Response.Headers.AccessControlAllowMethods = HttpMethods.Post;
            context.Response.Headers.AccessControlAllowHeaders = AllowedHeaders;
            context.Response.Headers.AccessControlMaxAge = MaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return Results.NoContent();
    }

    private static void Allow(HttpResponse response, string origin)
    {
        response.Headers.AccessControlAllowOrigin = origin;
        response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
    }
}
