namespace HooksDashboard.Transfer;

/// <summary>
/// Hook definitions from files in one of deploy-cli's layouts. Given a YAML file it reads that; given a tree it takes
/// <c>tenant.yaml</c> (or <c>tenant.yml</c>, or the one YAML file at its root) when there is one, else the
/// <c>hooks/</c> folder of the directory layout.
/// </summary>
/// <param name="files">The tree (a folder, a zip).</param>
/// <param name="yamlPath">The YAML file inside <paramref name="files"/> when the caller named one; null to detect.</param>
public sealed class DeployCliSource(TransferFiles files, string? yamlPath, KeywordMappings keywords) : IHookDefinitionSource
{
    /// <summary>
    /// A source for what a user names on the command line: a folder (either layout), or a YAML file (whose folder is the
    /// root its script paths are relative to).
    /// </summary>
    /// <exception cref="HookDefinitionException">The path does not exist.</exception>
    public static DeployCliSource FromPath(string path, KeywordMappings keywords)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            return new DeployCliSource(new FolderFiles(path), null, keywords);
        if (File.Exists(path))
        {
            var full = Path.GetFullPath(path);
            return new DeployCliSource(new FolderFiles(Path.GetDirectoryName(full)!), Path.GetFileName(full), keywords);
        }
        throw new HookDefinitionException(new DefinitionError(path, null, null, "No such file or folder."));
    }

    /// <summary>The layout this source is read as.</summary>
    public DeployCliLayout Layout => FindYaml() is null ? DeployCliLayout.Directory : DeployCliLayout.Yaml;

    public Task<HookDefinitionSet> ReadAsync(CancellationToken cancellationToken = default)
    {
        var yaml = FindYaml();
        if (yaml is not null)
            return Task.FromResult(DeployCliFormat.ReadYaml(files, yaml, keywords));
        if (files.FolderExists(DeployCliFormat.HooksFolder) || files.FileExists(DeployCliFormat.HooksFolder))
            return Task.FromResult(DeployCliFormat.ReadDirectory(files, keywords));
        throw new HookDefinitionException(new DefinitionError(files.Name, null, null,
            "Neither deploy-cli layout found: expected a tenant.yaml (YAML layout) or a hooks/ folder of .json and .js files (directory layout)."));
    }

    private string? FindYaml()
    {
        if (yamlPath is not null)
            return yamlPath;
        foreach (var name in new[] { DeployCliFormat.TenantFile, "tenant.yml" })
        {
            if (files.FileExists(name))
                return name;
        }
        if (files.FolderExists(DeployCliFormat.HooksFolder))
            return null;
        var yamls = files.ListFiles("").Where(p => p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)).ToList();
        return yamls.Count == 1 ? yamls[0] : null;
    }
}
