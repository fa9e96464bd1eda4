using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace HooksDashboard.Web;

/// <summary>
/// Security headers on every response (pages, APIs, static files, errors), added when the response starts so an
/// exception handler that clears the response still sends them, and so the endpoint (and its import map) is known.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>
    /// The dashboard's policy, around the script sources. Styles allow inline: MudBlazor sets style attributes and Monaco
    /// injects style elements. Monaco starts its language workers from blob: URLs. The Blazor circuit's WebSocket is
    /// same-origin ('self' covers ws:/wss: to this host in CSP 3). Proven in Chromium by ProductionCspTests.
    /// </summary>
    private const string PagePolicyBefore = "default-src 'self'; script-src 'self'";

    private const string PagePolicyAfter =
        "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>The page policy without an import map (no inline script at all; Blazor Server needs no eval).</summary>
    public const string PagePolicy = PagePolicyBefore + PagePolicyAfter;

    /// <summary>API answers are data, never documents: nothing may load from them, nor frame them.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    // The import map's policy, computed once per definition (one per component endpoint set, so in practice once);
    // a reference swapped whole, so concurrent requests read either the old or the new pair, never half of each.
    private volatile ImportMapPolicy? _importMapPolicy;

    private sealed record ImportMapPolicy(ImportMapDefinition Definition, string Policy);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (self, http) = ((SecurityHeaders, HttpContext))state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // Reset links carry their ticket in the query: no page may pass its URL to another site.
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ApiErrors.FamilyOf(http.Request.Path) == ApiFamily.None ? self.PolicyFor(http) : ApiPolicy;
            return Task.CompletedTask;
        }, (this, context));
        return next(context);
    }

    /// <summary>
    /// The page policy, allowing the page's one inline script — the <c>&lt;ImportMap /&gt;</c> of
    /// <c>App.razor</c>, which maps module names to fingerprinted files — by the hash of exactly what it renders.
    /// A hash (not a nonce) stays valid across Blazor's enhanced navigation, which keeps the first page's import map.
    /// </summary>
    private string PolicyFor(HttpContext http)
    {
        var definition = http.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>();
        if (definition is null)
            return PagePolicy;
        if (_importMapPolicy is { } cached && ReferenceEquals(cached.Definition, definition))
            return cached.Policy;
        // ToString() is the JSON the component renders inside the script element.
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(definition.ToString())));
        var policy = $"{PagePolicyBefore} 'sha256-{hash}'{PagePolicyAfter}";
        _importMapPolicy = new ImportMapPolicy(definition, policy);
        return policy;
    }
}
