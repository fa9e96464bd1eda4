using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace HooksDashboard.Identity.Applications;

/// <summary>
/// Client ids, client secrets and the secrets' stored form. A secret is 64 random characters (about 380 bits),
/// so a fast salted SHA-256 is as safe as a slow password hash against guessing, and keeps the token endpoint
/// fast; verification compares in constant time.
/// </summary>
public static class ClientSecrets
{
    public const int ClientIdLength = 32;
    public const int SecretLength = 64;

    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string SecretAlphabet = IdAlphabet + "-_";
    private const string Version = "v1";
    private const int SaltBytes = 16;

    public static string NewClientId() => RandomNumberGenerator.GetString(IdAlphabet, ClientIdLength);

    public static string NewSecret() => RandomNumberGenerator.GetString(SecretAlphabet, SecretLength);

    /// <summary>The stored form: <c>v1.{salt}.{SHA-256(salt || UTF-8 secret)}</c>, base64url.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return $"{Version}.{Base64Url.EncodeToString(salt)}.{Base64Url.EncodeToString(Digest(salt, secret))}";
    }

    /// <summary>Whether <paramref name="secret"/> is the one <paramref name="stored"/> was made from; constant time in the secret.</summary>
    public static bool Verify(string secret, string stored)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
            return false;
        var salt = Base64Url.DecodeFromChars(parts[1]);
        var expected = Base64Url.DecodeFromChars(parts[2]);
        return CryptographicOperations.FixedTimeEquals(Digest(salt, secret), expected);
    }

    /// <summary>A stored form no secret matches, verified for unknown client ids so they take as long as wrong secrets.</summary>
    internal static string Decoy { get; } = Hash(NewSecret());

    private static byte[] Digest(byte[] salt, string secret)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var input = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(input, 0);
        secretBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }
}
