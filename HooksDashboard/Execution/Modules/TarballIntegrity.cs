using System.Security.Cryptography;

namespace HooksDashboard.Execution.Modules;

/// <summary>
/// Checks a tarball against the registry's <c>dist.integrity</c> (Subresource Integrity: <c>sha512-&lt;base64&gt;</c>,
/// possibly several space-separated hashes; the strongest algorithm present decides, any of its hashes may match).
/// Only when the registry gives no integrity at all does it fall back to <c>dist.shasum</c> (hex SHA-1), as npm does
/// for very old packages. A tarball with neither is refused.
/// </summary>
public static class TarballIntegrity
{
    private static readonly string[] Strength = ["sha512", "sha384", "sha256", "sha1"];

    /// <summary>Throws <see cref="PackageInstallException"/> unless <paramref name="tarball"/> matches the manifest's digest.</summary>
    public static void Verify(PackageManifest manifest, ReadOnlySpan<byte> tarball)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var package = $"{manifest.Name}@{manifest.Version}";
        if (!string.IsNullOrWhiteSpace(manifest.Integrity))
        {
            var hashes = manifest.Integrity.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(h => h.Split('?', 2)[0])
                .Select(h => (Algorithm: h.Split('-', 2)[0].ToLowerInvariant(), Digest: h.Contains('-', StringComparison.Ordinal) ? h.Split('-', 2)[1] : ""))
                .Where(h => Strength.Contains(h.Algorithm))
                .ToList();
            var algorithm = Strength.FirstOrDefault(a => hashes.Any(h => h.Algorithm == a))
                ?? throw new PackageInstallException($"The integrity of {package} ('{manifest.Integrity}') uses no supported algorithm (sha512, sha384, sha256, sha1).");
            var actual = Convert.ToBase64String(Hash(algorithm, tarball));
            if (hashes.Any(h => h.Algorithm == algorithm && string.Equals(h.Digest, actual, StringComparison.Ordinal)))
                return;
            throw new PackageInstallException(
                $"Integrity check failed for {package}: the downloaded tarball's {algorithm} is {algorithm}-{actual}, the registry says {manifest.Integrity}. Nothing was installed.");
        }

        if (!string.IsNullOrWhiteSpace(manifest.Shasum))
        {
            var actual = Sha1Hex(tarball);
            if (string.Equals(actual, manifest.Shasum.Trim(), StringComparison.OrdinalIgnoreCase))
                return;
            throw new PackageInstallException(
                $"Integrity check failed for {package}: the downloaded tarball's sha1 is {actual}, the registry's shasum is {manifest.Shasum}. Nothing was installed.");
        }

        throw new PackageInstallException($"The registry gives no integrity or shasum for {package}: it cannot be verified, so it is not installed.");
    }

    /// <summary>The SRI string of a tarball (sha512), as the cache records it.</summary>
    public static string Sha512Sri(ReadOnlySpan<byte> tarball) => "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball));

    /// <summary>Whether an SRI string recorded by the cache (<paramref name="recordedSha512"/>, <paramref name="recordedSha1Hex"/>) satisfies a manifest's digest.</summary>
    public static bool Matches(PackageManifest manifest, string recordedSha512, string recordedSha1Hex)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!string.IsNullOrWhiteSpace(manifest.Integrity))
        {
            var hashes = manifest.Integrity.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(h => h.Split('?', 2)[0]).ToList();
            if (hashes.Any(h => h.StartsWith("sha512-", StringComparison.OrdinalIgnoreCase)))
                return hashes.Contains(recordedSha512, StringComparer.Ordinal);
            var sha1 = "sha1-" + Convert.ToBase64String(Convert.FromHexString(recordedSha1Hex));
            return hashes.All(h => h.StartsWith("sha1-", StringComparison.OrdinalIgnoreCase)) && hashes.Contains(sha1, StringComparer.Ordinal);
        }
        return !string.IsNullOrWhiteSpace(manifest.Shasum) && string.Equals(manifest.Shasum.Trim(), recordedSha1Hex, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Hex SHA-1 of a tarball: npm's legacy <c>shasum</c>, recorded so old packages can be matched too.</summary>
    public static string Sha1Hex(ReadOnlySpan<byte> tarball) => Convert.ToHexStringLower(Sha1(tarball));

    private static byte[] Hash(string algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        "sha512" => SHA512.HashData(data),
        "sha384" => SHA384.HashData(data),
        "sha256" => SHA256.HashData(data),
        _ => Sha1(data),
    };

#pragma warning disable CA5350 // SHA-1 is what old registry entries carry (sha1 SRI, shasum); only used when nothing stronger is given.
    private static byte[] Sha1(ReadOnlySpan<byte> data) => SHA1.HashData(data);
#pragma warning restore CA5350
}
