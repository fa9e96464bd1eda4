using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Modules;

/// <summary>
/// The newest versions of HTTP clients and vendor SDKs hooks use whose code, or a dependency's, is ES modules only:
/// got 14 (<c>"type": "module"</c>), jwks-rsa 4 (over jose 6, also used directly for JWEs) and @vonage/server-sdk 3.30 (@vonage/jwt over uuid 14),
/// installed once by npm at pinned versions (category <c>Registry</c>, like <see cref="RealCloudSdksTests"/>). Each
/// script runs in node and as a hook against one recording loopback server: the hook prints what node prints and sends
/// the same requests, and the test pins what matters in them.
/// </summary>
[Trait("Category", "Registry")]
public sealed class RealEsmClientsTests(RealEsmClientsTests.InstalledClients installed) : IClassFixture<RealEsmClientsTests.InstalledClients>
{
    // got 14 is an ES module: require() gives its namespace (the function is `default`, also named `got`), as import() does.
    private const string Got = """
        var got = require('got').default;
        var done = got.post('__SERVER__/crm/contacts', { json: { email: 'a@example.com' }, searchParams: { source: 'signup' }, headers: { 'x-api-key': 'k1' }, retry: { limit: 0 } }).json()
          .then(function (body) { console.log('created', body.id, body.plan); return got('__SERVER__/status/500', { retry: { limit: 0 } }); })
          .catch(function (e) { console.log(e.name, e.code, e.response.statusCode, e.response.body, e.message); })
          .then(function () { return import('got'); })
          .then(function (ns) {
            console.log(ns.default === got, ns.got === got, typeof ns.HTTPError);
            return ns.got.extend({ prefixUrl: '__SERVER__/crm', headers: { 'x-api-key': 'k2' } }).get('contacts/c-1', { retry: { limit: 0 } }).json();
          })
          .then(function (body) { console.log('extended', body.id, body.plan); }, function (e) { console.log('error', e.name, e.message); });
        module.exports = function (cb) { done.then(function () { cb(); }); };
        """;

    private const string JwksRsa = """
        var jwt = require('jsonwebtoken');
        var jwksRsa = require('jwks-rsa');
        var client = jwksRsa({ jwksUri: '__SERVER__/.well-known/jwks.json', cache: true, rateLimit: true });
        var done = client.getSigningKey('key-1').then(function (key) {
          console.log(key.kid, key.alg, key.getPublicKey().split('\n')[0], key.rsaPublicKey === key.getPublicKey());
          console.log(jwt.verify('__TOKEN__', key.getPublicKey(), { algorithms: ['RS256'], issuer: 'https://tenant.example.com/' }));
          return client.getSigningKey('key-1');
        }).then(function (again) {
          console.log('cached', again.kid);
          return client.getSigningKey('unknown').catch(function (e) { console.log(e.name, e.message); });
        }).catch(function (e) { console.log('error', e.name, e.message); });
        module.exports = function (cb) { done.then(function () { cb(); }); };
        """;

    private const string Vonage = """
        var Vonage = require('@vonage/server-sdk').Vonage;
        var Auth = require('@vonage/auth').Auth;
        var vonage = new Vonage(new Auth({ apiKey: 'key', apiSecret: 'secret' }), { restHost: '__SERVER__' });
        console.log(typeof vonage.sms.send, typeof vonage.messages.send);
        var done = vonage.sms.send({ to: '15555550100', from: 'Hooks', text: 'Your code is 123456' })
          .then(function (r) { console.log('vonage', r.messageCount, r.messages[0].messageId, r.messages[0].status, r.messages[0].remainingBalance); }, function (e) { console.log('vonage error', e.message); });
        module.exports = function (cb) { done.then(function () { cb(); }); };
        """;

