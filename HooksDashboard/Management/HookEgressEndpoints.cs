using System.Text.Json;
using HooksDashboard.Execution.Http;
using HooksDashboard.Hooks;
using HooksDashboard.RateLimits;

namespace HooksDashboard.Management;

/// <summary>
/// <c>/api/v2/hooks/{id}/egress</c>: a hook's own egress policy (Auth0 has none; this API's conventions: hooks scopes,
/// strict bodies, Auth0's error body). GET answers the policy (empty lists when none is set); PUT replaces it and
/// answers it normalized; a PUT of empty lists removes the hook's restrictions.
/// </summary>
public static class HookEgressEndpoints
{
    public static IEndpointRouteBuilder MapHookEgressEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var egress = endpoints.MapGroup(ManagementApi.BasePath + "/hooks/{id}/egress")
            .AddEndpointFilter<ManagementErrorFilter>()
            .RequireRateLimits(RateLimitScope.Management)
            .WithTags("Hooks");

        egress.MapGet("", GetAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.ReadHooks))
            .WithName("GetHookEgress").WithSummary("Get a hook's own egress policy (applied on top of the server's)")
            .Produces<HookEgressPolicyBody>().Errors(401, 403, 404);
        egress.MapPut("", PutAsync).RequireAuthorization(ManagementApi.PolicyFor(ManagementApi.UpdateHooks))
            .WithName("PutHookEgress").WithSummary("Replace a hook's own egress policy; empty lists remove its restrictions")
            .Body<HookEgressPolicyBody>().Produces<HookEgressPolicyBody>().Errors(400, 401, 403, 404, 413);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string id, IHookEgressStore store, CancellationToken cancellationToken)
    {
        var policy = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.Text(policy.ToJson(), "application/json");
    }

    private static async Task<IResult> PutAsync(string id, HttpRequest request, IHookEgressStore store, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        HookEgressPolicy policy;
        try
        {
            policy = HookEgressPolicy.FromJson(body.GetRawText());
        }
        catch (HookEgressPolicyException ex)
        {
            throw ManagementApiException.InvalidBody(ex.Message, ex.Field);
        }

        var saved = await store.SetAsync(id, policy, cancellationToken).ConfigureAwait(false);
        return Results.Text(saved.ToJson(), "application/json");
    }

    /// <summary>The policy's JSON shape, for the API description.</summary>
    public sealed record HookEgressPolicyBody(string[] Allow, string[] Deny, int[] Ports, string[] Schemes);
}
