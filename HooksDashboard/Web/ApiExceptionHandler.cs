using Microsoft.AspNetCore.Diagnostics;

namespace HooksDashboard.Web;

/// <summary>
/// The last resort for an exception no endpoint handled, in every environment: an API caller gets its API's error
/// shape with a fixed message and the request id; a transport or binding refusal (<see cref="BadHttpRequestException"/>:
/// bad framing, body too large, a form without its antiforgery token) keeps its 4xx status. A page request falls
/// through to the <c>/Error</c> page, except a non-GET one (re-executing a page for a POST fails on the page's own
/// antiforgery check), which gets a plain-text answer. Never a stack trace or an exception's message: those go to the
/// server log, which the exception handler middleware writes with the request id.
/// </summary>
internal sealed class ApiExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // The middleware has already pointed Request.Path at the error page; the feature keeps the original.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : httpContext.Request.Path;
        int status;
        string code, message;
        if (exception is BadHttpRequestException bad)
        {
            // The framework's refusal of the request: a 4xx, and its message describes the request, not the server.
            (status, code, message) = (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "payload_too_large" : "invalid_request", bad.Message);
        }
        else
        {
            (status, code, message) = (StatusCodes.Status500InternalServerError, "server_error",
                $"Internal error (request {httpContext.TraceIdentifier}); the details are in the server log.");
        }

        if (await ApiErrors.TryWriteAsync(httpContext, path, status, code, message).ConfigureAwait(false))
            return true;
        if (status >= 500 && HttpMethods.IsGet(httpContext.Request.Method))
            return false;
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "text/plain; charset=utf-8";
        await httpContext.Response.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
