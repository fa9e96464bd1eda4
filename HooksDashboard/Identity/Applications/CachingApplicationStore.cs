using System.Security.Cryptography;
using System.Text;

namespace HooksDashboard.Identity.Applications;

/// <summary>
/// <see cref="IApplicationStore"/> with the token endpoint's read — <see cref="AuthenticateAsync"/> — kept in an
/// <see cref="IdentityReadCache"/>; every write goes through and drops the cache. Everything else passes straight through.
/// </summary>
/// <remarks>
/// A cached authentication holds the application and a keyed digest of the secret that authenticated it (HMAC-SHA256
/// with a per-process random key, never the secret itself). A request with the same secret is answered from memory
/// after one digest and a constant-time comparison; any other secret goes to the store, which verifies it against the
/// stored hash exactly as before (unknown ids and wrong secrets still cost the same: a read and one verification).
/// </remarks>
public sealed class CachingApplicationStore(IApplicationStore inner, IdentityReadCache cache) : IApplicationStore
{
    private const string Kind = "application-authenticated";

    private static readonly byte[] TagKey = RandomNumberGenerator.GetBytes(32);

    public async Task<Application?> AuthenticateAsync(string clientId, string clientSecret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(clientSecret);
        var tag = Tag(clientSecret);
        var authenticated = await cache.GetOrReadAsync(
            Kind,
            clientId,
            async () => await inner.AuthenticateAsync(clientId, clientSecret, cancellationToken).ConfigureAwait(false) is { } application
                ? new Authenticated(application, tag)
                : null,
            usable: entry => CryptographicOperations.FixedTimeEquals(entry.SecretTag, tag)).ConfigureAwait(false);
        return authenticated?.Application;
    }

    public Task<IReadOnlyList<Application>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task<Application?> GetAsync(string clientId, CancellationToken cancellationToken = default) => inner.GetAsync(clientId, cancellationToken);

    public Task<IReadOnlyList<string>> ListWebOriginsAsync(CancellationToken cancellationToken = default) => inner.ListWebOriginsAsync(cancellationToken);

    public Task<ApplicationWithSecret> CreateAsync(NewApplication application, CancellationToken cancellationToken = default) =>
        cache.WriteAsync(() => inner.CreateAsync(application, cancellationToken));

    public Task<Application> CreateWithCredentialsAsync(NewApplication application, string clientId, string clientSecret, CancellationToken cancellationToken = default) =>
        cache.WriteAsync(() => inner.CreateWithCredentialsAsync(application, clientId, clientSecret, cancellationToken));

    public Task<Application> UpdateAsync(string clientId, ApplicationUpdate update, CancellationToken cancellationToken = default) =>
        cache.WriteAsync(() => inner.UpdateAsync(clientId, update, cancellationToken));

    public Task<ApplicationWithSecret> RotateSecretAsync(string clientId, CancellationToken cancellationToken = default) =>
        cache.WriteAsync(() => inner.RotateSecretAsync(clientId, cancellationToken));

    public Task DeleteAsync(string clientId, CancellationToken cancellationToken = default) =>
        cache.WriteAsync(() => inner.DeleteAsync(clientId, cancellationToken));

    private static byte[] Tag(string secret) => HMACSHA256.HashData(TagKey, Encoding.UTF8.GetBytes(secret));

    private sealed record Authenticated(Application Application, byte[] SecretTag);
}
