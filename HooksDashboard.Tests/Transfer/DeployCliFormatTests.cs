using System.IO.Compression;
using System.Text;
using System.Text.Json;
using HooksDashboard.Transfer;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Transfer;

/// <summary>
/// deploy-cli's two hook layouts, read and written. The fixtures follow deploy-cli's documentation and examples
/// (examples/directory/hooks/client-credentials-exchange.json, docs/keyword-replacement.md) and its handlers' tests.
/// </summary>
public sealed class DeployCliFormatTests : IDisposable
{
    private const string Script = "module.exports = function (client, scope, audience, context, cb) {\n  cb(null, { scope: scope });\n};\n";

    private readonly TempDataDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private void Write(string path, string text)
    {
        var full = Path.Combine(_folder.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private Task<HookDefinitionSet> ReadAsync(KeywordMappings? keywords = null) =>
        DeployCliSource.FromPath(_folder.Path, keywords ?? KeywordMappings.None).ReadAsync();

    [Fact]
    public async Task ReadYaml_TenantYamlWithHooks_ReadsEveryFieldAndTheScriptRelativeToTheYaml()
    {
        Write("tenant.yaml", """
            rules: []
            hooks:
              - name: cce-hook
                script: ./hooks/cce-hook.js
                triggerId: credentials-exchange
                enabled: true
                dependencies:
                  bcrypt: 3.0.6
                  lodash: "4.17.21"
                secrets:
                  api-key: my custom api key
                  MASKED: _VALUE_NOT_SHOWN_
              - name: Pre Registration
                script: ./hooks/pre.js
                triggerId: pre-user-registration
            """);
        Write("hooks/cce-hook.js", Script);
        Write("hooks/pre.js", "module.exports = function (user, context, cb) { cb(null, { user }); };");

        var set = await ReadAsync();

        Assert.Equal(2, set.Hooks.Count);
        var cce = set.Hooks[0];
        Assert.Equal("cce-hook", cce.Name);
        Assert.Equal("credentials-exchange", cce.TriggerId);
        Assert.True(cce.Enabled);
        Assert.Equal(Script, cce.Script);
        Assert.Equal(new Dictionary<string, string> { ["bcrypt"] = "3.0.6", ["lodash"] = "4.17.21" }, cce.Dependencies);
        Assert.Equal("my custom api key", cce.Secrets["api-key"]);
        Assert.Equal("_VALUE_NOT_SHOWN_", cce.Secrets["MASKED"]);
        Assert.Equal("tenant.yaml, hooks[0] ('cce-hook')", cce.Origin);
        // deploy-cli's default for enabled, dependencies and secrets.
        var pre = set.Hooks[1];
        Assert.False(pre.Enabled);
        Assert.Empty(pre.Dependencies);
        Assert.Empty(pre.Secrets);
        Assert.Equal("Pre Registration", pre.Name);
    }

    [Fact]
    public async Task ReadDirectory_DeployCliExample_ReadsJsonAndScriptRelativeToTheHooksFolder()
    {
        // deploy-cli's examples/directory/hooks/client-credentials-exchange.json
        Write("hooks/client-credentials-exchange.json", """
            {
              "triggerId": "credentials-exchange",
              "name": "cce hook",
              "script": "./client-credentials-exchange.js",
              "enabled": true,
              "secrets": {
                "api-key": "my custom api key"
              },
              "dependencies": {
                "bcrypt": "3.0.6"
              }
            }
            """);
        Write("hooks/client-credentials-exchange.js", Script);
        Write("hooks/README.md", "not a hook");

        var set = await ReadAsync();

        var hook = Assert.Single(set.Hooks);
        Assert.Equal("cce hook", hook.Name);
        Assert.True(hook.Enabled);
        Assert.Equal(Script, hook.Script);
        Assert.Equal("3.0.6", hook.Dependencies["bcrypt"]);
        Assert.Equal("my custom api key", hook.Secrets["api-key"]);
        Assert.Equal("hooks/client-credentials-exchange.json", hook.Origin);
    }

    [Fact]
    public async Task Read_KeywordsOfBothKinds_StringAndJsonReplacedInFilesAndScripts()
    {
        // deploy-cli's own handler test: 'var hello = @@hello@@;' with { hello: 'test' } becomes 'var hello = "test";'.
        Write("tenant.yaml", """
            hooks:
              - name: "##ENVIRONMENT##-hook"
                script: ./hooks/a.js
                triggerId: credentials-exchange
                enabled: @@ENABLED@@
                dependencies: @@DEPENDENCIES@@
                secrets:
                  API_KEY: "##API_KEY##"
            """);
        Write("hooks/a.js", "var hello = @@hello@@; var origins = @@ORIGINS@@; var list = '##ORIGINS##'; var env = '##ENVIRONMENT##';\nmodule.exports = function (c, s, a, ctx, cb) { cb(null, {}); };");
        var keywords = KeywordMappings.FromJson("""
            {
              "AUTH0_DOMAIN": "test-tenant.us.auth0.com",
              "AUTH0_KEYWORD_REPLACE_MAPPINGS": {
                "ENVIRONMENT": "dev",
                "ENABLED": true,
                "DEPENDENCIES": { "lodash": "4.17.21" },
                "API_KEY": "k-123",
                "hello": "test",
                "ORIGINS": ["https://dev-test-site.com", "localhost:3000"]
              }
            }
            """, "config.json");

        var hook = Assert.Single((await ReadAsync(keywords)).Hooks);

        Assert.Equal("dev-hook", hook.Name);
        Assert.True(hook.Enabled);
        Assert.Equal("4.17.21", hook.Dependencies["lodash"]);
        Assert.Equal("k-123", hook.Secrets["API_KEY"]);
        Assert.StartsWith("var hello = \"test\"; var origins = [\"https://dev-test-site.com\",\"localhost:3000\"]; var list = 'https://dev-test-site.com,localhost:3000'; var env = 'dev';", hook.Script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_KeywordFromEnvironment_UsedWhenTheMappingHasNoneAndUnresolvedOnesAreWarned()
    {
        Write("hooks/a.json", """{ "name": "a", "script": "a.js", "triggerId": "credentials-exchange", "secrets": { "TOKEN": "##TOKEN##", "OTHER": "##NOT_SET##" } }""");
        Write("hooks/a.js", Script);
        var environment = new Dictionary<string, string> { ["TOKEN"] = "from-env" };

        var set = await ReadAsync(new KeywordMappings(null, name => environment.GetValueOrDefault(name)));

        Assert.Equal("from-env", set.Hooks[0].Secrets["TOKEN"]);
        Assert.Equal("##NOT_SET##", set.Hooks[0].Secrets["OTHER"]);
        Assert.Contains(set.Warnings, w => w.Contains("##NOT_SET##", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadYaml_InvalidEntries_ReportsEveryProblemWithFileEntryFieldAndLine()
    {
        Write("tenant.yaml", """
            hooks:
              - name: good
                script: ./hooks/good.js
                triggerId: credentials-exchange
              - name: no-trigger
                script: ./hooks/good.js
              - name: bad-enabled
                script: ./hooks/good.js
                triggerId: credentials-exchange
                enabled: sometimes
              - name: missing-script
                script: ./hooks/nope.js
                triggerId: credentials-exchange
              - name: escaping
                script: ../outside.js
                triggerId: credentials-exchange
              - name: bad-secrets
                script: ./hooks/good.js
                triggerId: credentials-exchange
                secrets: [a, b]
              - just a string
            """);
        Write("hooks/good.js", Script);

        var error = await Assert.ThrowsAsync<HookDefinitionException>(() => ReadAsync());

        var messages = error.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("tenant.yaml, hooks[1] ('no-trigger'), field triggerId (line 5): Missing required field 'triggerId'.", messages);
        Assert.Contains("tenant.yaml, hooks[2] ('bad-enabled'), field enabled (line 10): Expected true or false, found the text 'sometimes'.", messages);
        Assert.Contains(messages, m => m.StartsWith("tenant.yaml, hooks[3] ('missing-script'), field script (line 12): The script file './hooks/nope.js'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("tenant.yaml, hooks[4] ('escaping'), field script (line 15): The path '../outside.js' leads outside", StringComparison.Ordinal));
        Assert.Contains("tenant.yaml, hooks[5] ('bad-secrets'), field secrets (line 20): Expected an object of names to values, found a list.", messages);
        Assert.Contains("tenant.yaml, hooks[6] (line 21): Expected a hook (name, script, triggerId, ...), found the text 'just a string'.", messages);
        Assert.Equal(6, error.Errors.Count);
    }

    [Fact]
    public async Task ReadYaml_NotYaml_NamesFileAndLine()
    {
        Write("tenant.yaml", "hooks:\n  - name: a\n    script: [unclosed\n");

        var error = await Assert.ThrowsAsync<HookDefinitionException>(() => ReadAsync());

        var only = Assert.Single(error.Errors);
        Assert.Equal("tenant.yaml", only.File);
        Assert.StartsWith("Not valid YAML", only.Message, StringComparison.Ordinal);
        Assert.NotNull(only.Line);
    }

    [Fact]
    public async Task ReadDirectory_BadJsonAndWrongTypes_NamesEachFile()
    {
        Write("hooks/a.json", "{ \"name\": \"a\", \"script\": \"a.js\",\n  \"triggerId\": credentials }");
        Write("hooks/b.json", """{ "name": 7, "script": "b.js", "triggerId": "credentials-exchange", "dependencies": { "lodash": { "v": 1 } } }""");
        Write("hooks/b.js", Script);

        var error = await Assert.ThrowsAsync<HookDefinitionException>(() => ReadAsync());

        Assert.Contains(error.Errors, e => e.File == "hooks/a.json" && e.Line == 2 && e.Message.StartsWith("Not valid JSON", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.File == "hooks/b.json" && e.Field == "name" && e.Message == "Expected a string, found the number 7.");
        Assert.Contains(error.Errors, e => e.File == "hooks/b.json" && e.Field == "dependencies.lodash" && e.Message == "Expected a string, found an object.");
    }

    [Fact]
    public async Task Read_NeitherLayout_SaysWhatWasExpected()
    {
        Write("clients/app.json", "{}");

        var error = await Assert.ThrowsAsync<HookDefinitionException>(() => ReadAsync());

        Assert.Contains("expected a tenant.yaml (YAML layout) or a hooks/ folder", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeployCliLayout.Yaml)]
    [InlineData(DeployCliLayout.Directory)]
    public async Task Write_ThenRead_GivesTheSameDefinitionsWithSecretsMasked(DeployCliLayout layout)
    {
        HookDefinition[] hooks =
        [
            new("My Hook", "credentials-exchange", Script, true, new Dictionary<string, string> { ["lodash"] = "4.17.21", ["uuid"] = "9" },
                new Dictionary<string, string?> { ["API_KEY"] = "secret-value", ["true"] = "x" }, "stored"),
            new("other", "pre-user-registration", "// 'quotes' \"and\" ##NOT_A_KEYWORD## : colons\nmodule.exports = 1;", false,
                new Dictionary<string, string>(), new Dictionary<string, string?>(), "stored"),
        ];

        var files = DeployCliFormat.Write(hooks, layout);
        foreach (var (path, text) in files)
            Write(path, text);
        var read = (await ReadAsync()).Hooks;

        Assert.DoesNotContain(files.Values, text => text.Contains("secret-value", StringComparison.Ordinal));
        Assert.Equal(2, read.Count);
        for (var i = 0; i < hooks.Length; i++)
        {
            Assert.Equal(hooks[i].Name, read[i].Name);
            Assert.Equal(hooks[i].TriggerId, read[i].TriggerId);
            Assert.Equal(hooks[i].Script, read[i].Script);
            Assert.Equal(hooks[i].Enabled, read[i].Enabled);
            Assert.Equal(hooks[i].Dependencies, read[i].Dependencies);
            Assert.Equal(hooks[i].Secrets.Keys.Order(), read[i].Secrets.Keys.Order());
            Assert.All(read[i].Secrets.Values, v => Assert.Equal("_VALUE_NOT_SHOWN_", v));
        }
        Assert.Contains(layout == DeployCliLayout.Yaml ? "tenant.yaml" : "hooks/My Hook.json", files.Keys);
        Assert.Contains("hooks/My Hook.js", files.Keys);
    }

    [Fact]
    public async Task ZipFiles_ZippedFolder_ReadFromInsideTheTopFolder()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "export/tenant.yaml", "hooks:\n  - name: a\n    script: ./hooks/a.js\n    triggerId: credentials-exchange\n");
            Add(archive, "export/hooks/a.js", Script);
        }
        zip.Position = 0;

        var set = await new DeployCliSource(ZipFiles.Read(zip, "export.zip"), null, KeywordMappings.None).ReadAsync();

        Assert.Equal(Script, Assert.Single(set.Hooks).Script);
    }

    [Fact]
    public void ZipFiles_NotAZip_ClearError()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("hooks:\n"));

        var error = Assert.Throws<HookDefinitionException>(() => ZipFiles.Read(stream, "tenant.zip"));

        Assert.StartsWith("tenant.zip: Not a readable zip archive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeywordMappings_NotAnObject_ClearError()
    {
        var error = Assert.Throws<HookDefinitionException>(() => KeywordMappings.FromJson("[1, 2]", "mapping.json"));

        Assert.Equal("mapping.json, field AUTH0_KEYWORD_REPLACE_MAPPINGS: Expected a JSON object of keywords to values, found an array.", error.Message);
    }

    [Theory]
    [InlineData("\"text\"", "text")]
    [InlineData("42", "42")]
    [InlineData("1.5", "1.5")]
    [InlineData("true", "true")]
    [InlineData("null", "null")]
    [InlineData("[\"a\", 1, null]", "a,1,")]
    [InlineData("{\"a\": 1}", "[object Object]")]
    public void KeywordMappings_StringReplacement_IsJavaScriptString(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);
        var keywords = new KeywordMappings(new Dictionary<string, JsonElement> { ["K"] = document.RootElement.Clone() });

        Assert.Equal($"<{expected}>", keywords.Replace("<##K##>"));
    }

    private static void Add(ZipArchive archive, string path, string text)
    {
        using var stream = archive.CreateEntry(path).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
