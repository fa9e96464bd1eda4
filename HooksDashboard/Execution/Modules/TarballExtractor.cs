using System.Formats.Tar;
using System.IO.Compression;

namespace HooksDashboard.Execution.Modules;

/// <summary>
/// Unpacks a verified npm tarball (gzip + tar) into an empty folder the way npm does — the first path segment
/// (<c>package/</c>) stripped — and safely: names that are absolute or climb out with <c>..</c> and links that point
/// outside the package are refused; links inside it, devices and FIFOs are not created (a package's files are plain
/// files and folders); the number of entries and the unpacked size are capped.
/// </summary>
public static class TarballExtractor
{
    /// <summary>Unpacks <paramref name="tarball"/> into <paramref name="target"/> (which must exist and be empty).</summary>
    public static void Extract(byte[] tarball, string target, string package, long maxUnpackedBytes, int maxEntries)
    {
        ArgumentNullException.ThrowIfNull(tarball);
        var root = Path.GetFullPath(target);
        var rootPrefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        long total = 0;
        var entries = 0;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(tarball, writable: false), CompressionMode.Decompress);
            using var reader = new TarReader(gzip, leaveOpen: false);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                if (++entries > maxEntries)
                    throw new PackageInstallException($"The tarball of {package} holds more than {maxEntries:N0} entries (Packages:MaxEntries).");

                var relative = Relative(entry.Name, package);
                if (relative is null)
                    continue; // the stripped top folder itself, or a bare top-level name npm also drops

                var destination = Path.GetFullPath(Path.Combine(root, relative));
                if (!destination.StartsWith(rootPrefix, StringComparison.Ordinal))
                    throw Unsafe(package, entry.Name);

                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(destination);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        total += entry.Length;
                        if (entry.Length < 0 || total > maxUnpackedBytes)
                            throw TooLarge(package, maxUnpackedBytes);
                        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                        using (var file = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None))
                        {
                            if (entry.DataStream is { } data)
                                CopyBounded(data, file, entry.Length, package, maxUnpackedBytes);
                        }
                        break;
                    case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                        var linkBase = entry.EntryType == TarEntryType.SymbolicLink ? Path.GetDirectoryName(destination)! : root;
                        var linkTarget = entry.LinkName;
                        if (string.IsNullOrEmpty(linkTarget) || Path.IsPathRooted(linkTarget) || linkTarget.Contains('\\', StringComparison.Ordinal)
                            || !Path.GetFullPath(Path.Combine(linkBase, entry.EntryType == TarEntryType.HardLink ? StripFirst(linkTarget) ?? "" : linkTarget)).StartsWith(rootPrefix, StringComparison.Ordinal))
                            throw new PackageInstallException($"The tarball of {package} holds a link '{entry.Name}' → '{linkTarget}' that points outside the package: refused.");
                        break; // not created: see the class comment
                    default:
                        break; // devices, FIFOs, sparse or unknown entries: never created
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new PackageInstallException($"The tarball of {package} is not a valid gzip-compressed tar archive ({ex.Message}).", ex);
        }
        catch (FormatException ex)
        {
            throw new PackageInstallException($"The tarball of {package} is not a valid tar archive ({ex.Message}).", ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new PackageInstallException($"The tarball of {package} is truncated ({ex.Message}).", ex);
        }

        if (!File.Exists(Path.Combine(root, "package.json")))
            throw new PackageInstallException($"The tarball of {package} has no package.json in its top folder.");
    }

    /// <summary>The entry's path below the stripped first segment, or null when nothing is left; throws for unsafe names.</summary>
    private static string? Relative(string name, string package)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('\0', StringComparison.Ordinal) || name.StartsWith('/') || name.StartsWith('\\')
            || (name.Length >= 2 && name[1] == ':'))
            throw Unsafe(package, name);
        var segments = name.Split('/', '\\');
        if (segments.Any(s => s == ".."))
            throw Unsafe(package, name);
        return StripFirst(name);
    }

    private static string? StripFirst(string name)
    {
        var kept = name.Split('/', '\\').Skip(1).Where(s => s.Length > 0 && s != ".").ToList();
        return kept.Count == 0 ? null : Path.Combine([.. kept]);
    }

    private static void CopyBounded(Stream source, Stream destination, long declared, string package, long maxUnpackedBytes)
    {
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            copied += read;
            if (copied > declared || copied > maxUnpackedBytes)
                throw TooLarge(package, maxUnpackedBytes);
            destination.Write(buffer, 0, read);
        }
    }

    private static PackageInstallException Unsafe(string package, string name) =>
        new($"The tarball of {package} holds an unsafe path '{name}' (absolute, or climbing out of the package with '..'): refused.");

    private static PackageInstallException TooLarge(string package, long max) =>
        new($"The tarball of {package} unpacks to more than {max:N0} bytes (Packages:MaxUnpackedBytes).");
}
