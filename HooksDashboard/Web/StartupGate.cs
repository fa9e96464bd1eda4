namespace HooksDashboard.Web;

/// <summary>
/// Answers 503 with <c>Retry-After</c> until the host has fully started. Kestrel accepts connections during the
/// host's <c>StartAsync</c>, but the state requests need is finished only in the <c>StartedAsync</c> that follows:
/// <c>IdentityStartup</c> creates the Management API there (its identifier comes from the bound address, known only
/// once Kestrel listens) and <c>ManagementBootstrap</c> the management application and its grant. A
/// <c>POST /oauth/token</c> in that window — the JWKS already answering, since the signing key loads lazily — got
/// 401 <c>invalid_client</c> or 403 "Service not enabled". The host signals <c>ApplicationStarted</c> only after every
/// <c>StartedAsync</c> completed, whatever the registration order.
/// </summary>
internal sealed class StartupGate(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    /// <summary>Seconds a client should wait before retrying; start-up takes well under one once Kestrel listens.</summary>
    public const int RetryAfterSeconds = 1;

    public const string Message = "The server is starting; retry in a moment.";

    private volatile bool _open;

    public async Task InvokeAsync(HttpContext context)
    {
        // The health probes answer during start-up too: liveness says the process is up, readiness says "starting".
        if (_open || (_open = lifetime.ApplicationStarted.IsCancellationRequested) || Health.HealthServiceCollectionExtensions.IsProbe(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        if (!await ApiErrors.TryWriteAsync(context, StatusCodes.Status503ServiceUnavailable, "temporarily_unavailable", Message).ConfigureAwait(false))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(Message, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
