using HooksDashboard.Security;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Admins;

/// <summary>
/// First start: when no admin exists, creates one from <c>Admin:Email</c>/<c>Admin:Password</c>, or else
/// <c>admin@localhost</c> with a generated password printed once to standard output. Runs after the
/// migrations (they run while the host is starting, before any service starts).
/// </summary>
internal sealed class AdminBootstrap(IAdminAccounts admins, IOptions<AdminOptions> options, OneTimeConsole console, ILogger<AdminBootstrap> logger) : IHostedService
{
    public const string DefaultEmail = "admin@localhost";
    private const int GeneratedPasswordLength = 20;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await admins.AnyAsync(cancellationToken).ConfigureAwait(false))
            return;

        var configured = options.Value;
        var email = string.IsNullOrWhiteSpace(configured.Email) ? DefaultEmail : configured.Email.Trim();
        if (!string.IsNullOrEmpty(configured.Password))
        {
            await admins.CreateAsync(email, configured.Password, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Created the first admin {AdminEmail} from configuration", email);
            return;
        }

        var password = SecretGenerator.New(GeneratedPasswordLength);
        await admins.CreateAsync(email, password, cancellationToken).ConfigureAwait(false);
        console.PrintCredentials(
            "HooksDashboard: first admin created. Sign in to the dashboard with:",
            [("Email", email), ("Password", password)],
            "This password is shown only now. Change it under Account after signing in,\n" +
            "or set Admin__Email and Admin__Password before the first start.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
