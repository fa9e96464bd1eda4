namespace HooksDashboard.Identity.Applications;

/// <summary>
/// Machine-to-machine applications and their client secrets. Secrets are stored hashed: the plain value is
/// only ever returned by <see cref="CreateAsync"/> and <see cref="RotateSecretAsync"/>. Throws
/// <see cref="IdentityException"/> subclasses for bad input and unknown ids.
/// </summary>
public interface IApplicationStore
{
    /// <summary>Every application, oldest first.</summary>
    Task<IReadOnlyList<Application>> ListAsync(CancellationToken cancellationToken = default);

    Task<Application?> GetAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Creates an application with a new client id and secret; the secret is in the result and nowhere else.</summary>
    Task<ApplicationWithSecret> CreateAsync(NewApplication application, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates an application with a client id and secret chosen by the operator (first-start configuration
    /// such as <c>Bootstrap:ClientId</c>); only the secret's hash is stored.
    /// </summary>
    Task<Application> CreateWithCredentialsAsync(NewApplication application, string clientId, string clientSecret, CancellationToken cancellationToken = default);

    Task<Application> UpdateAsync(string clientId, ApplicationUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Replaces the client secret; the old one stops working at once. Returns the new secret.</summary>
    Task<ApplicationWithSecret> RotateSecretAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Deletes an application with its client grants.</summary>
    Task DeleteAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every application's allowed web origins in one list, without duplicates: what a CORS preflight, which names
    /// no client, is checked against.
    /// </summary>
    Task<IReadOnlyList<string>> ListWebOriginsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The application when <paramref name="clientSecret"/> is its secret, else null (unknown id or wrong secret,
    /// indistinguishable to the caller and in timing).
    /// </summary>
    Task<Application?> AuthenticateAsync(string clientId, string clientSecret, CancellationToken cancellationToken = default);
}
