using System.Text.Json.Nodes;
using Bunit;
using HooksDashboard.Catalog;
using HooksDashboard.Events;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Connections;
using HooksDashboard.Identity.Users;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MudBlazor.Services;

namespace HooksDashboard.Tests.Users;

/// <summary>
/// bUnit context for the Users pages over the real services on a temp SQLite database (the event worker is
/// registered but, with no host, never started: queued events stay pending for the tests to read).
/// </summary>
public abstract class UsersPageTestBase : BunitContext, IAsyncLifetime
{
    private readonly TempDataDirectory _data = new();

    protected UsersPageTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = _data.Path })
            .Build();
        Services.AddLogging();
        Services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(_data.Path));
        Services.AddCatalog();
        Services.AddStorage(configuration);
        Services.AddExecution(configuration);
        Services.AddHookRunner();
        Services.AddHookEvents(configuration);
        Services.AddUsers(configuration);
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
    }

    protected IUserService Users => Services.GetRequiredService<IUserService>();

    protected IHookEventStore Events => Services.GetRequiredService<IHookEventStore>();

    public async Task InitializeAsync() => await Services.GetRequiredService<SqliteDatabase>().MigrateAsync();

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>A user stored directly (no password hashing: these tests never sign in), for lists and details.</summary>
    protected async Task<User> AddUserAsync(string email, string? username = null, DateTimeOffset? createdAt = null)
    {
        var connection = await Services.GetRequiredService<IConnectionStore>().GetDefaultAsync();
        var at = createdAt ?? DateTimeOffset.UtcNow;
        var user = new User(UserRules.NewUserId(), connection.Id, email, username, false, new JsonObject(), new JsonObject(), at, at, null);
        return await Services.GetRequiredService<IUserStore>().CreateAsync(new NewUser(user, "not-a-hash"), queued: null);
    }

    protected Task<Hook> AddHookAsync(string triggerId, string script) =>
        Services.GetRequiredService<IHookStore>().CreateAsync(new NewHook($"Hook {Guid.NewGuid():N}"[..20], triggerId, script, true));
}
