using System.Globalization;
using System.Text.Json.Nodes;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Users;
using HooksDashboard.RateLimits;
using Microsoft.AspNetCore.Http.Headers;

namespace HooksDashboard.Runtime;

/// <summary>
/// Auth0's database-connection endpoints: <c>POST /dbconnections/signup</c> and
/// <c>POST /dbconnections/change_password</c>. Thin: the user services do the work. Browsers may call both from
/// the allowed web origins of the application named by <c>client_id</c> (<see cref="WebOriginCors"/>).
/// </summary>
public static class DbConnectionsEndpoints
{
    private static readonly string[] SignupJsonFields = ["user_metadata"];

    public static IEndpointRouteBuilder MapDbConnections(this IEndpointRouteBuilder endpoints)
    {
        // Public endpoints called by Auth0 clients, which send no antiforgery token and are not dashboard users.
        var group = endpoints.MapGroup("/dbconnections").DisableAntiforgery().AllowAnonymous().RequireRateLimits(RateLimitScope.DbConnections);
        group.MapPost("/signup", SignUpAsync);
        group.MapPost("/change_password", ChangePasswordAsync);
        group.MapMethods("/signup", [HttpMethods.Options], WebOriginCors.PreflightAsync);
        group.MapMethods("/change_password", [HttpMethods.Options], WebOriginCors.PreflightAsync);
        return endpoints;
    }

    private static async Task<IResult> SignUpAsync(HttpContext context, ISignupService signup, IApplicationStore applications)
    {
        var read = await RuntimeRequestBody.ReadAsync(context.Request, SignupJsonFields, context.RequestAborted).ConfigureAwait(false);
        if (read.Value is not { } body)
            return Error(InvalidBody(read));
        await WebOriginCors.AllowForClientAsync(context, applications, RuntimeRequestBody.String(body, "client_id")).ConfigureAwait(false);

        var request = new SignupRequest(
            RuntimeRequestBody.String(body, "client_id"),
            RuntimeRequestBody.String(body, "connection"),
            RuntimeRequestBody.String(body, "email"),
            RuntimeRequestBody.String(body, "password"),
            RuntimeRequestBody.String(body, "username"),
            body["user_metadata"]?.DeepClone());
        var outcome = await signup.SignUpAsync(request, RequestLanguage(context.Request), context.TraceIdentifier, context.RequestAborted).ConfigureAwait(false);
        if (outcome.Error is { RetryAfterSeconds: { } retryAfter })
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return outcome.Error is { } error ? Error(error) : Results.Json(outcome.ToAuth0Response(), statusCode: StatusCodes.Status200OK);
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext context, IPasswordResetService resets, IApplicationStore applications)
    {
        var read = await RuntimeRequestBody.ReadAsync(context.Request, [], context.RequestAborted).ConfigureAwait(false);
        if (read.Value is not { } body)
            return Error(InvalidBody(read));
        await WebOriginCors.AllowForClientAsync(context, applications, RuntimeRequestBody.String(body, "client_id")).ConfigureAwait(false);

        var request = new PasswordResetRequest(
            RuntimeRequestBody.String(body, "client_id"),
            RuntimeRequestBody.String(body, "email"),
            RuntimeRequestBody.String(body, "connection"));
        var requestBase = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}");
        var error = await resets.RequestAsync(request, requestBase, context.RequestAborted).ConfigureAwait(false);
        return error is not null ? Error(error) : Results.Text(IPasswordResetService.RequestAnswer, "text/html; charset=utf-8");
    }

    /// <summary>A body that could not be read: 400 <c>invalid_body</c> naming the problem (413 when too large).</summary>
    private static SignupError InvalidBody(RuntimeBody body) =>
        body.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? new(body.StatusCode, "PayloadTooLargeError", "payload_too_large", body.Problem!)
            : new(body.StatusCode, "BadRequestError", "invalid_body", body.Problem!);

    private static IResult Error(SignupError error) => Results.Json(error.ToJson(), statusCode: error.StatusCode);

    /// <summary>The client's preferred language (highest-quality Accept-Language tag, lower case), as Auth0 passed it to hooks.</summary>
    private static string? RequestLanguage(HttpRequest request)
    {
        RequestHeaders headers = request.GetTypedHeaders();
        return headers.AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.ToLowerInvariant())
            .FirstOrDefault(l => !string.IsNullOrEmpty(l) && l != "*");
    }
}
