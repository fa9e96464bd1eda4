using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Acornima;
using Acornima.Ast;
using Jint;

namespace HooksDashboard.Execution.Modules;

/// <summary>
/// The process-wide, read-only view of installed packages' files: whether a path is a file or a folder, a file's
/// text, its CommonJS wrapper prepared by Jint, and parsed <c>package.json</c> files, each cached by absolute path.
/// Packages in the cache are never rewritten after install (a new version is a new folder), so an entry never goes
/// stale: a thousand invocations requiring <c>lodash</c> read and parse it once. Only <see cref="ModuleLoader"/>
/// calls this, and only with paths it has checked lie inside a package folder of the invocation's graph.
/// </summary>
internal static class PackageFiles
{
    /// <summary>The largest file a package may ship for the loader to read (a bundled SDK is a few MB).</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    // Entries are small (a kind, or a file's text) except texts; the cap only guards against a process that runs
    // every package of the registry in turn. Past it the cache starts over: correctness does not depend on it.
    private const int MaxEntries = 200_000;

    private static readonly ConcurrentDictionary<string, PathKind> Kinds = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<FileText>> Texts = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<PreparedModule>> Scripts = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<FileText>> ModuleTexts = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<PackageJson?>> Manifests = new(StringComparer.Ordinal);

    /// <summary>Reads of files from disk since start (tests check the cache holds).</summary>
    public static long DiskReads => Interlocked.Read(ref s_diskReads);

    /// <summary>Scripts prepared (parsed) since start.</summary>
    public static long Preparations => Interlocked.Read(ref s_preparations);

    private static long s_diskReads;
    private static long s_preparations;

    // The same counts by file (real path), so a test can count one package's files while others load theirs; bounded
    // like the caches (a count starts over with them).
    private static readonly ConcurrentDictionary<string, long> ReadsByPath = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, long> PreparationsByPath = new(StringComparer.Ordinal);

    /// <summary>Reads from disk, since start, of files under <paramref name="folder"/> (a real path).</summary>
    internal static long DiskReadsUnder(string folder) => CountUnder(ReadsByPath, folder);

    /// <summary>Preparations, since start, of files under <paramref name="folder"/> (a real path).</summary>
    internal static long PreparationsUnder(string folder) => CountUnder(PreparationsByPath, folder);

    private static long CountUnder(ConcurrentDictionary<string, long> counts, string folder)
    {
        var prefix = folder.EndsWith('/') ? folder : folder + "/";
        return counts.Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(entry => entry.Value);
    }

    // Functions keep their source text, so Function.prototype.toString gives it as V8 does (is-callable's class check,
    // parameter-name parsers); the text is the cached file's.
    private static readonly ScriptPreparationOptions SourceKept = new() { ParsingOptions = ScriptParsingOptions.Default with { RetainFunctionSourceText = true } };

    /// <summary>What is at <paramref name="path"/>: a regular file, a folder, or nothing the loader may read (a link counts as nothing).</summary>
    public static PathKind KindOf(string path)
    {
        if (Kinds.TryGetValue(path, out var kind))
        {
            return kind;
        }

        kind = Probe(path);
        TrimIfFull(Kinds);
        Kinds[path] = kind;
        return kind;
    }

    private static PathKind Probe(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists)
            {
                // A package's link could point anywhere on the host: the loader never follows one.
                return info.LinkTarget is null ? PathKind.File : PathKind.None;
            }

