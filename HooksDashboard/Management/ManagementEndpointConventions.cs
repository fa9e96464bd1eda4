namespace HooksDashboard.Management;

/// <summary>What every Management API endpoint declares for the OpenAPI document.</summary>
internal static class ManagementEndpointConventions
{
    /// <summary>
    /// Documents the JSON request body. Not <c>Accepts&lt;T&gt;</c>: that also makes routing skip the endpoint
    /// for a request without that content type, which would then answer 404 instead of Auth0's 400.
    /// </summary>
    public static RouteHandlerBuilder Body<T>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new ManagementOpenApi.RequestBodyType(typeof(T)));

    /// <summary>Documents an optional JSON request body (see <see cref="Body{T}"/>).</summary>
    public static RouteHandlerBuilder OptionalBody<T>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new ManagementOpenApi.RequestBodyType(typeof(T), Required: false));

    /// <summary>Documents Auth0's error body for each status.</summary>
    public static RouteHandlerBuilder Errors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
            builder.Produces<ManagementErrorBody>(status);
        return builder;
    }
}
