namespace HooksDashboard.Identity.Users;

/// <summary>Configuration section <c>Users</c>. The tenant name and the public address come from <see cref="TenantOptions"/>.</summary>
public sealed class UsersOptions
{
    public const string SectionName = "Users";

    /// <summary>How long a password-reset ticket can be used.</summary>
    public TimeSpan ResetTicketLifetime { get; set; } = TimeSpan.FromHours(1);
}
