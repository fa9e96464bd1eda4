using HooksDashboard.Execution;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Modules;

/// <summary>
/// The vendor SDKs hooks use (twilio, aws-sdk v2, @aws-sdk/client-sns v3, jwks-rsa, @vonage/server-sdk, nexmo), real
/// published versions installed once by npm (category <c>Registry</c>, like <see cref="RealPackagesTests"/>): each
/// loads inside a hook and builds its requests as node does (same output, node running the same file). Versions are
/// pinned; @vonage/server-sdk is 3.25.1, the last whose HTTP client is node-fetch 2 (CommonJS; later ones require
/// node-fetch 3, ES modules only).
/// </summary>
[Trait("Category", "Registry")]
public sealed class RealCloudSdksTests(RealCloudSdksTests.InstalledSdks installed) : IClassFixture<RealCloudSdksTests.InstalledSdks>
{
    // SigV4 over a frozen clock (the service's skew-corrected date), so the signature is the same in node and here.
    private const string AwsSdkV2 = """
        process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
        process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
        process.env.AWS_REGION = 'us-east-1';
        process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
        var AWS = require('aws-sdk');
        function frozen(service) { service.getSkewCorrectedDate = function () { return new Date('2024-05-06T07:08:09Z'); }; return service; }
        function build(request) {
          return new Promise(function (resolve) {
            request.removeListener('send', AWS.EventListeners.Core.SEND);
            request.runTo('send', function () {
              var h = request.httpRequest;
              console.log(h.method, h.endpoint.href, h.path);
              Object.keys(h.headers).sort().forEach(function (k) { console.log(' ', k + ':', h.headers[k]); });
              console.log(' ', h.body);
              resolve();
            });
          });
        }
        var sns = frozen(new AWS.SNS({ apiVersion: '2010-03-31' }));
        var events = frozen(new AWS.CloudWatchEvents({ region: 'eu-west-1', accessKeyId: 'AKIDOTHER', secretAccessKey: 'other-secret' }));
        var done = build(sns.publish({ Message: 'Your code is 123456', PhoneNumber: '+15555550100' }))
          .then(function () { return build(events.putEvents({ Entries: [{ Source: 'hooks.signup', DetailType: 'user', Detail: JSON.stringify({ id: 'u1' }) }] })); });
        module.exports = function (cb) { done.then(function () { cb(); }, cb); };
        """;

    // The v3 client's own requestHandler option receives the signed request; the random invocation id (signed too)
    // and the current date make the signature itself differ between runs, so its scope and signed headers are shown.
    // The SDK's Node-version notice is switched off: it is a process.nextTick queued by the module body, which the
    // executor runs after the body's promise jobs (docs/design.md, built-ins known gap 1), so it would print later
    // than in node.
    private const string AwsSdkV3 = """
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
        var sns = require('@aws-sdk/client-sns');
        var client = new sns.SNSClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
          requestHandler: { handle: function (request) {
            console.log(request.method, request.protocol, request.hostname, request.path, JSON.stringify(request.query));
            Object.keys(request.headers).sort().forEach(function (k) {
              var v = request.headers[k];
              if (k === 'authorization') v = v.replace(/Credential=AKIDEXAMPLE\/\d{8}\//, 'Credential=AKIDEXAMPLE/<date>/').replace(/Signature=[0-9a-f]{64}$/, 'Signature=<64 hex>');
              if (k === 'x-amz-date') v = /^\d{8}T\d{6}Z$/.test(v);
              if (k === 'amz-sdk-invocation-id') v = /^[0-9a-f-]{36}$/.test(v);
              if (k === 'user-agent') v = v.replace(/ os\/\S+/, '');
              console.log(' ', k + ':', v);
            });
            console.log(' ', request.body);
            return Promise.reject(new Error('stop here'));
          } } });
        var done = client.send(new sns.PublishCommand({ Message: 'Your code is 123456', PhoneNumber: '+15555550100' }))
          .catch(function (e) { console.log(e.message); });
        module.exports = function (cb) { done.then(function () { cb(); }); };
        """;

    private const string Twilio = """
        var twilio = require('twilio');
        var client = twilio('AC0123456789abcdef0123456789abcdef', 'auth-token');
        console.log(client.accountSid, client.username, typeof client.messages.create, typeof client.api.v2010.account.messages.create);
        var params = { To: '+15555550100', From: '+15555550199', Body: 'Your code is 123456' };
        var signature = twilio.getExpectedTwilioSignature('auth-token', 'https://hooks.example.com/sms?x=1', params);
        console.log(signature, twilio.validateRequest('auth-token', signature, 'https://hooks.example.com/sms?x=1', params),
          twilio.validateRequest('auth-token', signature, 'https://hooks.example.com/other', params));
        module.exports = function (cb) { cb(); };
        """;

