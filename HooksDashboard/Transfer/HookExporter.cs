using System.IO.Compression;
using System.Text;
using HooksDashboard.Hooks;

namespace HooksDashboard.Transfer;

/// <summary>
/// Exports the stored hooks as deploy-cli definitions and files. Secret values never leave: every secret is written with
/// deploy-cli's mask (<c>_VALUE_NOT_SHOWN_</c>), which an import reads as "keep the value the hook has".
/// </summary>
public sealed class HookExporter(IHookStore hooks)
{
    /// <summary>Every stored hook, in creation order, secrets masked.</summary>
    public async Task<IReadOnlyList<HookDefinition>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<HookDefinition>();
        foreach (var hook in await hooks.ListAsync(null, cancellationToken).ConfigureAwait(false))
        {
            var names = await hooks.ListSecretNamesAsync(hook.Id, cancellationToken).ConfigureAwait(false);
            result.Add(new HookDefinition(hook.Name, hook.TriggerId, hook.Script, hook.Enabled,
                new Dictionary<string, string>(hook.Dependencies, StringComparer.Ordinal),
                names.ToDictionary(n => n, _ => (string?)HookRules.SecretMask, StringComparer.Ordinal),
                "stored"));
        }
        return result;
    }

    /// <summary>The export's files (relative path to text) in <paramref name="layout"/>.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ExportAsync(DeployCliLayout layout, CancellationToken cancellationToken = default) =>
        DeployCliFormat.Write(await ReadAsync(cancellationToken).ConfigureAwait(false), layout);

    /// <summary>The files as a zip archive.</summary>
    public static byte[] Zip(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                var entry = archive.CreateEntry(path, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(new UTF8Encoding(false).GetBytes(text));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Writes the files under <paramref name="folder"/> (created when missing); returns the paths written.</summary>
    public static IReadOnlyList<string> WriteTo(string folder, IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var written = new List<string>();
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(folder, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text, new UTF8Encoding(false));
            written.Add(full);
        }
        return written;
    }
}
