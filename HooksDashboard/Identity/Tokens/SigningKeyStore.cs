using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using HooksDashboard.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Identity.Tokens;

/// <summary>The RSA key tokens are signed with, and its public half as a JWK.</summary>
/// <param name="Kid">The key id: the RFC 7638 SHA-256 thumbprint of the public key, base64url.</param>
/// <param name="Rsa">The private key; shared, never disposed while the process runs.</param>
/// <param name="PublicJwk">The public key as published in the JWKS.</param>
public sealed record SigningKey(string Kid, RSA Rsa, JsonObject PublicJwk);

/// <summary>
/// Keeps one RSA 2048 signing key in <c>{DataDirectory}/signing-key.json</c>: created on first use, loaded
/// afterwards, so every host on the same data folder signs with the same key (same <c>kid</c>). The private key is
/// stored encrypted with Data Protection (the key ring that also protects hook secrets, in the same folder).
/// On PostgreSQL the same JSON is the <c>signing_keys</c> row <c>'current'</c> (migration 400), encrypted with the key
/// ring in the database, so every instance signs with one key and validates the others' tokens; instances creating it
/// at the same moment all end up with the first one stored.
/// </summary>
public sealed class SigningKeyStore : IDisposable
{
    public const string FileName = "signing-key.json";

    private const string Purpose = "HooksDashboard.SigningKey.v1";
    private const string SharedKeyId = "current";
    private const string SelectSharedSql = "SELECT data FROM signing_keys WHERE id = @Id;";
    private const string InsertSharedSql = """
        INSERT INTO signing_keys (id, kid, data, created_at) VALUES (@Id, @Kid, @Data, @CreatedAt)
        ON CONFLICT (id) DO NOTHING;
        """;
    private const int KeySizeBits = 2048;

    private readonly string _path;
    private readonly IDatabase _database;
    private readonly IDataProtector _protector;
    private readonly ILogger<SigningKeyStore> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SigningKey? _key;

    public SigningKeyStore(IOptions<StorageOptions> storage, IDatabase database, IDataProtectionProvider dataProtection, ILogger<SigningKeyStore> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(dataProtection);
        _path = Path.Combine(storage.Value.DataDirectory, FileName);
        _database = database;
        _protector = dataProtection.CreateProtector(Purpose);
        _logger = logger;
    }

    /// <summary>The signing key, loading or creating it on first call.</summary>
    /// <exception cref="InvalidOperationException">The key file exists but cannot be read (corrupt, or its Data Protection key ring is lost).</exception>
    public async ValueTask<SigningKey> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_key is { } key)
            return key;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _key ??= await LoadOrCreateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SigningKey> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        if (_database.Provider == StorageProvider.PostgreSQL)
            return await LoadOrCreateSharedAsync(cancellationToken).ConfigureAwait(false);
        if (File.Exists(_path))
            return await LoadAsync(cancellationToken).ConfigureAwait(false);

        var rsa = RSA.Create(KeySizeBits);
        var publicJwk = PublicJwk(rsa);
        var file = new KeyFile
        {
            Kid = Thumbprint(publicJwk),
            CreatedAt = DateTimeOffset.UtcNow,
            PrivateKey = _protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
        };

        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temp = _path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(file), cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            // No overwrite: when another process created the key first, its key wins and this one is dropped.
            File.Move(temp, _path, overwrite: false);
        }
        catch (IOException) when (File.Exists(_path))
        {
            File.Delete(temp);
            rsa.Dispose();
            return await LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        _logger.LogInformation("Created signing key {Kid} in {Path}", file.Kid, _path);
        return new SigningKey(file.Kid, rsa, WithKid(publicJwk, file.Kid));
    }

    private async Task<SigningKey> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return Open(await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"The signing key {_path} cannot be read ({e.Message}). Restore it with its Data Protection key ring, or delete it to create a new key (tokens already issued will stop validating).", e);
        }
    }

    /// <summary>The key in the database: the stored one, or a new one unless another instance stored its own first.</summary>
    private async Task<SigningKey> LoadOrCreateSharedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var stored = await connection.QuerySingleOrDefaultAsync<string>(
            new CommandDefinition(SelectSharedSql, new { Id = SharedKeyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (stored is null)
        {
            using var rsa = RSA.Create(KeySizeBits);
            var file = new KeyFile
            {
                Kid = Thumbprint(PublicJwk(rsa)),
                CreatedAt = DateTimeOffset.UtcNow,
                PrivateKey = _protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
            };
            var inserted = await connection.ExecuteAsync(new CommandDefinition(InsertSharedSql,
                new { Id = SharedKeyId, file.Kid, Data = JsonSerializer.Serialize(file), file.CreatedAt }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (inserted == 1)
                _logger.LogInformation("Created signing key {Kid} in the database ({Database})", file.Kid, _database.Description);
            stored = await connection.QuerySingleAsync<string>(
                new CommandDefinition(SelectSharedSql, new { Id = SharedKeyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        try
        {
            return Open(stored);
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"The signing key in table signing_keys of the {_database.Description} cannot be read ({e.Message}). Restore the table data_protection_keys it was encrypted with, or delete the row to create a new key (tokens already issued will stop validating).", e);
        }
    }

    /// <summary>The key from its stored JSON (<see cref="KeyFile"/>), decrypting the private key.</summary>
    private SigningKey Open(string json)
    {
        var file = JsonSerializer.Deserialize<KeyFile>(json) ?? throw new JsonException("The key is empty.");
        var rsa = RSA.Create();
        try
        {
            rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(_protector.Unprotect(file.PrivateKey)), out _);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
        var publicJwk = PublicJwk(rsa);
        return new SigningKey(Thumbprint(publicJwk), rsa, WithKid(publicJwk, Thumbprint(publicJwk)));
    }

    private static JsonObject PublicJwk(RSA rsa)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
            ["kty"] = "RSA",
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
        };
    }

    /// <summary>RFC 7638: SHA-256 over the required members in lexicographic order, without whitespace.</summary>
    private static string Thumbprint(JsonObject publicJwk)
    {
        var canonical = $$"""{"e":"{{publicJwk["e"]}}","kty":"RSA","n":"{{publicJwk["n"]}}"}""";
        return Base64Url.EncodeToString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
    }

    private static JsonObject WithKid(JsonObject publicJwk, string kid) => new()
    {
        ["kty"] = "RSA",
        ["use"] = "sig",
        ["alg"] = "RS256",
        ["kid"] = kid,
        ["n"] = publicJwk["n"]!.DeepClone(),
        ["e"] = publicJwk["e"]!.DeepClone(),
    };

    public void Dispose()
    {
        _key?.Rsa.Dispose();
        _gate.Dispose();
    }

    private sealed class KeyFile
    {
        public string Kid { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }

        /// <summary>PKCS#8, base64, then Data Protection ciphertext.</summary>
        public string PrivateKey { get; set; } = "";
    }
}
