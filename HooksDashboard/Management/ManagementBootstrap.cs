using HooksDashboard.Identity;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Grants;
using HooksDashboard.Security;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Management;

/// <summary>First-start management application: <c>Bootstrap:ClientId</c> and <c>Bootstrap:ClientSecret</c>.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }
}

/// <summary>
/// Makes sure an application can manage hooks through the Management API from the first start: the configured
/// <c>Bootstrap:ClientId</c>/<c>Bootstrap:ClientSecret</c> application, or — when none is configured and no
/// application holds a grant on the Management API yet — a generated one whose credentials are printed once.
/// Runs after <c>IdentityStartup</c> (registered after it), which creates the Management API once the issuer is known.
/// </summary>
internal sealed class ManagementBootstrap(
    IOptions<BootstrapOptions> options,
    IApplicationStore applications,
    IResourceServerStore apis,
    IClientGrantStore grants,
    IIssuer issuer,
    OneTimeConsole console,
    ILogger<ManagementBootstrap> logger) : IHostedLifecycleService
{
    public const string ApplicationName = "HooksDashboard Management";

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var api = await apis.FindByIdentifierAsync(issuer.ManagementApiIdentifier, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The Management API {issuer.ManagementApiIdentifier} does not exist; IdentityStartup must run first.");
        var scopes = api.Scopes.Select(s => s.Value).ToList();
        var configured = options.Value;

        if (!string.IsNullOrEmpty(configured.ClientId) || !string.IsNullOrEmpty(configured.ClientSecret))
        {
            if (string.IsNullOrEmpty(configured.ClientId) || string.IsNullOrEmpty(configured.ClientSecret))
                throw new InvalidOperationException("Set both Bootstrap:ClientId and Bootstrap:ClientSecret (Bootstrap__ClientId, Bootstrap__ClientSecret), or neither.");
            if (await applications.GetAsync(configured.ClientId, cancellationToken).ConfigureAwait(false) is null)
            {
                await applications.CreateWithCredentialsAsync(new NewApplication(ApplicationName), configured.ClientId, configured.ClientSecret, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Created the management application {ClientId} from configuration", configured.ClientId);
            }
            await EnsureGrantAsync(configured.ClientId, api, scopes, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var application in await applications.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await grants.FindAsync(application.ClientId, api.Identifier, cancellationToken).ConfigureAwait(false) is not null)
                return;
        }
        var created = await applications.CreateAsync(new NewApplication(ApplicationName), cancellationToken).ConfigureAwait(false);
        await grants.CreateAsync(created.Application.ClientId, api.Id, scopes, cancellationToken).ConfigureAwait(false);
        console.PrintCredentials(
            "HooksDashboard: management application created for the Management API (/api/v2):",
            [("Client ID", created.Application.ClientId), ("Client secret", created.ClientSecret), ("Audience", api.Identifier)],
            "The secret is shown only now (it is stored hashed). Use it with `HooksDashboard hooks ...` or Auth0's SDKs,\n" +
            "or set Bootstrap__ClientId and Bootstrap__ClientSecret before the first start.");
    }

    /// <summary>Grants every scope of the Management API, adding scopes a previous grant lacks.</summary>
    private async Task EnsureGrantAsync(string clientId, ResourceServer api, List<string> scopes, CancellationToken cancellationToken)
    {
        var grant = await grants.FindAsync(clientId, api.Identifier, cancellationToken).ConfigureAwait(false);
        if (grant is null)
            await grants.CreateAsync(clientId, api.Id, scopes, cancellationToken).ConfigureAwait(false);
        else if (!scopes.All(grant.Scopes.Contains))
            await grants.UpdateAsync(grant.Id, [.. grant.Scopes.Union(scopes)], cancellationToken).ConfigureAwait(false);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
