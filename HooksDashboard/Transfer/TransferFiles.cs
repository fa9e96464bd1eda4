using System.IO.Compression;
using System.Text;

namespace HooksDashboard.Transfer;

/// <summary>
/// A read-only tree of text files a deploy-cli source is read from (a folder on disk, an uploaded zip), addressed by
/// relative paths with '/' separators. Nothing outside the root can be reached: deploy-cli warns about such paths and
/// says a later release refuses them; an import refuses them now.
/// </summary>
public abstract class TransferFiles
{
    /// <summary>Largest file read (a hook script is at most 100 KB; metadata files are small).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>What the tree is, for messages ("folder /repo/tenant", "upload export.zip").</summary>
    public abstract string Name { get; }

    public abstract bool FileExists(string path);

    public abstract bool FolderExists(string path);

    /// <summary>The files directly inside <paramref name="folder"/> ("" for the root), as paths, sorted ordinally.</summary>
    public abstract IReadOnlyList<string> ListFiles(string folder);

    /// <summary>The file's text (UTF-8).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public abstract string ReadText(string path);

    /// <summary>
    /// Resolves <paramref name="relative"/> (with '/' or '\', optionally "./") against <paramref name="folder"/>; null when
    /// it is absolute or climbs out of the root.
    /// </summary>
    public static string? Combine(string folder, string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        var text = relative.Replace('\\', '/');
        if (text.StartsWith('/') || (text.Length > 1 && text[1] == ':'))
            return null;
        var parts = new List<string>(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in text.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
                continue;
            if (part == "..")
            {
                if (parts.Count == 0)
                    return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>The folder part of a path ("" for a file at the root).</summary>
    public static string FolderOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }
}

/// <summary>Files under a folder on disk.</summary>
public sealed class FolderFiles : TransferFiles
{
    private readonly string _root;

    public FolderFiles(string root)
    {
        _root = Path.GetFullPath(root);
        if (!Directory.Exists(_root))
            throw new HookDefinitionException(new DefinitionError(root, null, null, "No such folder."));
    }

    public override string Name => $"folder {_root}";

    public override bool FileExists(string path) => File.Exists(Full(path));

    public override bool FolderExists(string path) => Directory.Exists(Full(path));

    public override IReadOnlyList<string> ListFiles(string folder)
    {
        var full = Full(folder);
        if (!Directory.Exists(full))
            return [];
        return [.. Directory.EnumerateFiles(full).Select(f => (folder.Length == 0 ? "" : folder + "/") + Path.GetFileName(f)).Order(StringComparer.Ordinal)];
    }

    public override string ReadText(string path)
    {
        var info = new FileInfo(Full(path));
        if (!info.Exists)
            throw new FileNotFoundException($"No file {path}.", path);
        if (info.Length > MaxFileBytes)
            throw new InvalidDataException($"{path} is {info.Length:N0} bytes; at most {MaxFileBytes:N0} are read.");
        return File.ReadAllText(info.FullName, Encoding.UTF8);
    }

    private string Full(string path) => path.Length == 0 ? _root : Path.Combine(_root, path.Replace('/', Path.DirectorySeparatorChar));
}

/// <summary>
/// Files of a zip archive, read into memory with bounds (entries, sizes). When every entry sits under one top folder
/// (a zipped folder), that folder is the root.
/// </summary>
public sealed class ZipFiles : TransferFiles
{
    public const int MaxEntries = 2000;
    public const long MaxTotalBytes = 50L * 1024 * 1024;

    private readonly Dictionary<string, string> _files;
    private readonly HashSet<string> _folders;
    private readonly string _name;

    private ZipFiles(string name, Dictionary<string, string> files)
    {
        _name = name;
        _files = files;
        _folders = new HashSet<string>(StringComparer.Ordinal) { "" };
        foreach (var path in files.Keys)
        {
            for (var folder = FolderOf(path); folder.Length > 0; folder = FolderOf(folder))
                _folders.Add(folder);
        }
    }

    public override string Name => _name;

    /// <summary>Reads an archive.</summary>
    /// <exception cref="HookDefinitionException">Not a zip, or beyond the bounds.</exception>
    public static ZipFiles Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > MaxEntries)
                throw Error(name, $"The archive has {archive.Entries.Count:N0} entries; at most {MaxEntries:N0} are read.");
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                    continue;
                var path = Combine("", entry.FullName)
                    ?? throw Error(name, $"The entry '{entry.FullName}' points outside the archive.");
                if (entry.Length > MaxFileBytes)
                    throw Error(name, $"{path} is {entry.Length:N0} bytes; at most {MaxFileBytes:N0} are read.");
                total += entry.Length;
                if (total > MaxTotalBytes)
                    throw Error(name, $"The archive holds more than {MaxTotalBytes / (1024 * 1024)} MB.");
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                // The declared length can lie; never read more than the bound.
                var buffer = new char[MaxFileBytes + 1];
                var read = reader.ReadBlock(buffer, 0, buffer.Length);
                if (read > MaxFileBytes)
                    throw Error(name, $"{path} is larger than {MaxFileBytes:N0} bytes.");
                files[path] = new string(buffer, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw Error(name, $"Not a readable zip archive: {e.Message}");
        }
        return new ZipFiles(name, StripCommonFolder(files));
    }

    /// <summary>A tree of the given files (an uploaded tenant.yaml on its own).</summary>
    public static ZipFiles FromFiles(string name, IReadOnlyDictionary<string, string> files) =>
        new(name, new Dictionary<string, string>(files, StringComparer.Ordinal));

    public override bool FileExists(string path) => _files.ContainsKey(path);

    public override bool FolderExists(string path) => _folders.Contains(path);

    public override IReadOnlyList<string> ListFiles(string folder) =>
        [.. _files.Keys.Where(p => FolderOf(p) == folder).Order(StringComparer.Ordinal)];

    public override string ReadText(string path) =>
        _files.TryGetValue(path, out var text) ? text : throw new FileNotFoundException($"No file {path}.", path);

    private static Dictionary<string, string> StripCommonFolder(Dictionary<string, string> files)
    {
        if (files.Count == 0 || files.Keys.Any(p => !p.Contains('/')))
            return files;
        var top = files.Keys.First().Split('/')[0];
        if (files.Keys.Any(p => !p.StartsWith(top + "/", StringComparison.Ordinal)) || top == DeployCliFormat.HooksFolder)
            return files;
        return files.ToDictionary(p => p.Key[(top.Length + 1)..], p => p.Value, StringComparer.Ordinal);
    }

    private static HookDefinitionException Error(string name, string message) => new(new DefinitionError(name, null, null, message));
}
