using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Grants;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// The whole app in process on a temp data folder (or a given one, to open a second host on the same data),
/// with a fixed <c>Issuer</c>, plus helpers to seed an application, an API and a grant.
/// </summary>
public sealed class IdentityServerFactory : WebApplicationFactory<Program>
{
    public const string Issuer = "https://tenant.example.com/";
    public const string Audience = "https://api.example.com/";

    private readonly TempDataDirectory? _owned;
    private readonly Dictionary<string, string?> _settings;
    private string? _ownedDatabase;

    /// <summary>A new factory; test classes hold it from <c>InitializeAsync</c> and dispose it in <c>DisposeAsync</c>.</summary>
    public static IdentityServerFactory Create(string? dataDirectory = null, Dictionary<string, string?>? settings = null) =>
        new(dataDirectory, settings);

    /// <summary>
    /// A new factory on <paramref name="provider"/>: SQLite in its data folder, or a new database on the test run's
    /// PostgreSQL cluster (<see cref="PostgreSqlServer"/>), dropped at dispose.
    /// </summary>
    public static async Task<IdentityServerFactory> CreateAsync(HooksDashboard.Storage.StorageProvider provider, Dictionary<string, string?>? settings = null)
    {
        settings = new Dictionary<string, string?>(settings ?? []);
        if (provider != HooksDashboard.Storage.StorageProvider.PostgreSQL)
            return new IdentityServerFactory(null, settings);
        var server = await PostgreSqlServer.GetAsync();
        var database = await server.CreateDatabaseAsync();
        settings[HooksDashboard.Storage.StorageOptions.ProviderKey] = nameof(HooksDashboard.Storage.StorageProvider.PostgreSQL);
        settings["ConnectionStrings:" + HooksDashboard.Storage.StorageOptions.ConnectionStringName] = server.ConnectionString(database);
        return new IdentityServerFactory(null, settings) { _ownedDatabase = database };
    }

    private IdentityServerFactory(string? dataDirectory, Dictionary<string, string?>? settings)
    {
        _owned = dataDirectory is null ? new TempDataDirectory() : null;
        DataDirectory = dataDirectory ?? _owned!.Path;
        _settings = settings ?? [];
    }

    public string DataDirectory { get; }

    public IApplicationStore Applications => Services.GetRequiredService<IApplicationStore>();

    public IResourceServerStore Apis => Services.GetRequiredService<IResourceServerStore>();

    public IClientGrantStore Grants => Services.GetRequiredService<IClientGrantStore>();

    public IHookStore Hooks => Services.GetRequiredService<IHookStore>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("Issuer", Issuer);
        // npm packages come from the loopback registry, never from the public one.
        builder.UseSetting("Packages:RegistryUrl", SharedNpmRegistry.Url);
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
    }

    /// <summary>An application with metadata, an API with scopes <c>read:things write:things delete:things</c>, and a grant of the first two.</summary>
    public async Task<Client> SeedAsync()
    {
        _ = Server; // starts the host: migrations and start-up work run first
        var created = await Applications.CreateAsync(new NewApplication("Billing service", new Dictionary<string, string> { ["plan"] = "full" }));
        var api = await Apis.CreateAsync(new NewResourceServer(Audience, "Things API",
            [new("read:things", "Read"), new("write:things", "Write"), new("delete:things", "Delete")], 3600));
        await Grants.CreateAsync(created.Application.ClientId, api.Id, ["read:things", "write:things"]);
        return new Client(created.Application.ClientId, created.ClientSecret, api.Id);
    }

    /// <summary>Creates an enabled credentials-exchange hook.</summary>
    public Task<Hook> AddHookAsync(string script) =>
        Hooks.CreateAsync(new NewHook("Exchange hook", CredentialsExchangePoint.TriggerId, script, Enabled: true));

    public Task<HttpResponseMessage> PostTokenJsonAsync(object body) => CreateClient().PostAsJsonAsync("/oauth/token", body);

    public Task<HttpResponseMessage> PostTokenFormAsync(Dictionary<string, string> form) =>
        CreateClient().PostAsync("/oauth/token", new FormUrlEncodedContent(form));

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)!;

    /// <summary>Checks the token's RS256 signature against the key the server publishes at /.well-known/jwks.json; returns the header and payload.</summary>
    public async Task<(JsonObject Header, JsonObject Payload)> VerifyWithJwksAsync(string token)
    {
        var jwks = JsonNode.Parse(await CreateClient().GetStringAsync("/.well-known/jwks.json"))!;
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject();
        var jwk = jwks["keys"]!.AsArray().Single(k => (string?)k!["kid"] == (string?)header["kid"])!;
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars((string)jwk["n"]!),
            Exponent = Base64Url.DecodeFromChars((string)jwk["e"]!),
        });
        var valid = rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(valid, "The token's signature does not verify with the published JWKS key.");
        return (header, JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _owned?.Dispose();
        if (_ownedDatabase is not null)
            await (await PostgreSqlServer.GetAsync()).DropDatabaseAsync(_ownedDatabase);
        GC.SuppressFinalize(this);
    }

    /// <summary>A seeded application's credentials and the API it is granted.</summary>
    public sealed record Client(string ClientId, string ClientSecret, string ApiId)
    {
        public Dictionary<string, string> Form(string? scope = null)
        {
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = ClientId,
                ["client_secret"] = ClientSecret,
                ["audience"] = Audience,
            };
            if (scope is not null)
                form["scope"] = scope;
            return form;
        }
    }
}
