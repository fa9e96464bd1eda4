using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HooksDashboard.RateLimits;

public static class RateLimitsServiceCollectionExtensions
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.SectionName));
        services.AddSingleton<RequestRateLimits>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RequestRateLimits>((options, limits) =>
        {
            // Per IP first: a flood from one address is refused before it can spend a client's budget.
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(limits.PerIp, limits.PerClient);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = limits.OnRejectedAsync;
        });
        return services;
    }

    /// <summary>
    /// The limiter, after authorization (the Management API's client is the validated token's). Endpoints opt in
    /// with <see cref="RequireRateLimits{TBuilder}"/>.
    /// </summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<RequestRateLimits>();
        if (!limits.Enabled)
            return app;
        app.Use(static async (context, next) =>
        {
            await RequestRateLimits.PeekClientIdAsync(context).ConfigureAwait(false);
            await next(context).ConfigureAwait(false);
        });
        app.UseRateLimiter();
        app.Use(async (context, next) =>
        {
            limits.AddHeaders(context);
            await next(context).ConfigureAwait(false);
        });
        return app;
    }

    /// <summary>Puts the endpoints under the <paramref name="scope"/>'s per-client and per-IP buckets.</summary>
    public static TBuilder RequireRateLimits<TBuilder>(this TBuilder builder, RateLimitScope scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitedEndpoint(scope));
}
