using System.IO.Compression;
using System.Text;
using HooksDashboard.Hooks;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>The Import &amp; export page in Chromium: upload a deploy-cli zip, preview, apply; download an export; axe on both states.</summary>
[Collection(AppTestGroup.Name)]
public class ImportExportEndToEndTests(AppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task UploadPreviewApply_ThenExportDownload_ContainsTheImportedHook()
    {
        var name = $"e2e-import-{Guid.NewGuid():N}"[..20];
        var store = app.Services.GetRequiredService<IHookStore>();
        var axe = new AxeScanner();
        var folder = Directory.CreateTempSubdirectory("hooksdashboard-e2e-import-");
        try
        {
            var zip = Path.Combine(folder.FullName, "tenant.zip");
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                Add(archive, "tenant.yaml", $"hooks:\n  - name: {name}\n    script: ./hooks/{name}.js\n    triggerId: post-change-password\n    enabled: false\n");
                Add(archive, $"hooks/{name}.js", "module.exports = function (user, context, cb) { cb(); };\n");
            }
            var dashboard = new DashboardPage(await app.NewPageAsync());
            var page = dashboard.Page;
            await dashboard.GoToAsync("transfer", "Import & export");
            await dashboard.WaitForCircuitAsync();
            await axe.ScanAsync(page, "import and export");

            await page.Locator("#import-file").SetInputFilesAsync(zip);
            await Expect(page.GetByTestId("plan-action")).ToHaveTextAsync("Create");
            // The plan renders before the Apply button is enabled; its colour then fades from the disabled grey.
            await Expect(page.GetByTestId("import-apply")).ToBeEnabledAsync();
            await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
            await axe.ScanAsync(page, "import preview");
            Assert.Null(await store.FindByNameAsync(name));
            await page.GetByTestId("import-apply").ClickAsync();
            await Expect(page.GetByTestId("import-done")).ToContainTextAsync("Imported: 1 created, 0 updated");
            Assert.NotNull(await store.FindByNameAsync(name));

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-yaml").ClickAsync());
            var saved = Path.Combine(folder.FullName, "export.zip");
            await download.SaveAsAsync(saved);
            using var exported = ZipFile.OpenRead(saved);
            using var reader = new StreamReader(exported.GetEntry("tenant.yaml")!.Open());
            Assert.Contains($"name: {name}", await reader.ReadToEndAsync(), StringComparison.Ordinal);
            Assert.NotNull(exported.GetEntry($"hooks/{name}.js"));
            Assert.True(axe.Failures.Count == 0, string.Join("\n", axe.Failures));
        }
        finally
        {
            output.WriteLine($"Scanned: {string.Join(", ", axe.Scanned)}");
            if (await store.FindByNameAsync(name) is { } hook)
                await store.DeleteAsync(hook.Id);
            folder.Delete(recursive: true);
        }
    }

    private static void Add(ZipArchive archive, string path, string text)
    {
        using var stream = archive.CreateEntry(path).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
