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
            var tar = Decompress(tarball, package, maxUnpackedBytes, maxEntries);
            NormalizeHeaders(tar);
            using var reader = new TarReader(new MemoryStream(tar, writable: false), leaveOpen: false);
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
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
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

    /// <summary>The whole tar in memory, bounded: the files' bytes plus a header block (and padding) per entry.</summary>
    private static byte[] Decompress(byte[] tarball, string package, long maxUnpackedBytes, int maxEntries)
    {
        var limit = maxUnpackedBytes + ((long)maxEntries * 2048) + (1024 * 1024);
        using var gzip = new GZipStream(new MemoryStream(tarball, writable: false), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (output.Length + read > limit)
                throw TooLarge(package, maxUnpackedBytes);
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }

    /// <summary>
    /// Rewrites the numeric header fields nothing here uses (uid, gid, mtime, device numbers) to zero when they are in
    /// GNU's base-256 form: npm's own tarballs carry such uids (e.g. buffer-equal-constant-time@1.0.1), and
    /// <see cref="TarReader"/> fails on them with an overflow. Sizes are left alone; checksums are recomputed.
    /// </summary>
    private static void NormalizeHeaders(byte[] tar)
    {
        ReadOnlySpan<(int Offset, int Length)> fields = [(108, 8), (116, 8), (136, 12), (329, 8), (337, 8)];
        long offset = 0;
        while (offset + 512 <= tar.Length)
        {
            var header = tar.AsSpan((int)offset, 512);
            if (!header.ContainsAnyExcept((byte)0))
                break; // end-of-archive blocks
            var changed = false;
            foreach (var (start, length) in fields)
            {
                if ((header[start] & 0x80) != 0)
                {
                    header.Slice(start, length).Fill((byte)'0');
                    header[start + length - 1] = 0;
                    changed = true;
                }
            }
            if (changed)
            {
                header.Slice(148, 8).Fill((byte)' ');
                var sum = 0;
                foreach (var b in header)
                    sum += b;
                var checksum = System.Text.Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0'));
                checksum.CopyTo(header.Slice(148, 6));
                header[154] = 0;
                header[155] = (byte)' ';
            }
            var size = ParseOctal(header.Slice(124, 12));
            if (size < 0)
                break; // a size TarReader will judge (and refuse) itself
            offset += 512 + ((size + 511) / 512 * 512);
        }
    }

    private static long ParseOctal(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
            return -1;
        long value = 0;
        foreach (var b in field)
        {
            if (b is 0 or (byte)' ')
            {
                if (value > 0)
                    break;
                continue;
            }
            if (b is < (byte)'0' or > (byte)'7')
                return -1;
            value = (value * 8) + (b - '0');
            if (value > int.MaxValue)
                return -1;
        }
        return value;
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
