using System.Globalization;
using System.Text;
using System.Text.Json;
using HooksDashboard.Hooks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace HooksDashboard.Transfer;

/// <summary>Which of auth0-deploy-cli's two layouts.</summary>
public enum DeployCliLayout
{
    /// <summary><c>tenant.yaml</c> with a <c>hooks:</c> list; scripts in files named relative to the YAML file.</summary>
    Yaml,

    /// <summary><c>hooks/&lt;name&gt;.json</c> with <c>hooks/&lt;name&gt;.js</c>; the script named relative to the hooks folder.</summary>
    Directory,
}

/// <summary>
/// auth0-deploy-cli's hook formats (its <c>src/context/yaml/handlers/hooks.ts</c> and <c>directory/handlers/hooks.ts</c>):
/// reading them into <see cref="HookDefinition"/>s with every problem located (file, entry, field, line), and writing
/// them. Entries hold <c>name</c>, <c>script</c> (a path), <c>triggerId</c> (required), <c>enabled</c> (default
/// false), <c>dependencies</c> and <c>secrets</c> (objects); other fields (an exported <c>id</c>) are ignored, as
/// deploy-cli does. Keyword markers are replaced in the raw text of every file before it is parsed.
/// </summary>
public static class DeployCliFormat
{
    public const string HooksFolder = "hooks";
    public const string TenantFile = "tenant.yaml";

