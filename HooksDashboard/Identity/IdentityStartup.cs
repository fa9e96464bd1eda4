using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Tokens;

namespace HooksDashboard.Identity;

/// <summary>
/// Makes the identity state ready once the server listens: the signing key exists, and the Management API exists
/// with the identifier of the current issuer. Runs in <see cref="StartedAsync"/> because, without a configured
/// <c>Issuer</c>, the issuer comes from the server's bound address, known only after it started.
/// </summary>
internal sealed class IdentityStartup(
    SigningKeyStore signingKeys,
    IResourceServerStore apis,
    IIssuer issuer,
    ILogger<IdentityStartup> logger) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var key = await signingKeys.GetAsync(cancellationToken).ConfigureAwait(false);
        var api = await apis.EnsureManagementApiAsync(issuer.ManagementApiIdentifier, ManagementApi.Scopes, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Issuer {Issuer}, signing key {Kid}, Management API {Identifier}", issuer.Url, key.Kid, api.Identifier);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
