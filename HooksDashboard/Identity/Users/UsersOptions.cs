namespace HooksDashboard.Identity.Users;

/// <summary>Configuration section <c>Users</c>.</summary>
public sealed class UsersOptions
{
    public const string SectionName = "Users";

    /// <summary>The tenant name hooks see as <c>user.tenant</c> and <c>context.connection.tenant</c>.</summary>
    public string Tenant { get; set; } = "hooksdashboard";

    /// <summary>
    /// The public base address of this server for the password-reset links written to the log, e.g.
    /// <c>https://auth.example.com</c>; unset means the address of the request that asked for the reset.
    /// </summary>
    public string? PublicOrigin { get; set; }

    /// <summary>How long a password-reset ticket can be used.</summary>
    public TimeSpan ResetTicketLifetime { get; set; } = TimeSpan.FromHours(1);
}