    /// <summary>Reads a tenant.yaml and the scripts it names.</summary>
    public static HookDefinitionSet ReadYaml(TransferFiles files, string yamlPath, KeywordMappings keywords)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(keywords);
        var errors = new List<DefinitionError>();
        var unresolved = new SortedSet<string>(StringComparer.Ordinal);
        var text = keywords.Replace(Read(files, yamlPath), unresolved);

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new HookDefinitionException(new DefinitionError(yamlPath, null, null, $"Not valid YAML: {Inner(e).Message}", (int)e.Start.Line));
        }

        var hooks = new List<HookDefinition>();
        var warnings = new List<string>();
        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        if (root is null || IsNull(root))
        {
            warnings.Add($"{yamlPath} is empty: no hooks.");
        }
        else if (root is not YamlMappingNode mapping)
        {
            errors.Add(new DefinitionError(yamlPath, null, null, $"Expected a mapping of asset types (hooks:, clients:, ...), found {Describe(root)}.", Line(root)));
        }
        else if (!mapping.Children.TryGetValue(new YamlScalarNode("hooks"), out var hooksNode) || IsNull(hooksNode))
        {
            warnings.Add($"{yamlPath} has no hooks: section.");
        }
        else if (hooksNode is not YamlSequenceNode list)
        {
            errors.Add(new DefinitionError(yamlPath, null, "hooks", $"Expected a list of hooks, found {Describe(hooksNode)}.", Line(hooksNode)));
        }
        else
        {
            var folder = TransferFiles.FolderOf(yamlPath);
            for (var i = 0; i < list.Children.Count; i++)
            {
                var entry = $"hooks[{i}]";
                var node = list.Children[i];
                if (node is not YamlMappingNode fields)
                {
                    errors.Add(new DefinitionError(yamlPath, entry, null, $"Expected a hook (name, script, triggerId, ...), found {Describe(node)}.", Line(node)));
                    continue;
                }
                var values = fields.Children
                    .Where(c => c.Key is YamlScalarNode)
                    .ToDictionary(c => ((YamlScalarNode)c.Key).Value ?? "", c => FromYaml(c.Value), StringComparer.Ordinal);
                if (Build(values, yamlPath, entry, Line(node), errors, files, folder, keywords, unresolved) is { } hook)
                    hooks.Add(hook);
            }
        }

        if (errors.Count > 0)
            throw new HookDefinitionException(errors);
        AddUnresolved(warnings, unresolved);
        return new HookDefinitionSet(hooks, $"{yamlPath} (deploy-cli YAML)", warnings);
    }

    /// <summary>Reads the directory format: every <c>hooks/*.json</c>, in file-name order, and the scripts they name.</summary>
    public static HookDefinitionSet ReadDirectory(TransferFiles files, KeywordMappings keywords)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(keywords);
        if (!files.FolderExists(HooksFolder))
        {
            if (files.FileExists(HooksFolder))
                throw new HookDefinitionException(new DefinitionError(HooksFolder, null, null, "Expected a folder, found a file."));
            return new HookDefinitionSet([], "deploy-cli directory", ["There is no hooks/ folder: no hooks."]);
        }

        var errors = new List<DefinitionError>();
        var unresolved = new SortedSet<string>(StringComparer.Ordinal);
        var hooks = new List<HookDefinition>();
        foreach (var path in files.ListFiles(HooksFolder).Where(p => p.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
        {
            var text = keywords.Replace(Read(files, path), unresolved);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                errors.Add(new DefinitionError(path, null, null, $"Not valid JSON: {e.Message}", (int?)e.LineNumber + 1));
                continue;
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new DefinitionError(path, null, null, $"Expected a hook object (name, script, triggerId, ...), found {Describe(FromJson(document.RootElement))}."));
                    continue;
                }
                var values = new Dictionary<string, Value>(StringComparer.Ordinal);
                foreach (var property in document.RootElement.EnumerateObject())
                    values[property.Name] = FromJson(property.Value);
                if (Build(values, path, null, null, errors, files, HooksFolder, keywords, unresolved) is { } hook)
                    hooks.Add(hook);
            }
        }

        if (errors.Count > 0)
            throw new HookDefinitionException(errors);
        var warnings = new List<string>();
        if (hooks.Count == 0)
            warnings.Add("The hooks/ folder has no .json files: no hooks.");
        AddUnresolved(warnings, unresolved);
        return new HookDefinitionSet(hooks, "hooks/ (deploy-cli directory)", warnings);
    }

    /// <summary>
    /// The files of an export in <paramref name="layout"/>: paths relative to the export folder, to text. Secret values
    /// are written as deploy-cli's mask; the script files are named after the hook, as deploy-cli names them.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Write(IReadOnlyList<HookDefinition> hooks, DeployCliLayout layout)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<Dictionary<string, object>>();
        foreach (var hook in hooks)
        {
            var fileName = SafeFileName(hook.Name);
            files[$"{HooksFolder}/{fileName}.js"] = hook.Script;
            var secrets = hook.Secrets.Keys.Order(StringComparer.Ordinal).ToDictionary(k => k, _ => (object)HookRules.SecretMask, StringComparer.Ordinal);
            var dependencies = hook.Dependencies.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary(d => d.Key, d => (object)d.Value, StringComparer.Ordinal);
            var script = layout == DeployCliLayout.Yaml ? $"./{HooksFolder}/{fileName}.js" : $"./{fileName}.js";
            var entry = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["name"] = hook.Name,
                ["script"] = script,
                ["dependencies"] = dependencies,
                ["enabled"] = hook.Enabled,
                ["secrets"] = secrets,
                ["triggerId"] = hook.TriggerId,
            };
            if (layout == DeployCliLayout.Directory)
                files[$"{HooksFolder}/{fileName}.json"] = JsonSerializer.Serialize(entry, JsonOptions) + "\n";
            else
                entries.Add(entry);
        }
        if (layout == DeployCliLayout.Yaml)
        {
            var serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();
            files[TenantFile] = serializer.Serialize(new Dictionary<string, object> { ["hooks"] = entries });
        }
        return files;
    }

    /// <summary>deploy-cli's file name for a hook (<c>sanitize-filename</c> with '-' for what a file system refuses).</summary>
    public static string SafeFileName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
            builder.Append(c is '/' or '\\' or '?' or '<' or '>' or ':' or '*' or '|' or '"' || char.IsControl(c) ? '-' : c);
        var safe = builder.ToString().TrimEnd('.', ' ');
        return safe.Length == 0 || safe is "." or ".." ? "-" : safe;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static HookDefinition? Build(
        Dictionary<string, Value> values, string file, string? entry, int? line, List<DefinitionError> errors,
        TransferFiles files, string scriptFolder, KeywordMappings keywords, ISet<string> unresolved)
    {
        var before = errors.Count;
        var name = RequiredString(values, "name", file, entry, line, errors);
        // Name the entry by its hook once known: "hooks[2] ('my-hook')".
        if (name is not null && entry is not null)
            entry = $"{entry} ('{name}')";
        var scriptPath = RequiredString(values, "script", file, entry, line, errors);
        var triggerId = RequiredString(values, "triggerId", file, entry, line, errors);

        var enabled = false;
        if (values.TryGetValue("enabled", out var enabledValue) && enabledValue.Kind != ValueKind.Null)
        {
            if (enabledValue.Kind == ValueKind.Boolean)
                enabled = enabledValue.Text == "true";
            else
                errors.Add(new DefinitionError(file, entry, "enabled", $"Expected true or false, found {Describe(enabledValue)}.", enabledValue.Line ?? line));
        }

        var dependencies = Map(values, "dependencies", file, entry, line, errors, allowNull: false)
            ?.ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = Map(values, "secrets", file, entry, line, errors, allowNull: true) ?? new Dictionary<string, string?>(StringComparer.Ordinal);

        string? script = null;
        if (scriptPath is not null)
        {
            var path = TransferFiles.Combine(scriptFolder, scriptPath);
            if (path is null)
            {
                errors.Add(new DefinitionError(file, entry, "script", $"The path '{scriptPath}' leads outside the folder being imported.", values["script"].Line ?? line));
            }
            else if (!files.FileExists(path))
            {
                errors.Add(new DefinitionError(file, entry, "script", $"The script file '{scriptPath}' ({path}) does not exist.", values["script"].Line ?? line));
            }
            else
            {
                try
                {
                    script = keywords.Replace(files.ReadText(path), unresolved);
                }
                catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    errors.Add(new DefinitionError(file, entry, "script", $"The script file '{scriptPath}' cannot be read: {e.Message}", values["script"].Line ?? line));
                }
            }
        }

        if (errors.Count > before || name is null || triggerId is null || script is null)
            return null;
        return new HookDefinition(name, triggerId, script, enabled, dependencies, secrets, entry is null ? file : $"{file}, {entry}");
    }

    private static string? RequiredString(Dictionary<string, Value> values, string field, string file, string? entry, int? line, List<DefinitionError> errors)
    {
        if (!values.TryGetValue(field, out var value) || value.Kind == ValueKind.Null)
        {
            errors.Add(new DefinitionError(file, entry, field, $"Missing required field '{field}'.", value?.Line ?? line));
            return null;
        }
        if (value.Kind != ValueKind.String || string.IsNullOrWhiteSpace(value.Text))
        {
            errors.Add(new DefinitionError(file, entry, field, value.Kind == ValueKind.String ? "Must not be empty." : $"Expected a string, found {Describe(value)}.", value.Line ?? line));
            return null;
        }
        return value.Text;
    }

    /// <summary>An object of names to strings (numbers and booleans as their text); null values only when <paramref name="allowNull"/>.</summary>
    private static Dictionary<string, string?>? Map(Dictionary<string, Value> values, string field, string file, string? entry, int? line, List<DefinitionError> errors, bool allowNull)
    {
        if (!values.TryGetValue(field, out var value) || value.Kind == ValueKind.Null)
            return null;
        if (value.Kind != ValueKind.Map)
        {
            errors.Add(new DefinitionError(file, entry, field, $"Expected an object of names to values, found {Describe(value)}.", value.Line ?? line));
            return null;
        }
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, item) in value.Map!)
        {
            if (item.Kind is ValueKind.String or ValueKind.Number or ValueKind.Boolean || (allowNull && item.Kind == ValueKind.Null))
                result[key] = item.Kind == ValueKind.Null ? null : item.Text;
            else
                errors.Add(new DefinitionError(file, entry, $"{field}.{key}", $"Expected a string, found {Describe(item)}.", item.Line ?? value.Line ?? line));
        }
        return result;
    }

    private static string Read(TransferFiles files, string path)
    {
        try
        {
            return files.ReadText(path);
        }
        catch (FileNotFoundException)
        {
            throw new HookDefinitionException(new DefinitionError(path, null, null, $"No such file in {files.Name}."));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new HookDefinitionException(new DefinitionError(path, null, null, $"Cannot be read: {e.Message}"));
        }
    }

    private static void AddUnresolved(List<string> warnings, SortedSet<string> unresolved)
    {
        if (unresolved.Count > 0)
            warnings.Add($"No value for keyword{(unresolved.Count == 1 ? "" : "s")} {string.Join(", ", unresolved)}: left as written (give a mapping file or environment variable).");
    }

    private static YamlException Inner(YamlException e) => e.InnerException is YamlException inner ? inner : e;

    private enum ValueKind { Null, String, Number, Boolean, Map, List }

    /// <summary>A YAML or JSON value as the two formats share it.</summary>
    private sealed record Value(ValueKind Kind, string? Text, int? Line, IReadOnlyList<KeyValuePair<string, Value>>? Map = null);

    private static Value FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new Value(ValueKind.String, element.GetString(), null),
        JsonValueKind.Number => new Value(ValueKind.Number, element.GetRawText(), null),
        JsonValueKind.True => new Value(ValueKind.Boolean, "true", null),
        JsonValueKind.False => new Value(ValueKind.Boolean, "false", null),
        JsonValueKind.Object => new Value(ValueKind.Map, null, null, [.. element.EnumerateObject().Select(p => new KeyValuePair<string, Value>(p.Name, FromJson(p.Value)))]),
        JsonValueKind.Array => new Value(ValueKind.List, null, null),
        _ => new Value(ValueKind.Null, null, null),
    };

    // YAML 1.2's core schema, as js-yaml (deploy-cli's parser) reads plain scalars.
    private static Value FromYaml(YamlNode node)
    {
        var line = Line(node);
        switch (node)
        {
            case YamlMappingNode mapping:
                return new Value(ValueKind.Map, null, line,
                    [.. mapping.Children.Select(c => new KeyValuePair<string, Value>(c.Key is YamlScalarNode k ? k.Value ?? "" : c.Key.ToString(), FromYaml(c.Value)))]);
            case YamlSequenceNode:
                return new Value(ValueKind.List, null, line);
            case YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain or ScalarStyle.Any:
                var text = scalar.Value ?? "";
                if (IsNull(scalar))
                    return new Value(ValueKind.Null, null, line);
                if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
                    return new Value(ValueKind.Boolean, text.ToLowerInvariant(), line);
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !text.Contains(' ', StringComparison.Ordinal) && text.Count(c => c == '.') <= 1)
                    return new Value(ValueKind.Number, text, line);
                return new Value(ValueKind.String, text, line);
            case YamlScalarNode quoted:
                return new Value(ValueKind.String, quoted.Value ?? "", line);
            default:
                return new Value(ValueKind.Null, null, line);
        }
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private static string Describe(YamlNode node) => Describe(FromYaml(node));

    private static string Describe(Value value) => value.Kind switch
    {
        ValueKind.Null => "nothing (null)",
        ValueKind.String => $"the text '{Shorten(value.Text!)}'",
        ValueKind.Number => $"the number {value.Text}",
        ValueKind.Boolean => $"the boolean {value.Text}",
        ValueKind.Map => "an object",
        _ => "a list",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
