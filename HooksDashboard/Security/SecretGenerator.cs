using System.Security.Cryptography;

namespace HooksDashboard.Security;

/// <summary>Random passwords and secrets for first-start credentials.</summary>
public static class SecretGenerator
{
    // No look-alike characters (0/O, 1/l/I): people copy these from a console.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>A random string of <paramref name="length"/> characters from an unambiguous alphabet.</summary>
    public static string New(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
