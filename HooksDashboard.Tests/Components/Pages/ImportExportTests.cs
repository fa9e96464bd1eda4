using System.IO.Compression;
using System.Text;
using Bunit;
using HooksDashboard.Components.Pages;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;
using HooksDashboard.Transfer;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Components.Pages;

/// <summary>The Import &amp; export page: upload, preview, secret values, apply, errors.</summary>
public sealed class ImportExportTests : DashboardTestBase
{
    private const string Script = "module.exports = function (user, context, cb) { cb(); };\n";

    public ImportExportTests() => Services.AddTransfer();

    private static byte[] Zip(params (string Path, string Text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                using var stream = archive.CreateEntry(path).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return buffer.ToArray();
    }

    private static byte[] TenantZip(string secrets = "") => Zip(
        ("tenant.yaml", $"hooks:\n  - name: uploaded\n    script: ./hooks/uploaded.js\n    triggerId: post-change-password\n    enabled: true\n{secrets}"),
        ("hooks/uploaded.js", Script));

    [Fact]
    public async Task Upload_Zip_PreviewsThenApplyCreatesTheHook()
    {
        RenderProviders();
        var cut = Render<ImportExport>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TenantZip(), "export.zip"));

        cut.WaitForAssertion(() => Assert.Equal("Create", cut.Find("[data-testid=plan-action]").TextContent));
        Assert.Contains("1 to create", cut.Find("[data-testid=plan-summary]").TextContent, StringComparison.Ordinal);
        Assert.Null(await Store.FindByNameAsync("uploaded"));

