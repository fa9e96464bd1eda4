using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Tests.TestHelpers;
using Npgsql;

namespace HooksDashboard.Tests.Cluster;

/// <summary>
/// Two real app processes (A and B) on one throwaway PostgreSQL database, configured as a load-balanced deployment is:
/// the same <c>Issuer</c>, the same bootstrap management application, their own data folders. One pair per test class.
/// </summary>
public sealed class TwoInstanceCluster : IAsyncLifetime
{
    public const string Issuer = "http://hooks.cluster.test/";
    public const string ClientId = "cluster-test-client";
    public const string ClientSecret = "cluster-test-secret-0123456789-abcdefghij";
    public const string AdminEmail = "owner@cluster.test";
    public const string AdminPassword = "cluster-test-admin-password-1";

    /// <summary>How long a claimed event stays leased: short, so a killed instance's event is taken over quickly.</summary>
    public static readonly TimeSpan EventLease = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly AppProcess?[] _instances = new AppProcess?[2];
    private readonly TempDataDirectory[] _dataDirectories = [new(), new()];
    private PostgreSqlServer _server = null!;
    private string _database = null!;

    public string ConnectionString { get; private set; } = "";

    public AppProcess A => _instances[0] ?? throw new InvalidOperationException("Instance A is not running.");

    public AppProcess B => _instances[1] ?? throw new InvalidOperationException("Instance B is not running.");

    public IReadOnlyList<AppProcess> Instances => [A, B];

    public async Task InitializeAsync()
    {
        _server = await PostgreSqlServer.GetAsync();
        // Empty: the first instance applies the migrations, as in a new deployment.
        _database = await _server.CreateDatabaseAsync(migrated: false);
        ConnectionString = _server.ConnectionString(_database);
        // One after the other: the first start creates the bootstrap application and the signing key, the second finds them.
        _instances[0] = await AppProcess.StartAsync(Environment(0), StartTimeout);
        _instances[1] = await AppProcess.StartAsync(Environment(1), StartTimeout);
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            if (instance is not null)
                await instance.DisposeAsync();
        }
        NpgsqlConnection.ClearAllPools();
        await _server.DropDatabaseAsync(_database);
        foreach (var directory in _dataDirectories)
            directory.Dispose();
    }

    /// <summary>Starts instance <paramref name="index"/> again (after <see cref="AppProcess.Kill"/>), on the same data folder.</summary>
    public async Task RestartAsync(int index)
    {
        if (_instances[index] is { } old)
            await old.DisposeAsync();
        _instances[index] = null;
        _instances[index] = await AppProcess.StartAsync(Environment(index), StartTimeout);
    }

    /// <summary>A Management API token from <paramref name="instance"/>'s <c>/oauth/token</c> (client credentials).</summary>
    public static async Task<string> ManagementTokenAsync(AppProcess instance)
    {
        var (token, error) = await TryTokenAsync(instance, Issuer + "api/v2/");
        Assert.True(token is not null, error);
        return token!;
    }

    /// <summary>A token of the bootstrap application for <paramref name="audience"/>, or why there is none.</summary>
    public static async Task<(string? Token, string Error)> TryTokenAsync(AppProcess instance, string audience)
    {
        using var http = new HttpClient { BaseAddress = new Uri(instance.BaseUrl) };
        using var response = await http.PostAsync(new Uri("oauth/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["audience"] = audience,
        }));
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? (JsonNode.Parse(body)!["access_token"]!.GetValue<string>(), "")
            : (null, $"POST /oauth/token at {instance.BaseUrl}: {(int)response.StatusCode} {body}");
    }

    /// <summary>A client for <paramref name="instance"/>'s Management API with <paramref name="token"/>.</summary>
    public static HttpClient ManagementClient(AppProcess instance, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(instance.BaseUrl + "api/v2/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Sends <paramref name="body"/> and returns the JSON answer, failing with the answer on a non-2xx status.</summary>
    public static async Task<JsonNode?> SendAsync(HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
            request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {http.BaseAddress}{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>One value read straight from the shared database.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Dictionary<string, string> Environment(int index) => new()
    {
        ["Storage__Provider"] = "PostgreSQL",
        ["ConnectionStrings__HooksDashboard"] = ConnectionString,
        ["DataDirectory"] = _dataDirectories[index].Path,
        ["Issuer"] = Issuer,
        ["Bootstrap__ClientId"] = ClientId,
        ["Bootstrap__ClientSecret"] = ClientSecret,
        ["Admin__Email"] = AdminEmail,
        ["Admin__Password"] = AdminPassword,
        ["Events__Lease"] = EventLease.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Events__PollInterval"] = "00:00:01",
        // The slow event's hook calls a loopback server of the test.
        ["Execution__Egress__Allow__0"] = "127.0.0.1",
        ["Logging__LogLevel__Default"] = "Warning",
    };
}