    // jwks-rsa's own fetcher option stands for the JWKS endpoint; the key is made in the script, so only what does not
    // depend on it is printed.
    private const string JwksRsa = """
        var crypto = require('crypto');
        var jwt = require('jsonwebtoken');
        var jwksClient = require('jwks-rsa');
        var pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
        var jwk = Object.assign(pair.publicKey.export({ format: 'jwk' }), { kid: 'key-1', use: 'sig', alg: 'RS256' });
        var client = jwksClient({ jwksUri: 'https://tenant.example.com/.well-known/jwks.json',
          fetcher: function (uri) { console.log('fetch', uri); return Promise.resolve({ keys: [jwk, { kty: 'oct', kid: 'ignored', k: 'AAAA' }] }); } });
        var token = jwt.sign({ sub: 'user-1' }, pair.privateKey, { algorithm: 'RS256', keyid: 'key-1', issuer: 'https://tenant.example.com/', noTimestamp: true });
        var done = client.getSigningKey('key-1').then(function (key) {
          console.log(key.kid, key.alg, key.getPublicKey().split('\n')[0], key.rsaPublicKey === key.getPublicKey());
          console.log(jwt.verify(token, key.getPublicKey(), { algorithms: ['RS256'], issuer: 'https://tenant.example.com/' }));
          return client.getSigningKey('unknown').catch(function (e) { console.log(e.name, e.message); });
        });
        module.exports = function (cb) { done.then(function () { cb(); }, cb); };
        """;

    private const string Vonage = """
        var Vonage = require('@vonage/server-sdk').Vonage;
        var Auth = require('@vonage/auth').Auth;
        var auth = new Auth({ apiKey: 'key', apiSecret: 'secret' });
        var vonage = new Vonage(auth);
        console.log(typeof vonage.sms.send, typeof vonage.messages.send);
        var Nexmo = require('nexmo');
        var nexmo = new Nexmo({ apiKey: 'key', apiSecret: 'secret' });
        console.log(typeof nexmo.message.sendSms, typeof nexmo.verify.request);
        var done = Promise.all([auth.createBasicHeader(), auth.getQueryParams({ to: '15555550100' })]).then(function (r) { console.log(r); });
        module.exports = function (cb) { done.then(function () { cb(); }, cb); };
        """;

    private readonly JintHookExecutor _executor = new();

    [NpmFact]
    public Task ExecuteAsync_AwsSdkV2SnsAndCloudWatchEvents_SignRequestsAsNodeDoes() => AssertPrintsWhatNodePrintsAsync("aws-sdk-v2", AwsSdkV2);

    [NpmFact]
    public Task ExecuteAsync_AwsSdkV3SnsPublish_BuildsTheSignedRequestNodeBuilds() => AssertPrintsWhatNodePrintsAsync("aws-sdk-v3", AwsSdkV3);

    [NpmFact]
    public Task ExecuteAsync_TwilioClient_LoadsAndSignsWebhooksAsNodeDoes() => AssertPrintsWhatNodePrintsAsync("twilio", Twilio);

    [NpmFact]
    public Task ExecuteAsync_JwksRsaGetSigningKey_VerifiesTokenAsNodeDoes() => AssertPrintsWhatNodePrintsAsync("jwks-rsa", JwksRsa);

    [NpmFact]
    public Task ExecuteAsync_VonageAndNexmoClients_LoadAsInNode() => AssertPrintsWhatNodePrintsAsync("vonage", Vonage);

    private async Task AssertPrintsWhatNodePrintsAsync(string name, string script)
    {
        var file = Path.Combine(installed.Folder, name + ".js");
        await File.WriteAllTextAsync(file, script);
        var expected = NodeOracle.RunFile(file) ?? throw new InvalidOperationException("node is required with npm");

        var result = await _executor.RunAsync(installed.Graph, script);

        result.AssertSuccess();
        // Warnings as ModuleLoaderCompatibilityTests compares them: the process id and node's "(Use `node --trace-...`" hint aside.
        Assert.Equal(ModuleLoaderCompatibilityTests.Normalize(expected), ModuleLoaderCompatibilityTests.Normalize(string.Join('\n', result.Logs.Select(l => l.Message))));
    }

    /// <summary>The SDKs installed once by npm (no install scripts) for the class, at pinned versions.</summary>
    public sealed class InstalledSdks : IDisposable
    {
        internal static readonly string[] Packages =
        [
            "twilio@5.8.2", "aws-sdk@2.1693.0", "@aws-sdk/client-sns@3.1178.0", "jwks-rsa@3.2.2", "jsonwebtoken@9.0.3",
            "@vonage/server-sdk@3.25.1", "nexmo@2.9.1",
        ];

        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("hooks-cloud-sdks-");

        public InstalledSdks()
        {
            Assert.True(NpmFactAttribute.NpmAvailable, "npm and node are needed to install the real packages (test.sh installs Debian's nodejs and npm when missing)");

            File.WriteAllText(Path.Combine(Folder, "package.json"), """{ "name": "cloud-sdks", "version": "1.0.0", "private": true }""");
            var outcome = ChildProcess.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", .. Packages],
                Folder, TimeSpan.FromMinutes(8)).GetAwaiter().GetResult();
            Assert.True(outcome.ExitCode == 0, $"npm install failed:\n{outcome}");
            Graph = NodeModulesGraph.FromFolder(Path.Combine(Folder, "node_modules"));
        }

        public string Folder => _folder.FullName;

        public PackageGraph Graph { get; }

        public void Dispose() => _folder.Delete(recursive: true);
    }
}
