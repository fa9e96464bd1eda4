namespace HooksDashboard.Transfer;

/// <summary>An uploaded file as a deploy-cli source: a zip of either layout, or a YAML file on its own.</summary>
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
        if (fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            // Its scripts are files next to it: on its own, every script is reported missing (upload a zip instead).
            string text;
            try
            {
                text = new System.Text.UTF8Encoding(false, true).GetString(content);
            }
            catch (System.Text.DecoderFallbackException)
            {
                throw new HookDefinitionException(new DefinitionError(fileName, null, null, "Not UTF-8 text."));
            }
            var name = Path.GetFileName(fileName);
            return new DeployCliSource(ZipFiles.FromFiles(fileName, new Dictionary<string, string> { [name] = text }), name, keywords);
        }
        throw new HookDefinitionException(new DefinitionError(fileName, null, null,
            "Upload a .zip of a deploy-cli export (tenant.yaml with its hooks/ scripts, or the hooks/ folder of the directory layout), or a tenant.yaml."));
    }
}
