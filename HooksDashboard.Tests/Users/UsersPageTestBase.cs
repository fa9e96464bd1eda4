using System.Text.Json.Nodes;
using HooksDashboard.Audit;
using HooksDashboard.Events;
using HooksDashboard.Hooks;
using HooksDashboard.Identity;
using HooksDashboard.Identity.Connections;
using HooksDashboard.Identity.Users;
using HooksDashboard.Tests.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Users;

/// <summary>
/// The dashboard's component test base plus the users services (the event worker is registered but, with no
/// host, never started: queued events stay pending for the tests to read).
/// </summary>
public abstract class UsersPageTestBase : DashboardTestBase
{
    protected UsersPageTestBase()
    {
        var configuration = new ConfigurationBuilder().Build();
        Services.AddTokens(configuration);
        Services.AddHookEvents(configuration);
        Services.AddUsers(configuration);
        // Users and applications audited as in the app (the base audited the hook store before these existed).
        Services.AddIdentityAudit();
    }

    protected IUserService Users => Services.GetRequiredService<IUserService>();

    protected IHookEventStore Events => Services.GetRequiredService<IHookEventStore>();

    /// <summary>A user stored directly (no password hashing: these tests never sign in), for lists and details.</summary>
    protected async Task<User> AddUserAsync(string email, string? username = null, DateTimeOffset? createdAt = null)
    {
        var connection = await Services.GetRequiredService<IConnectionStore>().GetDefaultAsync();
        var at = createdAt ?? DateTimeOffset.UtcNow;
        var user = new User(UserRules.NewUserId(), connection.Id, email, username, false, new JsonObject(), new JsonObject(), at, at, null);
        return await Services.GetRequiredService<IUserStore>().CreateAsync(new NewUser(user, "not-a-hash"), queued: null);
    }

    /// <summary>The point's hook, enabled.</summary>
    protected Task<Hook> AddHookAsync(string triggerId, string script) =>
        Store.CreateAsync(new NewHook($"Hook {Guid.NewGuid():N}"[..20], triggerId, script, true));
}