    // jose 6 (jwks-rsa's) encrypting and decrypting JWEs on Web Crypto: RSA-OAEP, ECDH-ES (+ AES key wrap), AES key
    // wrap, AES-GCM key wrap, dir and PBES2 with AES-GCM and AES-CBC-HMAC content. Keys are random: the plaintexts,
    // headers and errors are printed. jose encodes with Uint8Array.prototype.toBase64 where it exists (not in Node 20).
    private const string JoseJwe = """
        var jose = require('jose');
        var cases = [['RSA-OAEP-256', 'A256GCM', 'RSA-OAEP-256'], ['RSA-OAEP', 'A128CBC-HS256', 'RSA-OAEP'], ['ECDH-ES+A128KW', 'A192GCM', 'ECDH-ES+A128KW'],
          ['ECDH-ES', 'A256CBC-HS512', 'ECDH-ES'], ['A256KW', 'A128GCM', null], ['dir', 'A256GCM', null], ['A128GCMKW', 'A256GCM', null], ['PBES2-HS256+A128KW', 'A128GCM', null]];
        var done = cases.reduce(function (previous, c) {
          return previous.then(async function () {
            var alg = c[0], enc = c[1], encKey, decKey;
            if (c[2]) { var pair = await jose.generateKeyPair(c[2]); encKey = pair.publicKey; decKey = pair.privateKey; }
            else if (alg.indexOf('PBES2') === 0) { encKey = decKey = new TextEncoder().encode('a password'); }
            else { encKey = decKey = await jose.generateSecret(alg === 'dir' ? enc : alg); }
            var jwe = await new jose.CompactEncrypt(new TextEncoder().encode('claims for ' + alg)).setProtectedHeader({ alg: alg, enc: enc }).encrypt(encKey);
            var result = await jose.compactDecrypt(jwe, decKey, { keyManagementAlgorithms: [alg] });
            console.log(alg, enc, jwe.split('.').length, new TextDecoder().decode(result.plaintext), result.protectedHeader.enc);
          });
        }, Promise.resolve()).then(async function () {
          var secret = await jose.generateSecret('A256KW');
          var token = await new jose.EncryptJWT({ sub: 'u1' }).setProtectedHeader({ alg: 'A256KW', enc: 'A256GCM' }).setIssuedAt(1).encrypt(secret);
          console.log((await jose.jwtDecrypt(token, secret)).payload);
          try { await jose.compactDecrypt(token.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAA'), secret); } catch (e) { console.log(e.code, e.message); }
        }).catch(function (e) { console.log('error', e.name, e.message); });
        module.exports = function (cb) { done.then(function () { cb(); }); };
        """;

    private static CannedResponse Answer(RecordedRequest request) => request switch
    {
        { Method: "POST", Target: "/crm/contacts?source=signup" } => new(201, "application/json", """{"id":"c-1","plan":"pro"}"""),
        { Method: "GET", Target: "/crm/contacts/c-1" } => new(200, "application/json", """{"id":"c-1","plan":"free"}"""),
        { Target: "/status/500" } => new(500, "text/plain", "status 500"),
        _ => RealCloudSdksTests.Answer(request),
    };

    private Task AssertSendsWhatNodeSendsAsync(string name, string script, Action<IReadOnlyList<RecordedRequest>> check) =>
        RealCloudSdksTests.AssertSendsWhatNodeSendsAsync(installed, Answer, name, script, check);

    [NpmFact]
    public Task ExecuteAsync_Got14RequiredAndImported_SendsWhatNodeSendsAndReadsTheAnswers() =>
        AssertSendsWhatNodeSendsAsync("got14", Got, static requests =>
        {
            Assert.Equal(["POST /crm/contacts?source=signup", "GET /status/500", "GET /crm/contacts/c-1"], requests.Select(static r => r.Method + " " + r.Target));
            Assert.Equal("""{"email":"a@example.com"}""", requests[0].Body);
            Assert.Equal("application/json", requests[0].Header("content-type"));
            Assert.Equal("application/json", requests[0].Header("accept"));
            Assert.Equal("k1", requests[0].Header("x-api-key"));
            Assert.Equal("k2", requests[2].Header("x-api-key"));
            Assert.All(requests, static r => Assert.Equal("got (https://github.com/sindresorhus/got)", r.Header("user-agent")));
        });

    [NpmFact]
    public Task ExecuteAsync_JwksRsa4OverHttp_FetchesOnceAndVerifiesAsNodeDoes() =>
        AssertSendsWhatNodeSendsAsync("jwks-rsa4", JwksRsa, static requests =>
            Assert.Equal(["GET /.well-known/jwks.json", "GET /.well-known/jwks.json"], requests.Select(static r => r.Method + " " + r.Target)));

    [NpmFact]
    public Task ExecuteAsync_Jose6Jwe_EncryptsAndDecryptsAsNodeDoes() =>
        AssertSendsWhatNodeSendsAsync("jose6-jwe", JoseJwe, static requests => Assert.Empty(requests));

    [NpmFact]
    public Task ExecuteAsync_Vonage330SmsSend_SendsWhatNodeSendsAndReadsTheAnswer() =>
        AssertSendsWhatNodeSendsAsync("vonage330", Vonage, static requests =>
        {
            var request = Assert.Single(requests);
            Assert.Equal("POST /sms/json", request.Method + " " + request.Target);
            Assert.Equal("Basic " + Convert.ToBase64String("key:secret"u8), request.Header("authorization"));
            Assert.Equal("application/json", request.Header("content-type"));
            Assert.Equal("""{"to":"15555550100","from":"Hooks","text":"Your code is 123456"}""", request.Body);
        });

    /// <summary>got 14.6.5, jwks-rsa 4.1.0 (jose 6) with jsonwebtoken 9.0.3, @vonage/server-sdk 3.30.1; installed once by npm (no install scripts).</summary>
    public sealed class InstalledClients() : NpmInstalledPackages("real-esm-clients", ["got@14.6.5", "jwks-rsa@4.1.0", "jsonwebtoken@9.0.3", "@vonage/server-sdk@3.30.1"], TimeSpan.FromMinutes(8));
}