        cut.Find("button[data-testid=import-apply]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Imported: 1 created, 0 updated", cut.Find("[data-testid=import-done]").TextContent, StringComparison.Ordinal));
        var hook = await Store.FindByNameAsync("uploaded");
        Assert.NotNull(hook);
        Assert.True(hook.Enabled);
        Assert.Equal("Unchanged", cut.Find("[data-testid=plan-action]").TextContent);
    }

    [Fact]
    public async Task Upload_EnablingOverALiveHook_SaysWhichHookIsDisabled()
    {
        await Store.CreateAsync(new NewHook("live", "post-change-password", Script, true));
        RenderProviders();
        var cut = Render<ImportExport>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TenantZip(), "export.zip"));

        cut.WaitForAssertion(() => Assert.Contains("live (post-change-password): 'uploaded' is enabled", cut.Find("[data-testid=plan-disabled]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_MissingSecret_ApplyDisabledUntilTheValueIsGiven()
    {
        RenderProviders();
        var cut = Render<ImportExport>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TenantZip("    secrets:\n      API_KEY: _VALUE_NOT_SHOWN_\n"), "export.zip"));

        cut.WaitForAssertion(() => Assert.Contains("no value for the secret API_KEY of 'uploaded'", cut.Find("[data-testid=import-errors]").TextContent, StringComparison.Ordinal));
        Assert.True(cut.Find("button[data-testid=import-apply]").HasAttribute("disabled"));

        cut.Find("input[data-testid='secret-uploaded.API_KEY']").Input("k-1");
        cut.Find("button[data-testid=import-preview]").Click();
        cut.WaitForAssertion(() => Assert.False(cut.Find("button[data-testid=import-apply]").HasAttribute("disabled")));
        cut.Find("button[data-testid=import-apply]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=import-done]")));
        var hook = (await Store.FindByNameAsync("uploaded"))!;
        Assert.Equal("k-1", (await Store.GetSecretValuesAsync(hook.Id))["API_KEY"]);
    }

    [Fact]
    public void Upload_InvalidFile_ShowsEachProblemWithItsPlace()
    {
        RenderProviders();
        var cut = Render<ImportExport>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(
            Zip(("tenant.yaml", "hooks:\n  - name: broken\n    script: ./hooks/none.js\n")), "broken.zip"));

        cut.WaitForAssertion(() =>
        {
            var errors = cut.Find("[data-testid=import-errors]").TextContent;
            Assert.Contains("broken.zip cannot be imported.", errors, StringComparison.Ordinal);
            Assert.Contains("tenant.yaml, hooks[0] ('broken'), field triggerId (line 2): Missing required field 'triggerId'.", errors, StringComparison.Ordinal);
            Assert.Contains("field script (line 3): The script file './hooks/none.js'", errors, StringComparison.Ordinal);
        });
        Assert.Empty(cut.FindAll("[data-testid=plan-table]"));
    }

    [Fact]
    public async Task Apply_HookWithADependency_InstalledFromTheRegistryAndStored()
    {
        RenderProviders();
        var cut = Render<ImportExport>();
        var zip = Zip(
            ("hooks/with-lodash.json", """{ "name": "with-lodash", "script": "./with-lodash.js", "triggerId": "post-change-password", "dependencies": { "lodash": "4.17.21" } }"""),
            ("hooks/with-lodash.js", "const _ = require('lodash');\nmodule.exports = function (user, context, cb) { cb(null, _.identity(1)); };\n"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(zip, "directory.zip"));
        cut.WaitForAssertion(() => Assert.Equal("Create", cut.Find("[data-testid=plan-action]").TextContent));
        cut.Find("button[data-testid=import-apply]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=import-done]")), TimeSpan.FromSeconds(30));
        var hook = (await Store.FindByNameAsync("with-lodash"))!;
        Assert.Equal("4.17.21", hook.Dependencies["lodash"]);
    }

    [Fact]
    public async Task Apply_APackageThatCannotBeInstalled_NothingImportedAndTheHookNamed()
    {
        RenderProviders();
        var cut = Render<ImportExport>();
        var zip = Zip(
            ("hooks/a-fine.json", """{ "name": "a-fine", "script": "./a.js", "triggerId": "post-change-password" }"""),
            ("hooks/a.js", Script),
            ("hooks/b-broken.json", """{ "name": "b-broken", "script": "./a.js", "triggerId": "pre-user-registration", "dependencies": { "no-such-package-hd": "1.0.0" } }"""));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(zip, "directory.zip"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=plan-action]").Count));
        cut.Find("button[data-testid=import-apply]").Click();

        cut.WaitForAssertion(() =>
        {
            var errors = cut.Find("[data-testid=import-errors]").TextContent;
            Assert.Contains("Nothing was imported.", errors, StringComparison.Ordinal);
            Assert.Contains("Hook 'b-broken': dependencies could not be installed", errors, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30));
        Assert.Null(await Store.FindByNameAsync("a-fine"));
        Assert.Null(await Store.FindByNameAsync("b-broken"));
    }

    [Fact]
    public async Task Upload_YamlTogetherWithItsScript_PreviewsAndApplies()
    {
        RenderProviders();
        var cut = Render<ImportExport>();

        cut.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("hooks:\n  - name: loose\n    script: ./hooks/loose.js\n    triggerId: post-change-password\n", "tenant.yaml"),
            InputFileContent.CreateFromText(Script, "loose.js"),
            InputFileContent.CreateFromText("# not a hook file", "README.md"));

        cut.WaitForAssertion(() => Assert.Equal("Create", cut.Find("[data-testid=plan-action]").TextContent));
        cut.Find("button[data-testid=import-apply]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=import-done]")));
        Assert.Equal(Script, (await Store.FindByNameAsync("loose"))!.Script);
    }

    [Fact]
    public void Upload_YamlWithoutItsScripts_NamesTheFilesToAdd()
    {
        RenderProviders();
        var cut = Render<ImportExport>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "hooks:\n  - name: a\n    script: ./hooks/a.js\n    triggerId: post-change-password\n  - name: b\n    script: ./hooks/b.js\n    triggerId: pre-user-registration\n",
            "tenant.yaml"));

        cut.WaitForAssertion(() => Assert.Contains(
            "tenant.yaml: Scripts missing from the upload: choose these files too: a.js, b.js.",
            cut.Find("[data-testid=import-errors]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=plan-table]"));
    }

    [Fact]
    public void Upload_DirectoryLayoutAsLooseFilesWithAScriptMissing_NamesIt()
    {
        RenderProviders();
        var cut = Render<ImportExport>();

        cut.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("""{ "name": "d1", "script": "./d1.js", "triggerId": "post-change-password" }""", "d1.json"),
            InputFileContent.CreateFromText("""{ "name": "d2", "script": "./d2.js", "triggerId": "pre-user-registration" }""", "d2.json"),
            InputFileContent.CreateFromText(Script, "d1.js"));

        cut.WaitForAssertion(() => Assert.Contains("choose this file too: d2.js.", cut.Find("[data-testid=import-errors]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadTenant_Auth0ShapedTenant_PreviewsAsksForTheSecretAndApplies()
    {
        await using var tenant = await FakeAuth0Tenant.StartAsync();
        tenant.Hooks.Add(new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "h001", ["name"] = "from-tenant", ["triggerId"] = "post-change-password", ["enabled"] = true,
            ["script"] = Script, ["dependencies"] = new System.Text.Json.Nodes.JsonObject(),
        });
        tenant.Secrets["h001"] = ["API_KEY"];
        RenderProviders();
        var cut = Render<ImportExport>();

        cut.Find("input[data-testid=tenant-domain]").Input(tenant.Url);
        cut.Find("input[data-testid=tenant-client-id]").Input(FakeAuth0Tenant.ClientId);
        cut.Find("input[data-testid=tenant-client-secret]").Input(FakeAuth0Tenant.Secret);
        cut.Find("button[data-testid=tenant-read]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Create", cut.Find("[data-testid=plan-action]").TextContent));
        Assert.Contains($"tenant 127.0.0.1:{new Uri(tenant.Url).Port} (Management API)", cut.Find("[data-testid=plan-summary]").TextContent, StringComparison.Ordinal);
        Assert.Contains("no value for the secret API_KEY of 'from-tenant'", cut.Find("[data-testid=import-errors]").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("button[data-testid=import-apply]").HasAttribute("disabled"));

        cut.Find("input[data-testid='secret-from-tenant.API_KEY']").Input("given");
        cut.Find("button[data-testid=import-preview]").Click();
        cut.WaitForAssertion(() => Assert.False(cut.Find("button[data-testid=import-apply]").HasAttribute("disabled")));
        cut.Find("button[data-testid=import-apply]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Imported: 1 created", cut.Find("[data-testid=import-done]").TextContent, StringComparison.Ordinal));
        var hook = (await Store.FindByNameAsync("from-tenant"))!;
        Assert.True(hook.Enabled);
        Assert.Equal("given", (await Store.GetSecretValuesAsync(hook.Id))["API_KEY"]);
        // One read of the tenant served the previews and the apply.
        Assert.Equal(1, tenant.Paths.Count(p => p.StartsWith("/api/v2/hooks?", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReadTenant_WrongSecret_ShowsTheRefusal()
    {
        await using var tenant = await FakeAuth0Tenant.StartAsync();
        RenderProviders();
        var cut = Render<ImportExport>();

        cut.Find("input[data-testid=tenant-domain]").Input(tenant.Url);
        cut.Find("input[data-testid=tenant-client-id]").Input(FakeAuth0Tenant.ClientId);
        cut.Find("input[data-testid=tenant-client-secret]").Input("wrong");
        cut.Find("button[data-testid=tenant-read]").Click();

        cut.WaitForAssertion(() => Assert.Contains($"refused the client credentials of {FakeAuth0Tenant.ClientId} (401: Unauthorized)",
            cut.Find("[data-testid=import-errors]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=plan-table]"));
    }

    [Fact]
    public void ReadTenant_DomainWithAnotherScheme_SaysWhatIsAccepted()
    {
        RenderProviders();
        var cut = Render<ImportExport>();

        cut.Find("input[data-testid=tenant-domain]").Input("ftp://example.com");
        cut.Find("input[data-testid=tenant-client-id]").Input("id");
        cut.Find("input[data-testid=tenant-client-secret]").Input("secret");
        cut.Find("button[data-testid=tenant-read]").Click();

        cut.WaitForAssertion(() => Assert.Contains("neither a host name (example.eu.auth0.com, meaning https) nor an http(s) URL",
            cut.Find("[data-testid=import-errors]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Page_ExportLinks_PointAtTheDownloadForEachLayout()
    {
        RenderProviders();
        var cut = Render<ImportExport>();

        Assert.Equal(TransferEndpoints.ExportUrl(DeployCliLayout.Yaml), cut.Find("[data-testid=export-yaml]").GetAttribute("href"));
        Assert.Equal("/transfer/export?format=directory", cut.Find("[data-testid=export-directory]").GetAttribute("href"));
    }
}
