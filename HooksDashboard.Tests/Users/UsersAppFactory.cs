using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Events;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Users;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HooksDashboard.Tests.Users;

/// <summary>
/// The whole app in process on a data folder of its own (or a given one, to restart on the same data), with
/// a captured log, quick queue polling and optional settings (e.g. <c>Events:WorkerEnabled</c>).
/// </summary>
public sealed class UsersAppFactory(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    : WebApplicationFactory<Program>
{
    public const string Connection = "Username-Password-Authentication";
    public const string StrongPassword = "Str0ng!Passw0rd";

    private Task<string>? _clientId;

    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataDirectory", dataDirectory);
        builder.UseSetting("Events:PollInterval", "00:00:00.200");
        builder.UseSetting("Events:RetryDelay", "00:00:00.050");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (time is not null)
            builder.ConfigureTestServices(services => services.AddSingleton(time));
    }

    public IHookStore Hooks => Services.GetRequiredService<IHookStore>();

    public IHookEventStore Events => Services.GetRequiredService<IHookEventStore>();

    public IUserStore Users => Services.GetRequiredService<IUserStore>();

    /// <summary>Creates the point's hook, enabled.</summary>
    public Task<Hook> AddHookAsync(string triggerId, string script) =>
        Hooks.CreateAsync(new NewHook($"Hook {Guid.NewGuid():N}"[..20], triggerId, script, true));

    /// <summary>The client id of an application created for these tests (created once, on first use).</summary>
    public Task<string> ClientIdAsync() => _clientId ??= CreateApplicationAsync();

    private async Task<string> CreateApplicationAsync() =>
        (await Services.GetRequiredService<IApplicationStore>().CreateAsync(new NewApplication("Sign-up tests"))).Application.ClientId;

    /// <summary>Posts a JSON sign-up with the defaults for any field not given.</summary>
    public async Task<HttpResponseMessage> SignUpAsync(HttpClient client, string email, string? password = null, string? username = null, JsonObject? userMetadata = null)
    {
        var body = new JsonObject
        {
            ["client_id"] = await ClientIdAsync(),
            ["connection"] = Connection,
            ["email"] = email,
            ["password"] = password ?? StrongPassword,
        };
        if (username is not null)
            body["username"] = username;
        if (userMetadata is not null)
            body["user_metadata"] = userMetadata;
        return await client.PostAsJsonAsync("/dbconnections/signup", body);
    }

    /// <summary>Waits until the event reaches a finished state; fails the test after 15 s.</summary>
    public async Task<HookEvent> WaitForEventAsync(Func<HookEvent, bool> match, Func<HookEvent, bool> finished)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = (await Events.ListAsync()).FirstOrDefault(match);
            if (found is not null && finished(found))
                return found;
            if (timeout.IsCancellationRequested)
                throw new TimeoutException($"The event did not finish; last seen: {found}");
            await Task.Delay(50);
        }
    }
}

/// <summary>A <see cref="UsersAppFactory"/> on a fresh data folder and its HTTP client; disposing removes both.</summary>
public sealed class UsersTestHost : IAsyncDisposable
{
    private readonly TempDataDirectory _data = new();

    private UsersTestHost(IReadOnlyDictionary<string, string?>? settings, TimeProvider? time)
    {
        App = new UsersAppFactory(_data.Path, settings, time);
        Client = App.CreateClient();
    }

    /// <summary>A host on a new data folder; the server starts with the first request or service access.</summary>
    public static UsersTestHost Create(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null) => new(settings, time);

    public UsersAppFactory App { get; }

    public HttpClient Client { get; }

    public string DataDirectory => _data.Path;

    public Task<HttpResponseMessage> SignUpAsync(string email, string? password = null, string? username = null, JsonObject? userMetadata = null) =>
        App.SignUpAsync(Client, email, password, username, userMetadata);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        _data.Dispose();
    }
}
