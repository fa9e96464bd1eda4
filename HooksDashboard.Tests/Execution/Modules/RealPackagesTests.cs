using System.Text.RegularExpressions;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Modules;

/// <summary>
/// Real published packages, installed by npm from the registry into a temporary folder (opt-in: category
/// <c>Registry</c>, as it needs the network), required by a hook and compared line by line with node running the
/// same code. uuid is pinned to 11, the last major with a CommonJS build (12+ ship ES modules only).
/// </summary>
[Trait("Category", "Registry")]
public sealed class RealPackagesTests(RealPackagesTests.InstalledPackages installed) : IClassFixture<RealPackagesTests.InstalledPackages>
{
    private const string Utilities = """
        var _ = require('lodash');
        var uuid = require('uuid');
        var moment = require('moment');
        console.log(_.chunk([1, 2, 3, 4, 5], 2), _.merge({ a: { b: 1 } }, { a: { c: 2 } }), _.escape('<a>'));
        console.log(_.sortBy([{ n: 'b', v: 2 }, { n: 'a', v: 1 }], 'v').map(function (x) { return x.n; }), _.camelCase('Foo Bar-baz'), _.get({ a: [{ b: 5 }] }, 'a[0].b'));
        console.log(_.debounce(function () {}, 10).cancel === undefined, _.isEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), _.uniqBy([1.1, 1.2, 2.3], Math.floor));
        console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuid.v4()), uuid.v5('hello', uuid.v5.DNS), uuid.validate('not'), uuid.version(uuid.v4()));
        console.log(uuid.v3('hello', uuid.v3.URL), uuid.stringify(uuid.parse('9342d47a-1bab-5709-9869-c840b2eac501')), uuid.NIL);
        console.log(moment.utc('2020-01-02T03:04:05Z').add(1, 'day').format('YYYY-MM-DD HH:mm:ss dddd'), moment.duration(90, 'minutes').humanize(), moment.utc(0).toISOString());
        console.log(moment.utc('2024-02-29').add(1, 'year').format('LL'), moment.utc('2020-01-01').diff(moment.utc('2019-01-01'), 'days'), moment.isMoment(moment()));
        module.exports = function (cb) { cb(); };
        """;

    private const string Tokens = """
        var jwt = require('jsonwebtoken');
        var token = jwt.sign({ sub: 'user-1', iat: 1600000000, exp: 4600000000 }, 'shhhhh', { algorithm: 'HS256', issuer: 'hooks' });
        console.log(token);
        console.log(jwt.verify(token, 'shhhhh', { issuer: 'hooks' }), jwt.decode(token, { complete: true }).header);
        try { jwt.verify(token, 'wrong'); } catch (e) { console.log(e.name, e.message); }
        try { jwt.verify(jwt.sign({ iat: 1, exp: 2 }, 'k'), 'k'); } catch (e) { console.log(e.name, e.message, e.expiredAt); }
        module.exports = function (cb) { cb(); };
        """;

    // _.template compiles its template into a function with Function(...) (string compilation, allowed in hooks).
    private const string Templates = """
        var _ = require('lodash');
        var greet = _.template('Hello <%= user.name %>! <% _.forEach(tags, function (t) { %><b><%- t %></b><% }); %> ${ count }');
        console.log(greet({ user: { name: 'Ada' }, tags: ['<x>', 'y&z'], count: 3 }));
        console.log(_.template('{{ who }} is {{ what }}', { interpolate: /{{([\s\S]+?)}}/g })({ who: 'lodash', what: 'here' }));
        console.log(_.template('<%= data.a %>', { variable: 'data' })({ a: 1 }), typeof greet.source, greet.source.indexOf('function') >= 0);
        try { _.template('<% if ( %>')(); } catch (e) { console.log(e.name); }
        module.exports = function (cb) { cb(); };
        """;

    // jose 4 (CommonJS) on Node's crypto: generateKeyPair goes through util.promisify, which must resolve
    // { publicKey, privateKey } as Node's does; the keys are random, so only what does not depend on them is printed.
    private const string Jose = """
        var jose = require('jose');
        (async function () {
          var secret = new TextEncoder().encode('a-string-secret-at-least-256-bits-long');
          var jwt = await new jose.SignJWT({ 'urn:x': true }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(1700000000).setExpirationTime(4100000000).sign(secret);
          console.log(jwt, (await jose.jwtVerify(jwt, secret)).payload);
          for (var alg of ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA']) {
            var pair = await jose.generateKeyPair(alg);
            var token = await new jose.SignJWT({ sub: 'user-1' }).setProtectedHeader({ alg: alg }).setIssuer('hooks').sign(pair.privateKey);
            var verified = await jose.jwtVerify(token, pair.publicKey, { issuer: 'hooks' });
            var jwk = await jose.exportJWK(pair.publicKey);
            console.log(alg, verified.protectedHeader, verified.payload, pair.publicKey.type, pair.privateKey.asymmetricKeyType, jwk.kty, jwk.crv);
          }
          try { await jose.jwtVerify(jwt, new TextEncoder().encode('another-secret-of-at-least-256-bits!!')); } catch (e) { console.log(e.code, e.message); }
        })();
        module.exports = function (cb) { cb(); };
        """;

    private readonly JintHookExecutor _executor = new();

    [NpmFact]
    public Task ExecuteAsync_LodashUuidMoment_PrintWhatNodePrints() => AssertPrintsWhatNodePrintsAsync("utilities", Utilities);

    [NpmFact]
    public Task ExecuteAsync_LodashTemplate_PrintsWhatNodePrints() => AssertPrintsWhatNodePrintsAsync("templates", Templates);

    [NpmFact]
    public Task ExecuteAsync_JsonwebtokenHs256_PrintsWhatNodePrints() => AssertPrintsWhatNodePrintsAsync("tokens", Tokens);

