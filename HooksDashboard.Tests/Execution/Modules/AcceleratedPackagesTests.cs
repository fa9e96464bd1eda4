using HooksDashboard.Execution;
using HooksDashboard.Execution.Node;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Modules;

/// <summary>
/// Packages the engine runs natively instead of evaluating them (AcceleratedPackages): bcryptjs 2.x's and the native
/// bcrypt package's APIs over the host's bcrypt. The same script runs here and in node with the real package, and must print the same lines:
/// hashes of every salt revision, 72-byte keys, errors in bcryptjs's words, callbacks and promises.
/// </summary>
[Trait("Category", "Registry")]
public sealed class AcceleratedPackagesTests(AcceleratedPackagesTests.Installed installed, AcceleratedPackagesTests.InstalledBcryptjs3 installed3)
    : IClassFixture<AcceleratedPackagesTests.Installed>, IClassFixture<AcceleratedPackagesTests.InstalledBcryptjs3>
{
    private const string Bcrypt = """
        const bcrypt = require('bcryptjs');
        const t = (f) => { try { console.log(JSON.stringify(f())); } catch (e) { console.log('throws', e.message); } };
        const fixed = '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';
        module.exports = async function (cb) {
          t(() => bcrypt.compareSync('wrong', fixed));
          t(() => bcrypt.compareSync('password', '$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'));
          t(() => bcrypt.hashSync('password', '$2a$10$N9qo8uLOickgx2ZMRZoMye'));
          t(() => bcrypt.hashSync('pässwörd ☃ 𝄞', '$2b$05$abcdefghijklmnopqrstuu'));
          t(() => bcrypt.hashSync('x', '$2y$04$abcdefghijklmnopqrstuu'));
          t(() => bcrypt.hashSync('x', '$2$04$abcdefghijklmnopqrstuu'));
          t(() => bcrypt.hashSync('', '$2$04$abcdefghijklmnopqrstuu'));
          t(() => bcrypt.hashSync('', '$2a$04$abcdefghijklmnopqrstuu'));
          t(() => bcrypt.hashSync('a'.repeat(100), '$2a$04$abcdefghijklmnopqrstuu') === bcrypt.hashSync('a'.repeat(72), '$2a$04$abcdefghijklmnopqrstuu'));
          t(() => bcrypt.hashSync('a'.repeat(71), '$2a$04$abcdefghijklmnopqrstuu') === bcrypt.hashSync('a'.repeat(72), '$2a$04$abcdefghijklmnopqrstuu'));
          for (const salt of ['$1a$04$abcdefghijklmnopqrstuu', '$2c$04$abcdefghijklmnopqrstuu', '$2a$4$abcdefghijklmnopqrstuu', '$2a$03$abcdefghijklmnopqrstuu', '$2a$04$abc']) {
            t(() => bcrypt.hashSync('x', salt));
          }
          t(() => bcrypt.hashSync(5, 'x'));
          t(() => bcrypt.hashSync('x', {}));
          t(() => bcrypt.compareSync('x', 'short'));
          t(() => bcrypt.compareSync(null, 'short'));
          t(() => [bcrypt.getRounds(fixed), bcrypt.getSalt(fixed)]);
          t(() => bcrypt.getSalt('abc'));
          t(() => bcrypt.getRounds(5));
          t(() => [bcrypt.genSaltSync(12).length, bcrypt.genSaltSync(2).slice(0, 7), bcrypt.genSaltSync(40).slice(0, 7), bcrypt.genSaltSync().slice(0, 7)]);
          t(() => bcrypt.genSaltSync('x'));
          t(() => [bcrypt.encodeBase64([1, 2, 3, 4, 5, 250], 6), bcrypt.decodeBase64('.OGjDE/2', 6), bcrypt.decodeBase64('ab!cd', 4)]);
          t(() => bcrypt.encodeBase64([1], 2));
          t(() => [bcrypt.decodeBase64('..a!', 3), require('bcryptjs/package.json').version]);
          t(() => bcrypt.hashSync('x', '$2a$1'));
          t(() => Object.keys(bcrypt).sort());
          const made = bcrypt.hashSync('secret', 4);
          t(() => [made.slice(0, 7), made.length, bcrypt.compareSync('secret', made), bcrypt.compareSync('Secret', made)]);
          const steps = [];
          steps.push(await bcrypt.compare('wrong', fixed));
          steps.push(await bcrypt.compare('password', await bcrypt.hash('password', 5)));
          steps.push(await bcrypt.hash('x', '$2a$04$abcdefghijklmnopqrstuu'));
          steps.push(await bcrypt.genSalt(6).then((s) => s.slice(0, 7)));
          try { await bcrypt.hash('x', '$2a$03$abcdefghijklmnopqrstuu'); } catch (e) { steps.push('rejects ' + e.message); }
          try { await bcrypt.hash(5, 'x'); } catch (e) { steps.push('rejects ' + e.message); }
          steps.push(await bcrypt.compare('x', 'short'));
          try { await bcrypt.compare(5, 'x'); } catch (e) { steps.push('rejects ' + e.message); }
          try { bcrypt.genSalt('x'); } catch (e) { steps.push('throws ' + e.message); }
          try { bcrypt.hash('x', 4, 'not a function'); } catch (e) { steps.push('throws ' + e.message); }
          await new Promise((r) => bcrypt.hash('cb', '$2a$04$abcdefghijklmnopqrstuu', (e, v) => { steps.push(['hash', e, v]); r(); }));
          await new Promise((r) => bcrypt.compare('cb', fixed, (e, v) => { steps.push(['compare', e, v]); r(); }));
          await new Promise((r) => bcrypt.genSalt(5, 20, (e, v) => { steps.push(['salt', e, v.slice(0, 7)]); r(); }));
          for (const salt of ['$2a$03$abcdefghijklmnopqrstuu', '$1a$04$abcdefghijklmnopqrstuu']) {
            await new Promise((r) => bcrypt.hash('x', salt, function () { steps.push(['arguments', arguments.length, arguments[0].message]); r(); }));
          }
          console.log(JSON.stringify(steps));
          cb();
        };
        """;

    [NpmFact]
    public async Task ExecuteAsync_Bcryptjs2_SameLinesAsNodeRunningThePackage()
    {
        var result = await new JintHookExecutor().RunAsync(installed.Graph, Bcrypt);

        result.AssertSuccess();
        var lines = string.Join('\n', result.Logs.Select(l => l.Message));
        Assert.Contains("$2a$10$N9qo8uLOickgx2ZMRZoMye8fOsiTWZqYtkxvXkKm8BMzjT7t/vIdq", lines, StringComparison.Ordinal);
        Assert.Equal(await installed.RunInNodeAsync("bcrypt.js", Bcrypt), lines);
    }

    [NpmFact]
    public async Task ExecuteAsync_Bcryptjs3_SameLinesAsNodeRunningThePackage()
    {
        // What npm installs today: $2b$ salts, truncates, the default export's object as the CommonJS export.
        var script = Bcrypt.Replace("module.exports = async function (cb) {", """
            module.exports = async function (cb) {
              t(() => [bcrypt.truncates('a'.repeat(72)), bcrypt.truncates('a'.repeat(73)), bcrypt.truncates('é'.repeat(36)), bcrypt.truncates('é'.repeat(37) + '𝄞')]);
              t(() => bcrypt.truncates(5));
              t(() => Object.keys(bcrypt));
            """, StringComparison.Ordinal)
            // 3.x's "exports" map does not export package.json (the error names the folder, which differs).
            .Replace("require('bcryptjs/package.json').version", "'3.x'", StringComparison.Ordinal);
        var result = await new JintHookExecutor().RunAsync(installed3.Graph, script);

        result.AssertSuccess();
        var lines = string.Join('\n', result.Logs.Select(l => l.Message));
        Assert.StartsWith("[false,true,false,true]", lines, StringComparison.Ordinal);
        Assert.Equal(await installed3.RunInNodeAsync("bcrypt3.js", script), lines);
    }

    [NpmFact]
    public async Task ExecuteAsync_NativeBcryptHashAboveTheCostCap_CompareThrowsInsteadOfAnsweringFalse()
    {
        // A silent false would read as a wrong password.
        var result = await new JintHookExecutor().RunAsync(installed.Graph, """
            module.exports = async function (cb) {
              var b = require('bcrypt'), hash = '$2b$16$abcdefghijklmnopqrstuuXUNQstxlp4O8v/.fbGGlL25763aODuq', out = [];
              try { out.push(b.compareSync('pw', hash)); } catch (e) { out.push(e.message); }
              out.push(await b.compare('pw', hash).catch(function (e) { return 'rejects ' + e.message; }));
              cb(null, out);
            };
            """);

        var refused = $"bcrypt costs above {NodeBcrypt.MaxCost} are not computed in HooksDashboard hooks (this salt asks for 16): one hash would outlast the invocation";
        Assert.Equal(new System.Text.Json.Nodes.JsonArray(refused, "rejects " + refused).ToJsonString(), result.AssertSuccess()!.ToJsonString());
    }

    [NpmFact]
    public async Task ExecuteAsync_Bcryptjs2CostAboveTheCap_FailsWithAClearError()
    {
        var result = await new JintHookExecutor().RunAsync(installed.Graph, """
            module.exports = function (cb) {
              try { require('bcryptjs').hashSync('x', '$2a$17$abcdefghijklmnopqrstuu'); cb(null, 'computed'); } catch (e) { cb(null, e.message); }
            };
            """);

        Assert.Equal($"bcrypt costs above {NodeBcrypt.MaxCost} are not computed in HooksDashboard hooks (this salt asks for 17): one hash would outlast the invocation",
            result.AssertSuccess()!.GetValue<string>());
    }

    // The native package's API (its prebuilt add-on runs in node): salts, revisions, Buffers, errors, promises.
    private const string NativeBcrypt = """
        const b = require('bcrypt');
        const t = (f) => { try { console.log(JSON.stringify(f())); } catch (e) { console.log('throws', e.constructor.name, e.message); } };
        const fixed = '$2a$10$N9qo8uLOickgx2ZMRZoMye8fOsiTWZqYtkxvXkKm8BMzjT7t/vIdq';
        module.exports = async function (cb) {
          t(() => [b.genSaltSync(2).slice(0, 7), b.genSaltSync(40).slice(0, 7), b.genSaltSync(5.7).slice(0, 7), b.genSaltSync(0).slice(0, 7), b.genSaltSync(12, 'a').slice(0, 7), b.genSaltSync(12).length]);
          t(() => b.genSaltSync('5'));
          t(() => b.genSaltSync(5, 'y'));
          for (const salt of ['$2a$04$abcdefghijklmnopqrstuu', '$2b$04$abcdefghijklmnopqrstuu', '$2y$04$abcdefghijklmnopqrstuu', '$2$04$abcdefghijklmnopqrstuu',
            '$2a$4$abcdefghijklmnopqrstuu', '$2a$03$abcdefghijklmnopqrstuu', '$2a$32$abcdefghijklmnopqrstuu', '$2a$04$abc', '$2a$04$abcdefghijklmnopqrstuuEXTRA',
            '$2a$04$abcdefghijklmnopqrstu!', 'garbage', '']) {
            t(() => [salt, b.hashSync('x', salt)]);
          }
          t(() => b.hashSync('pässwörd ☃ 𝄞', '$2b$05$abcdefghijklmnopqrstuu'));
          t(() => b.hashSync(Buffer.from([1, 2, 0, 3]), '$2b$04$abcdefghijklmnopqrstuu') === b.hashSync(Buffer.from([1, 2]), '$2b$04$abcdefghijklmnopqrstuu'));
          t(() => [b.hashSync('', '$2b$04$abcdefghijklmnopqrstuu'), b.hashSync('a'.repeat(300), '$2a$04$abcdefghijklmnopqrstuu'), b.hashSync('a'.repeat(300), '$2b$04$abcdefghijklmnopqrstuu')]);
          t(() => b.hashSync('x', 4).slice(0, 7));
          t(() => b.hashSync(null, 'x'));
          t(() => b.hashSync(5, 'x'));
          t(() => b.hashSync('x'));
          t(() => [b.compareSync('password', fixed), b.compareSync('x', 'short'), b.compareSync('password', fixed + 'EXTRA'), b.compareSync('password', fixed.replace('$2a$', '$2y$'))]);
          t(() => b.compareSync(null, 'x'));
          t(() => b.compareSync(5, 'x'));
          t(() => [b.getRounds(fixed), b.getRounds('$2b$07$x'), b.getRounds('$2y$10$x'), b.getRounds('$2b$4'), b.genSaltSync(260).slice(0, 7)]);
          t(() => b.getRounds('$2b$00$x'));
          t(() => [b.hashSync('abc'.repeat(100), '$2a$04$abcdefghijklmnopqrstuu'), b.hashSync('abc'.repeat(100), '$2b$04$abcdefghijklmnopqrstuu'), b.hashSync('x'.repeat(255), '$2a$04$abcdefghijklmnopqrstuu')]);
          t(() => typeof require('bcrypt/promises').promise);
          t(() => b.getRounds('nope'));
          t(() => b.getRounds(5));
          t(() => b.getRounds());
          const out = [];
          out.push(await b.compare('password', fixed));
          out.push((await b.hash('x', 4)).slice(0, 7), (await b.genSalt()).slice(0, 7), (await b.genSalt(5, 'a')).slice(0, 7));
          try { await b.hash('x', 'bad'); } catch (e) { out.push('rejects ' + e.message); }
          try { await b.hash(5, 'bad'); } catch (e) { out.push('rejects ' + e.message); }
          try { await b.compare(5, 'bad'); } catch (e) { out.push('rejects ' + e.message); }
          out.push(await b.compare('x', 'bad'));
          try { await b.genSalt('x'); } catch (e) { out.push('rejects ' + e.message); }
          try { await b.hash('x', 4, 'not a function'); } catch (e) { out.push('rejects ' + e.message); }
          await new Promise((r) => b.hash('x', '$2a$04$abcdefghijklmnopqrstuu', (e, v) => { out.push(['hash', typeof e, v]); r(); }));
          await new Promise((r) => b.compare('x', fixed, (e, v) => { out.push(['compare', typeof e, v]); r(); }));
          await new Promise((r) => b.hash('x', 'bad', (e) => { out.push(['hash', e && e.message]); r(); }));
          await new Promise((r) => b.compare('x', 'bad', (e, v) => { out.push(['compare', e, v]); r(); }));
          await new Promise((r) => b.genSalt(5, (e, v) => { out.push(['salt', e, v.slice(0, 7)]); r(); }));
          await new Promise((r) => b.hash((e) => { out.push(['callback first', e.message]); r(); }));
          console.log(JSON.stringify(out));
          cb();
        };
        """;

    [NpmFact]
    public async Task ExecuteAsync_NativeBcrypt6_SameLinesAsNodeRunningItsAddOn()
    {
        var result = await new JintHookExecutor().RunAsync(installed.Graph, NativeBcrypt);

        result.AssertSuccess();
        Assert.Equal(await installed.RunInNodeAsync("native.js", NativeBcrypt), string.Join('\n', result.Logs.Select(l => l.Message)));
    }

    public sealed class Installed() : NpmInstalledPackages("accelerated", ["bcryptjs@2.4.3", "bcrypt@6.0.0"], TimeSpan.FromMinutes(4));

    public sealed class InstalledBcryptjs3() : NpmInstalledPackages("accelerated3", ["bcryptjs@3.0.3"], TimeSpan.FromMinutes(4));
}
