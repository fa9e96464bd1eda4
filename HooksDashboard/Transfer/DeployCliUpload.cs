namespace HooksDashboard.Transfer;

/// <summary>
/// Uploaded files as a deploy-cli source: a zip of either layout, or loose files (a tenant.yaml with its scripts, or the
/// <c>hooks/*.json</c> and <c>*.js</c> of the directory layout, picked one by one or as a folder).
/// </summary>
public static class DeployCliUpload
{
    /// <summary>Largest upload read.</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <exception cref="HookDefinitionException">Neither a zip nor a YAML file, or unreadable.</exception>
    public static IHookDefinitionSource Open(string fileName, byte[] content, KeywordMappings keywords)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        if (fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var stream = new MemoryStream(content, writable: false);
            return new DeployCliSource(ZipFiles.Read(stream, fileName), null, keywords);
        }
        if (IsYaml(fileName))
            return Open([new UploadedFile(fileName, content)], keywords);
        throw new HookDefinitionException(new DefinitionError(fileName, null, null,
            "Upload a .zip of a deploy-cli export (tenant.yaml with its hooks/ scripts, or the hooks/ folder of the directory layout), or a tenant.yaml with its script files."));
    }

    /// <summary>
    /// Several uploaded files: one zip on its own, or loose files. Loose files have no folders (a browser gives names
    /// only), so a script path is found by its file name (<c>./hooks/a.js</c> is the uploaded <c>a.js</c>); files of
    /// other kinds (a folder's README) are ignored. When scripts are still missing, the error says which file names
    /// to add.
    /// </summary>
    /// <exception cref="HookDefinitionException">Nothing usable, a zip among other files, two files of one name, not UTF-8, beyond the bounds.</exception>
    public static IHookDefinitionSource Open(IReadOnlyList<UploadedFile> files, KeywordMappings keywords)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
            throw new HookDefinitionException(new DefinitionError("upload", null, null, "No file was chosen."));
        if (files.Count == 1 && IsZip(files[0].Name))
            return Open(files[0].Name, files[0].Content, keywords);
        if (files.FirstOrDefault(f => IsZip(f.Name)) is { } zip)
            throw new HookDefinitionException(new DefinitionError(zip.Name, null, null, "Upload a zip on its own, not together with other files."));
        if (files.Count > ZipFiles.MaxEntries || files.Sum(f => (long)f.Content.Length) > MaxBytes)
            throw new HookDefinitionException(new DefinitionError("upload", null, null, $"At most {ZipFiles.MaxEntries:N0} files and {MaxBytes / (1024 * 1024)} MB are read."));

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<DefinitionError>();
        foreach (var file in files.Where(f => IsYaml(f.Name) || IsScriptOrJson(f.Name)))
        {
            var name = Path.GetFileName(file.Name.Replace('\\', '/'));
            if (!texts.TryAdd(name, ""))
            {
                errors.Add(new DefinitionError(name, null, null, "Two uploaded files have this name; a script is found by its file name, so each name must be unique."));
                continue;
            }
            if (file.Content.Length > TransferFiles.MaxFileBytes)
            {
                errors.Add(new DefinitionError(name, null, null, $"The file is {file.Content.Length:N0} bytes; at most {TransferFiles.MaxFileBytes:N0} are read."));
                continue;
            }
            try
            {
                texts[name] = new System.Text.UTF8Encoding(false, true).GetString(file.Content);
            }
            catch (System.Text.DecoderFallbackException)
            {
                errors.Add(new DefinitionError(name, null, null, "Not UTF-8 text."));
            }
        }
        if (errors.Count > 0)
            throw new HookDefinitionException(errors);
        var yamls = texts.Keys.Where(IsYaml).Order(StringComparer.Ordinal).ToList();
        if (yamls.Count > 1)
            throw new HookDefinitionException(new DefinitionError(string.Join(", ", yamls), null, null, "Upload one YAML file (tenant.yaml) with its scripts, not several."));
        if (texts.Count == 0)
        {
            throw new HookDefinitionException(new DefinitionError(files.Count == 1 ? files[0].Name : "upload", null, null,
                "Upload a .zip of a deploy-cli export, a tenant.yaml with its script files, or the .json and .js files of its hooks/ folder."));
        }
        var uploadName = files.Count == 1 ? files[0].Name : $"{files.Count} uploaded files";
        var loose = new LooseFiles(uploadName, texts);
        return new LooseUploadSource(new DeployCliSource(loose, yamls.Count == 1 ? yamls[0] : null, keywords), loose, yamls.Count == 1 ? yamls[0] : uploadName);
    }

    private static bool IsZip(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    private static bool IsYaml(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static bool IsScriptOrJson(string name) =>
        name.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds, to a failed read, the file names of the scripts that were looked for and not uploaded.</summary>
    private sealed class LooseUploadSource(DeployCliSource inner, LooseFiles files, string name) : IHookDefinitionSource
    {
        public async Task<HookDefinitionSet> ReadAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HookDefinitionException e) when (files.Missing.Count > 0)
            {
                var names = string.Join(", ", files.Missing);
                throw new HookDefinitionException([.. e.Errors, new DefinitionError(name, null, null,
                    $"Scripts missing from the upload: choose {(files.Missing.Count == 1 ? "this file" : "these files")} too: {names}.")]);
            }
        }
    }
}

/// <summary>One uploaded file: its name as the browser gives it, and its bytes.</summary>
public sealed record UploadedFile(string Name, byte[] Content);

/// <summary>
/// Loose uploaded files as a tree: YAML files at the root, every other file inside <c>hooks/</c> (where both deploy-cli
/// layouts keep scripts and hook files), and any path found by its file name. Records the file names looked for and
/// not found, so the caller can say which scripts to add.
/// </summary>
internal sealed class LooseFiles(string name, IReadOnlyDictionary<string, string> files) : TransferFiles
{
    private readonly SortedSet<string> _missing = new(StringComparer.Ordinal);

    public override string Name => $"upload {name}";

    /// <summary>File names (with an extension) asked for and not uploaded.</summary>
    public IReadOnlyCollection<string> Missing => _missing;

    public override bool FileExists(string path)
    {
        var file = FileName(path);
        if (files.ContainsKey(file))
            return true;
        // The layout's own probes (tenant.yaml, the hooks folder) are not files the user forgot.
        if (file.Contains('.', StringComparison.Ordinal) && !IsYamlName(file))
            _missing.Add(file);
        return false;
    }

    public override bool FolderExists(string path) =>
        path.Length == 0 || (path == DeployCliFormat.HooksFolder && files.Keys.Any(f => !IsYamlName(f)));

    public override IReadOnlyList<string> ListFiles(string folder) => folder switch
    {
        "" => [.. files.Keys.Where(IsYamlName).Order(StringComparer.Ordinal)],
        DeployCliFormat.HooksFolder => [.. files.Keys.Where(f => !IsYamlName(f)).Order(StringComparer.Ordinal).Select(f => $"{DeployCliFormat.HooksFolder}/{f}")],
        _ => [],
    };

    public override string ReadText(string path) =>
        files.TryGetValue(FileName(path), out var text) ? text : throw new FileNotFoundException($"No file {path}.", path);

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static bool IsYamlName(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
