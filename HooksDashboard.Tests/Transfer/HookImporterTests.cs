using HooksDashboard.Audit;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Transfer;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Transfer;

/// <summary>
/// Planning and applying an import through the decorated store (versions, audit), on real SQLite and on PostgreSQL:
/// the batch is one transaction on either engine.
/// </summary>
public abstract class HookImporterTests(StorageProvider provider) : IAsyncLifetime
{
    private const string Cce = "credentials-exchange";
    private const string Script = "module.exports = function (client, scope, audience, context, cb) { cb(null, {}); };";
    private const string Script2 = "module.exports = function (client, scope, audience, context, cb) {\n  cb(null, { a: 1 });\n};";

    private TransferFixture _app = null!;

    public async Task InitializeAsync() => _app = await TransferFixture.CreateAsync(provider);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static HookDefinition Definition(string name, string script = Script, bool enabled = false, string trigger = Cce,
        Dictionary<string, string?>? secrets = null, Dictionary<string, string>? dependencies = null) =>
        new(name, trigger, script, enabled, dependencies ?? [], secrets ?? [], $"test, {name}");

    private static HookDefinitionList Source(params HookDefinition[] hooks) => new(new HookDefinitionSet(hooks, "test source", []));

    [Fact]
    public async Task ApplyAsync_EmptyInstance_CreatesHooksWithSecretsVersionOneAndAuditEntries()
    {
        var result = await _app.Importer.ApplyAsync(Source(
            Definition("a", enabled: true, secrets: new() { ["API_KEY"] = "k1" }),
            Definition("b", trigger: "pre-user-registration")));

        Assert.All(result.Plan.Hooks, h => Assert.Equal(HookPlanAction.Create, h.Action));
        var a = (await _app.Hooks.FindByNameAsync("a"))!;
        Assert.True(a.Enabled);
        Assert.Equal(new Dictionary<string, string> { ["API_KEY"] = "k1" }, await _app.Hooks.GetSecretValuesAsync(a.Id));
        var version = (await _app.Versions.GetAsync(a.Id, 1))!;
        Assert.Equal("Imported from test source", version.Info.Message);
        Assert.Equal(["API_KEY"], version.Info.SecretNames);
        var trail = await _app.Audit.ListForHookAsync(a.Id);
        Assert.Contains(trail, e => e.Action == HookAuditActions.Created && e.Details.Contains("“Imported from test source”", StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Action == HookAuditActions.SecretsAdded && e.Details == "Secrets added: API_KEY.");
        Assert.Equal(2, await _app.Hooks.CountAsync());
    }

    [Fact]
    public async Task PreviewAsync_EnablingAHookOfAPointWithAnEnabledOne_SaysWhichIsDisabledAndApplyDoesIt()
    {
        var live = await _app.Hooks.CreateAsync(new NewHook("live", Cce, Script, true));

        var plan = await _app.Importer.PreviewAsync(Source(Definition("incoming", enabled: true)));

        var disable = Assert.Single(plan.Disabled);
        Assert.Equal("live", disable.Name);
        Assert.Contains("'incoming' is enabled for credentials-exchange", disable.Because, StringComparison.Ordinal);
        Assert.Contains("live", plan.Untouched);
        Assert.True((await _app.Hooks.GetAsync(live.Id))!.Enabled);

        await _app.Importer.ApplyAsync(Source(Definition("incoming", enabled: true)));

        Assert.False((await _app.Hooks.GetAsync(live.Id))!.Enabled);
        Assert.Equal("incoming", (await _app.Hooks.GetEnabledAsync(Cce))!.Name);
        Assert.Contains(await _app.Audit.ListForHookAsync(live.Id), e => e.Action == HookAuditActions.Disabled && e.Details.StartsWith("Disabled because 'incoming' was enabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PreviewAsync_TwoEnabledHooksOfOnePoint_IsAnErrorNamingBoth()
    {
        var plan = await _app.Importer.PreviewAsync(Source(Definition("one", enabled: true), Definition("two", enabled: true)));

        Assert.False(plan.CanApply);
        Assert.Contains("Only one hook can be enabled for credentials-exchange; the source enables 'one', 'two'.", plan.Errors);
        await Assert.ThrowsAsync<ImportRefusedException>(() => _app.Importer.ApplyAsync(Source(Definition("one", enabled: true), Definition("two", enabled: true))));
        Assert.Equal(0, await _app.Hooks.CountAsync());
    }

    [Fact]
    public async Task ApplyAsync_NewSecretMaskedWithoutValue_RefusedNamingTheSecretAndNothingWritten()
    {
        var source = Source(
            Definition("fine"),
            Definition("needs-secrets", secrets: new() { ["API_KEY"] = HookRules.SecretMask, ["TOKEN"] = "##TOKEN##", ["SET"] = "v" }));

        var plan = await _app.Importer.PreviewAsync(source);
        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => _app.Importer.ApplyAsync(source));

        var entry = plan.Hooks.Single(h => h.Name == "needs-secrets");
        Assert.Equal(["API_KEY", "TOKEN"], entry.MissingSecrets);
        Assert.Contains(refused.Plan.Errors, e => e.Contains("no value for the secrets API_KEY, TOKEN of 'needs-secrets'", StringComparison.Ordinal)
            && e.Contains("--secret needs-secrets.API_KEY=", StringComparison.Ordinal));
        Assert.Equal(0, await _app.Hooks.CountAsync());
    }

    [Fact]
    public async Task ApplyAsync_SecretValuesGiven_OverrideTheSourceAndMaskedOnesKeepStoredValues()
    {
        var hook = await _app.Hooks.CreateAsync(new NewHook("existing", Cce, Script, false));
        await _app.Hooks.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["KEEP"] = "stored", ["DROP"] = "x", ["CHANGE"] = "old" });

        var result = await _app.Importer.ApplyAsync(
            Source(Definition("existing", secrets: new() { ["KEEP"] = HookRules.SecretMask, ["CHANGE"] = "from-file", ["NEW"] = HookRules.SecretMask })),
            new ImportOptions(new Dictionary<string, string> { ["existing.CHANGE"] = "from-flag", ["existing.NEW"] = "new-value" }));

        var entry = Assert.Single(result.Plan.Hooks);
        Assert.Equal(HookPlanAction.Update, entry.Action);
        Assert.Equal(["NEW"], entry.SecretsAdded);
        Assert.Equal(["CHANGE"], entry.SecretsChanged);
        Assert.Equal(["KEEP"], entry.SecretsKept);
        Assert.Equal(["DROP"], entry.SecretsRemoved);
        Assert.Equal(new Dictionary<string, string> { ["KEEP"] = "stored", ["CHANGE"] = "from-flag", ["NEW"] = "new-value" }, await _app.Hooks.GetSecretValuesAsync(hook.Id));
        // Secrets alone make no version: the code did not change.
        Assert.Equal(1, (await _app.Hooks.GetAsync(hook.Id))!.Version);
    }

    [Fact]
    public async Task PreviewAsync_SecretValueForUnknownHookOrSecret_IsAnError()
    {
        var plan = await _app.Importer.PreviewAsync(Source(Definition("a")),
            new ImportOptions(new Dictionary<string, string> { ["nope.X"] = "1", ["a.Y"] = "2", ["bad"] = "3" }));

        Assert.Contains("A value is given for 'nope.X', but the source has no hook 'nope'.", plan.Errors);
        Assert.Contains("A value is given for 'a.Y', but the hook 'a' has no secret 'Y' in the source (secrets: none).", plan.Errors);
        Assert.Contains("The secret value 'bad' must be named HOOK.SECRET (a hook name, a dot, a secret name).", plan.Errors);
    }

    [Fact]
    public async Task PreviewAsync_ChangedHook_SummarizesTheDifferenceAndMatchesDeployCliNames()
    {
        var hook = await _app.Hooks.CreateAsync(new NewHook("My Hook", Cce, Script, false, new Dictionary<string, string> { ["lodash"] = "4.17.20" }));

        var plan = await _app.Importer.PreviewAsync(Source(
            Definition("my-hook", Script2, enabled: true, dependencies: new() { ["lodash"] = "4.17.21", ["uuid"] = "9.0.0" })));

        var entry = Assert.Single(plan.Hooks);
        Assert.Equal(HookPlanAction.Update, entry.Action);
        Assert.Equal(hook.Id, entry.ExistingId);
        Assert.Equal(["Renamed from 'My Hook'.", "Script: 1 → 3 lines (+3 −1).", "Dependencies: lodash 4.17.20 → 4.17.21, +uuid@9.0.0.", "Enabled."], entry.Changes);
    }

    [Fact]
    public async Task PreviewAsync_InvalidDefinitionsAndPointChange_ReportedWithOrigin()
    {
        await _app.Hooks.CreateAsync(new NewHook("fixed", Cce, Script, false));

        var plan = await _app.Importer.PreviewAsync(Source(
            Definition("-bad name-"),
            Definition("unknown-point", trigger: "post-login"),
            Definition("fixed", trigger: "pre-user-registration"),
            Definition("dup"), Definition("DUP")));

        Assert.Contains(plan.Errors, e => e.StartsWith("test, -bad name-, field name: Name may contain only", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.StartsWith("test, unknown-point, field triggerId: Unknown triggerId 'post-login'", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.StartsWith("test, fixed: the hook 'fixed' exists for credentials-exchange; a hook cannot move to pre-user-registration", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.StartsWith("The source names the hook 'dup' more than once", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_StoreFailsAtTheThirdItem_NothingOfTheBatchIsWritten()
    {
        // Items 1 and 2 succeed inside the transaction (a create with secrets, an update that enables and so disables
        // the live hook); item 3 collides with an existing name: the whole batch must roll back.
        var live = await _app.Hooks.CreateAsync(new NewHook("live", Cce, Script, true));
        var other = await _app.Hooks.CreateAsync(new NewHook("other", Cce, Script, false));
        await _app.Hooks.CreateAsync(new NewHook("taken", "pre-user-registration", Script, false));
        var batches = (IHookBatchStore)_app.Hooks;
        HookBatchItem[] items =
        [
            new(null, "created", "pre-user-registration", Script, new Dictionary<string, string>(), false, new Dictionary<string, string> { ["K"] = "v" }, []),
            new(other.Id, "other", Cce, Script2, new Dictionary<string, string>(), true, new Dictionary<string, string>(), [], other.Version),
            new(null, "taken", "pre-user-registration", Script, new Dictionary<string, string>(), false, new Dictionary<string, string>(), []),
        ];

        await Assert.ThrowsAsync<HookConflictException>(() => batches.ApplyAsync(new HookBatch(items, "midway")));

        Assert.Null(await _app.Hooks.FindByNameAsync("created"));
        var otherNow = (await _app.Hooks.GetAsync(other.Id))!;
        Assert.Equal((Script, false, 1), (otherNow.Script, otherNow.Enabled, otherNow.Version));
        Assert.True((await _app.Hooks.GetAsync(live.Id))!.Enabled);
        Assert.Single((await _app.Versions.ListAsync(other.Id)).Versions);
        Assert.DoesNotContain(await _app.Audit.ListForHookAsync(live.Id), e => e.Action == HookAuditActions.Disabled);
        Assert.DoesNotContain(await _app.Audit.ListForHookAsync(other.Id), e => e.Action != HookAuditActions.Created);
        Assert.Equal(3, await _app.Hooks.CountAsync());
    }

    [Fact]
    public async Task ApplyAsync_HookChangedSincePlan_RefusedAsConflictAndNothingWritten()
    {
        var hook = await _app.Hooks.CreateAsync(new NewHook("moving", Cce, Script, false));
        var batches = (IHookBatchStore)_app.Hooks;
        await _app.Hooks.UpdateAsync(hook.Id, new HookUpdate(Script: Script2));
        HookBatchItem[] items =
        [
            new(null, "first", Cce, Script, new Dictionary<string, string>(), false, new Dictionary<string, string>(), []),
            new(hook.Id, "moving", Cce, Script + "// import", new Dictionary<string, string>(), false, new Dictionary<string, string>(), [], ExpectedVersion: 1),
        ];

        var conflict = await Assert.ThrowsAsync<HookConflictException>(() => batches.ApplyAsync(new HookBatch(items)));

        Assert.StartsWith("Hook 'moving': The hook was saved by someone else in the meantime: it is at version 2, not 1.", conflict.Message, StringComparison.Ordinal);
        Assert.Null(await _app.Hooks.FindByNameAsync("first"));
    }

    [Fact]
    public async Task ExportThenImport_IntoAnEmptyInstance_GivesTheSameHooks()
    {
        var a = await _app.Hooks.CreateAsync(new NewHook("Alpha Hook", Cce, Script2, true, new Dictionary<string, string> { ["lodash"] = "4.17.21" }));
        await _app.Hooks.AddSecretsAsync(a.Id, new Dictionary<string, string> { ["API_KEY"] = "k", ["token-2"] = "t" });
        await _app.Hooks.CreateAsync(new NewHook("beta", Cce, Script, false));
        await _app.Hooks.CreateAsync(new NewHook("gamma", "post-user-registration", Script, true));

        foreach (var layout in new[] { DeployCliLayout.Yaml, DeployCliLayout.Directory })
        {
            var files = await _app.Exporter.ExportAsync(layout);
            using var folder = new TempDataDirectory();
            HookExporter.WriteTo(folder.Path, files);
            await using var empty = await TransferFixture.CreateAsync(provider);
            var source = DeployCliSource.FromPath(folder.Path, KeywordMappings.None);

            var refused = await empty.Importer.PreviewAsync(source);
            Assert.Contains(refused.Errors, e => e.Contains("API_KEY, token-2 of 'Alpha Hook'", StringComparison.Ordinal));
            await empty.Importer.ApplyAsync(source, new ImportOptions(new Dictionary<string, string> { ["Alpha Hook.API_KEY"] = "k", ["alpha-hook.token-2"] = "t" }));

            var expected = await _app.Hooks.ListAsync();
            var actual = await empty.Hooks.ListAsync();
            Assert.Equal(
                expected.OrderBy(h => h.Name, StringComparer.Ordinal).Select(h => (h.Name, h.TriggerId, h.Script, h.Enabled, Deps: string.Join(",", h.Dependencies.Select(d => $"{d.Key}@{d.Value}")))),
                actual.OrderBy(h => h.Name, StringComparer.Ordinal).Select(h => (h.Name, h.TriggerId, h.Script, h.Enabled, Deps: string.Join(",", h.Dependencies.Select(d => $"{d.Key}@{d.Value}")))));
            var imported = (await empty.Hooks.FindByNameAsync("Alpha Hook"))!;
            Assert.Equal(new Dictionary<string, string> { ["API_KEY"] = "k", ["token-2"] = "t" }, await empty.Hooks.GetSecretValuesAsync(imported.Id));

            // The export imported back where it came from changes nothing: masked secrets keep their values.
            var again = await _app.Importer.PreviewAsync(source);
            Assert.True(again.CanApply, string.Join(" ", again.Errors));
            Assert.All(again.Hooks, h => Assert.Equal(HookPlanAction.Unchanged, h.Action));
        }
    }
}

public sealed class SqliteHookImporterTests() : HookImporterTests(StorageProvider.Sqlite);

public sealed class PostgreSqlHookImporterTests() : HookImporterTests(StorageProvider.PostgreSQL);