    [NpmFact]
    public Task ExecuteAsync_JoseKeyPairsAndTokens_PrintWhatNodePrints() => AssertPrintsWhatNodePrintsAsync("jose", Jose);

    private async Task AssertPrintsWhatNodePrintsAsync(string name, string script)
    {
        var file = Path.Combine(installed.Folder, name + ".js");
        await File.WriteAllTextAsync(file, script);
        var expected = NodeOracle.RunFile(file) ?? throw new InvalidOperationException("node is required with npm");

        var result = await _executor.RunAsync(installed.Graph, script);

        result.AssertSuccess();
        Assert.Equal(expected.TrimEnd('\n'), string.Join('\n', result.Logs.Select(l => l.Message)));
    }

    [NpmFact]
    public async Task ExecuteAsync_HookSigningAndVerifyingHs256_ReturnsTheClaims()
    {
        const string Hook = """
            module.exports = function (user, context, cb) {
              var jwt = require('jsonwebtoken');
              var token = jwt.sign({ sub: user.id, scope: context.scope }, 'secret-key', { algorithm: 'HS256', expiresIn: '1h' });
              jwt.verify(token, 'secret-key', { algorithms: ['HS256'] }, function (err, claims) {
                cb(err, { sub: claims.sub, scope: claims.scope, lifetime: claims.exp - claims.iat, parts: token.split('.').length });
              });
            };
            """;

        var result = await _executor.RunAsync(installed.Graph, Hook, new System.Text.Json.Nodes.JsonObject { ["id"] = "u1" }, new System.Text.Json.Nodes.JsonObject { ["scope"] = "read" });

        Assert.Equal("""{"sub":"u1","scope":"read","lifetime":3600,"parts":3}""", result.AssertSuccess()!.ToJsonString());
    }

    [NpmFact]
    public async Task ExecuteAsync_HookSigningAndVerifyingRs256AndEs256_ReturnsTheClaims()
    {
        // jsonwebtoken 9 over the crypto built-ins: KeyObjects from PEM, RSA PKCS#1 v1.5 and ECDSA (ieee-p1363 in JWS).
        const string Hook = """
            module.exports = function (user, context, cb) {
              var jwt = require('jsonwebtoken');
              var crypto = require('crypto');
              var out = {};
              [['RS256', 'rsa', { modulusLength: 2048 }], ['ES256', 'ec', { namedCurve: 'P-256' }]].forEach(function (c) {
                var pair = crypto.generateKeyPairSync(c[1], Object.assign({
                  publicKeyEncoding: { type: 'spki', format: 'pem' },
                  privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }, c[2]));
                var token = jwt.sign({ sub: user.id }, pair.privateKey, { algorithm: c[0], keyid: 'k1' });
                var claims = jwt.verify(token, pair.publicKey, { algorithms: [c[0]] });
                var header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
                var tampered = token.slice(0, -4) + (token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA');
                var refused;
                try { jwt.verify(tampered, pair.publicKey, { algorithms: [c[0]] }); refused = 'no'; } catch (e) { refused = e.message; }
                out[c[0]] = [claims.sub, header.alg, header.kid, refused];
              });
              cb(null, out);
            };
            """;

        var result = await _executor.RunAsync(installed.Graph, Hook, new System.Text.Json.Nodes.JsonObject { ["id"] = "u1" }, new System.Text.Json.Nodes.JsonObject());

        Assert.Equal("""{"RS256":["u1","RS256","k1","invalid signature"],"ES256":["u1","ES256","k1","invalid signature"]}""", result.AssertSuccess()!.ToJsonString());
    }

    [NpmFact]
    public async Task ExecuteAsync_ThousandInvocationsRequiringLodash_ReadAndParseItOnce()
    {
        await _executor.RunAsync(installed.Graph, "module.exports = function (cb) { require('lodash'); cb(); };");
        // Counted for this class's installed packages only: other tests load their own packages at the same time.
        var reads = PackageFiles.DiskReadsUnder(installed.Folder);
        var preparations = PackageFiles.PreparationsUnder(installed.Folder);
        Assert.True(reads > 0 && preparations > 0, "lodash's files are counted under the installed folder");

        for (var i = 0; i < 20; i++)
        {
            (await _executor.RunAsync(installed.Graph, "module.exports = function (cb) { cb(null, require('lodash').VERSION); };")).AssertSuccess();
        }

        Assert.Equal(0, PackageFiles.DiskReadsUnder(installed.Folder) - reads);
        Assert.Equal(0, PackageFiles.PreparationsUnder(installed.Folder) - preparations);
    }

    /// <summary>lodash, uuid 11, moment and jsonwebtoken installed once by npm (no install scripts) for the class.</summary>
    public sealed class InstalledPackages() : NpmInstalledPackages("real-packages", ["lodash@4", "uuid@11", "moment@2", "jsonwebtoken@9", "jose@4"], TimeSpan.FromMinutes(5));
}

/// <summary>
/// A fact that needs npm and node on the machine (test.sh installs Debian's when missing, as the Auth0 SDK tests need
/// them too). Without them the test fails when it installs its packages, rather than being skipped: a skip would hide
/// that real packages were never checked.
/// </summary>
public sealed class NpmFactAttribute : FactAttribute
{
    internal static bool NpmAvailable => Available.Value;

    private static readonly Lazy<bool> Available = new(() =>
    {
        if (!NodeOracle.IsAvailable)
        {
            return false;
        }

        try
        {
            var outcome = ChildProcess.RunAsync("npm", ["--version"], Path.GetTempPath(), TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
            return outcome.ExitCode == 0 && Regex.IsMatch(outcome.StandardOutput, @"^\d+\.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });
}
