using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using HooksDashboard.Runtime;
using Microsoft.Extensions.Options;

namespace HooksDashboard.RateLimits;

/// <summary>
/// The token buckets behind ASP.NET Core's rate limiting middleware: one partitioned limiter per IP address, one per
/// client, chained as its global limiter and applied only to endpoints carrying <see cref="RateLimitedEndpoint"/>.
/// Every limited answer carries Auth0's <c>x-ratelimit-limit</c> / <c>-remaining</c> / <c>-reset</c> headers (of the
/// bucket closest to empty); a refusal is a 429 in the shape of the endpoint's API with <c>Retry-After</c>.
/// </summary>
public sealed class RequestRateLimits : IDisposable
{
    /// <summary><see cref="HttpContext.Items"/> key of the client id read from the body before the limiter runs.</summary>
    internal const string ClientIdItem = "HooksDashboard.RateLimits.ClientId";

    /// <summary>Bodies larger than this (or of unknown length) are not read early: only the per-IP bucket applies.</summary>
    public const int MaxPeekedBodyBytes = 16 * 1024;

    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly RateLimitOptions _options;
    private readonly TimeProvider _time;

    public RequestRateLimits(IOptions<RateLimitOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (_options.Validate() is { } invalid)
            throw new OptionsValidationException(nameof(RateLimitOptions), typeof(RateLimitOptions), [invalid]);
        _time = time;
        PerIp = PartitionedRateLimiter.Create<HttpContext, BucketKey>(context => Partition(context, perClient: false));
        PerClient = PartitionedRateLimiter.Create<HttpContext, BucketKey>(context => Partition(context, perClient: true));
    }

    public bool Enabled => _options.Enabled;

    internal PartitionedRateLimiter<HttpContext> PerIp { get; }

    internal PartitionedRateLimiter<HttpContext> PerClient { get; }

    private readonly record struct BucketKey(RateLimitScope Scope, bool PerClient, string Key);

    private RateLimitPartition<BucketKey> Partition(HttpContext context, bool perClient)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedEndpoint>() is not { } endpoint)
            return RateLimitPartition.GetNoLimiter(default(BucketKey));
        var limits = _options.For(endpoint.Scope);
        var bucket = perClient ? limits.PerClient : limits.PerIp;
        var key = perClient ? ClientId(context, endpoint.Scope) : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!bucket.IsOn || key is null)
            return RateLimitPartition.GetNoLimiter(default(BucketKey));
        return RateLimitPartition.GetTokenBucketLimiter(new BucketKey(endpoint.Scope, perClient, key), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = bucket.Limit,
            TokensPerPeriod = bucket.PerSecond,
            ReplenishmentPeriod = Period,
            QueueLimit = 0,
            // The partitioned limiter replenishes every bucket from one timer.
            AutoReplenishment = false,
        });
    }

    /// <summary>
    /// The Management API's client is the validated bearer token's <c>azp</c> (the limiter runs after authorization,
    /// so a forged token cannot spend another client's budget); the runtime endpoints' is the <c>client_id</c> sent.
    /// </summary>
    private static string? ClientId(HttpContext context, RateLimitScope scope) => scope == RateLimitScope.Management
        ? context.User.FindFirst("azp")?.Value
        : context.Items[ClientIdItem] as string;

    /// <summary>Reads the request's client id (HTTP Basic, else a small form or JSON body) before the limiter partitions it.</summary>
    internal static async Task PeekClientIdAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedEndpoint>() is not { Scope: not RateLimitScope.Management })
            return;
        var request = context.Request;
        string? clientId = null;
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var authorization)
            && authorization.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && authorization.Parameter is { } parameter)
        {
            clientId = BasicClientId(parameter);
        }
        else if (request.ContentLength is > 0 and <= MaxPeekedBodyBytes && (request.HasFormContentType || request.HasJsonContentType()))
        {
            // The endpoint's own reader, read once: the endpoint gets the same form or JSON object without reading the
            // body again. A body it refuses gives no client id (only the per-IP bucket applies); the endpoint says why.
            var body = await RuntimeRequestBody.ReadAsync(request, [], context.RequestAborted).ConfigureAwait(false);
            clientId = body.Value is { } value ? RuntimeRequestBody.String(value, "client_id") : null;
        }

        if (!string.IsNullOrEmpty(clientId))
            context.Items[ClientIdItem] = clientId;
    }

    private static string? BasicClientId(string parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? Uri.UnescapeDataString(decoded[..colon]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The bucket of this request closest to empty: (limit, remaining, reset as UNIX seconds), or null when none applies.</summary>
    private (int Limit, long Remaining, long Reset, bool PerClient)? Tightest(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedEndpoint>() is not { } endpoint)
            return null;
        var limits = _options.For(endpoint.Scope);
        (int, long, long, bool)? tightest = null;
        long tightestRemaining = long.MaxValue;
        foreach (var (limiter, bucket, perClient) in new[] { (PerIp, limits.PerIp, false), (PerClient, limits.PerClient, true) })
        {
            if (!bucket.IsOn || limiter.GetStatistics(context) is not { } statistics || statistics.CurrentAvailablePermits > bucket.Limit)
                continue; // no bucket for this request (no client id), or the no-limiter partition
            var remaining = Math.Max(statistics.CurrentAvailablePermits, 0);
            if (remaining >= tightestRemaining)
                continue;
            tightestRemaining = remaining;
            var secondsToFull = (long)Math.Ceiling((bucket.Limit - remaining) / (double)bucket.PerSecond);
            tightest = (bucket.Limit, remaining, _time.GetUtcNow().ToUnixTimeSeconds() + secondsToFull, perClient);
        }
        return tightest;
    }

    /// <summary>Adds Auth0's rate-limit headers to a request the limiter let through.</summary>
    internal void AddHeaders(HttpContext context)
    {
        if (Tightest(context) is { } bucket)
            SetHeaders(context.Response, bucket.Limit, bucket.Remaining, bucket.Reset);
    }

    private static void SetHeaders(HttpResponse response, int limit, long remaining, long reset)
    {
        response.Headers["x-ratelimit-limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-reset"] = reset.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Answers a refused request: 429 with the headers, <c>Retry-After</c> and the endpoint API's error body.</summary>
    internal async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var scope = context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedEndpoint>()?.Scope ?? RateLimitScope.Management;
        var bucket = Tightest(context);
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero
            ? (int)Math.Ceiling(wait.TotalSeconds)
            : 1;
        if (bucket is { } b)
            SetHeaders(context.Response, b.Limit, 0, b.Reset);
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        var message = bucket is { PerClient: true }
            ? $"Rate limit exceeded for this client ({bucket.Value.Limit} requests, refilled at {_options.For(scope).PerClient.PerSecond} per second); retry after {retryAfter} s."
            : $"Rate limit exceeded for this IP address ({bucket?.Limit} requests, refilled at {_options.For(scope).PerIp.PerSecond} per second); retry after {retryAfter} s.";
        JsonObject body = scope switch
        {
            RateLimitScope.Token => new() { ["error"] = "too_many_requests", ["error_description"] = message },
            RateLimitScope.DbConnections => new() { ["name"] = "TooManyRequestsError", ["code"] = "too_many_requests", ["description"] = message, ["statusCode"] = 429 },
            _ => new() { ["statusCode"] = 429, ["error"] = "Too Many Requests", ["message"] = message, ["errorCode"] = "too_many_requests" },
        };
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        PerIp.Dispose();
        PerClient.Dispose();
    }
}