            var folder = new DirectoryInfo(path);
            return folder.Exists && folder.LinkTarget is null ? PathKind.Directory : PathKind.None;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return PathKind.None;
        }
    }

    /// <summary>A file's text (UTF-8, a BOM dropped), or the reason it cannot be read.</summary>
    public static FileText Text(string path)
    {
        TrimIfFull(Texts);
        return Texts.GetOrAdd(path, static p => new Lazy<FileText>(() => ReadText(p))).Value;
    }

    /// <summary>
    /// An ES module file's text as the engine is given it: <see cref="AwaitDestructuring"/> applied (the file is parsed
    /// once for that, only when it awaits at all); a file that does not parse is given as it is, for the engine to report.
    /// </summary>
    public static FileText ModuleText(string path)
    {
        TrimIfFull(ModuleTexts);
        return ModuleTexts.GetOrAdd(path, static p => new Lazy<FileText>(() => RewriteModule(p, Text(p)))).Value;
    }

    private static FileText RewriteModule(string path, FileText text)
    {
        if (text.Text is not { } source || !AwaitDestructuring.MayNeedAny(source))
        {
            return text;
        }

        try
        {
            return AwaitDestructuring.RewriteSource(new Parser().ParseModule(source, path), source) is { } rewritten ? text with { Text = rewritten } : text;
        }
        catch (ParseErrorException)
        {
            return text;
        }
    }

    private static FileText ReadText(string path)
    {
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                return new FileText(null, $"the file is {length} bytes; the loader reads files of at most {MaxFileBytes} bytes");
            }

            Interlocked.Increment(ref s_diskReads);
            TrimIfFull(ReadsByPath);
            ReadsByPath.AddOrUpdate(path, 1, static (_, count) => count + 1);
            var bytes = File.ReadAllBytes(path);
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(bytes);
            return new FileText(text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FileText(null, "the file could not be read");
        }
    }

    /// <summary>
    /// The module's source inside Node's CommonJS wrapper, prepared once: evaluating it yields
    /// <c>function (exports, require, module, __filename, __dirname)</c>. The wrapper opens on the source's first
    /// line, as Node's does, so line numbers in stack traces and syntax errors are the file's own.
    /// </summary>
    public static PreparedModule Script(string path, string virtualPath)
    {
        TrimIfFull(Scripts);
        // The virtual path names the file in stack traces; one file is shown under one name per graph layout.
        return Scripts.GetOrAdd(string.Concat(path, "\0", virtualPath), static (_, s) => new Lazy<PreparedModule>(() => Prepare(s.Path, s.Virtual)), (Path: path, Virtual: virtualPath)).Value;
    }

    private static PreparedModule Prepare(string path, string virtualPath)
    {
        var text = Text(path);
        if (text.Text is not { } source)
        {
            return new PreparedModule(null, null, text.Problem);
        }

        Interlocked.Increment(ref s_preparations);
        TrimIfFull(PreparationsByPath);
        PreparationsByPath.AddOrUpdate(path, 1, static (_, count) => count + 1);
        // A hashbang line is legal at the start of a file, not inside the wrapper: Node strips it too.
        if (source.StartsWith("#!", StringComparison.Ordinal))
        {
            source = string.Concat("//", source.AsSpan(2));
        }

        var wrapped = string.Concat(Wrapper, source, "\n})");
        try
        {
            return new PreparedModule(AwaitDestructuring.PrepareScript(wrapped, virtualPath, SourceKept), null, null);
        }
        catch (ScriptPreparationException ex) when (ex.InnerException is ParseErrorException parseError)
        {
            var error = parseError.Error;
            var line = error.LineNumber;
            // Acornima's column is 0-based and, on the first line, counts the wrapper.
            var column = line == 1 ? Math.Max(error.Column - Wrapper.Length, 0) : error.Column;
            return new PreparedModule(null, new SyntaxProblem(error.Description, line, column + 1, SourceLine(source, line)), null);
        }
        catch (ScriptPreparationException ex)
        {
            return new PreparedModule(null, new SyntaxProblem(ex.InnerException?.Message ?? ex.Message, 1, 1, SourceLine(source, 1)), null);
        }
    }

    /// <summary>Node's module wrapper, without its closing <c>})</c> (on a line of its own, after a trailing comment).</summary>
    public const string Wrapper = "(function (exports, require, module, __filename, __dirname) { ";

    private static string SourceLine(string source, int line)
    {
        var start = 0;
        for (var i = 1; i < line && start < source.Length; i++)
        {
            var next = source.IndexOf('\n', start);
            if (next < 0)
            {
                return string.Empty;
            }

            start = next + 1;
        }

        var end = source.IndexOf('\n', start);
        var text = (end < 0 ? source[start..] : source[start..end]).TrimEnd('\r');
        return text.Length > 200 ? text[..200] : text;
    }

    /// <summary>The fields of a <c>package.json</c> the loader reads; null when the file is missing or unreadable.</summary>
    public static PackageJson? Manifest(string path)
    {
        if (KindOf(path) != PathKind.File)
        {
            return null;
        }

        TrimIfFull(Manifests);
        return Manifests.GetOrAdd(path, static p => new Lazy<PackageJson?>(() => ReadManifest(p))).Value;
    }

    private static PackageJson? ReadManifest(string path)
    {
        var text = Text(path);
        if (text.Text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text.Text, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new PackageJson(null, null, null, null, null, Invalid: false);
            }

            return new PackageJson(
                StringField(root, "name"),
                StringField(root, "main"),
                StringField(root, "type"),
                root.TryGetProperty("exports", out var exports) ? exports.Clone() : null,
                root.TryGetProperty("imports", out var imports) ? imports.Clone() : null,
                Invalid: false);
        }
        catch (JsonException)
        {
            // Node reports an unparsable package.json when it needs one of its fields.
            return new PackageJson(null, null, null, null, null, Invalid: true);
        }
    }

    private static string? StringField(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void TrimIfFull<T>(ConcurrentDictionary<string, T> cache)
    {
        if (cache.Count >= MaxEntries)
        {
            cache.Clear();
        }
    }
}

/// <summary>What a path holds, as far as the loader is concerned.</summary>
internal enum PathKind
{
    None,
    File,
    Directory,
}

/// <summary>A file's text, or why it could not be read.</summary>
internal sealed record FileText(string? Text, string? Problem);

/// <summary>Where and why a module's source does not parse; line and column are 1-based, in the file's own text.</summary>
internal sealed record SyntaxProblem(string Description, int Line, int Column, string SourceLine);

/// <summary>A module's prepared wrapper, or its syntax error, or why its file could not be read.</summary>
internal sealed record PreparedModule(Prepared<Script>? Script, SyntaxProblem? Syntax, string? ReadProblem);

/// <summary>The <c>package.json</c> fields module resolution reads (<c>exports</c>/<c>imports</c> kept as JSON).</summary>
internal sealed record PackageJson(string? Name, string? Main, string? Type, JsonElement? Exports, JsonElement? Imports, bool Invalid);
