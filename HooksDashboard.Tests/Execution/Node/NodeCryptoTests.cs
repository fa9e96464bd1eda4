using HooksDashboard.Execution;
using HooksDashboard.Execution.Node;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Node;

/// <summary>
/// The bounds <c>crypto</c> puts on host work, what it refuses, its isolation between invocations, and signatures made
/// here verified by node (Node's behaviour itself is checked by <c>Cases/crypto*.js</c>).
/// </summary>
public class NodeCryptoTests
{
    private readonly JintHookExecutor _executor = new();

    [Fact]
    public async Task ExecuteAsync_HashInputBeyondLimit_ThrowsInputTooLarge()
    {
        var result = await _executor.RunAsync($$"""
            module.exports = function (cb) {
              var hash = require('crypto').createHash('sha256').update(new Uint8Array({{NodeCrypto.MaxDigestInput - 1}}));
              try { hash.update('ab'); } catch (e) { cb(null, e.name + ' ' + e.code + ' ' + e.message); }
            };
            """);

        Assert.Equal($"RangeError ERR_HOOKS_INPUT_TOO_LARGE crypto input is limited to {NodeCrypto.MaxDigestInput} bytes in HooksDashboard hooks",
            result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_HashInputAtLimit_Digests()
    {
        var result = await _executor.RunAsync($$"""
            module.exports = function (cb) {
              cb(null, require('crypto').createHmac('sha1', 'k').update(new Uint8Array({{NodeCrypto.MaxDigestInput}})).digest('hex').length);
            };
            """);

        Assert.Equal(40, result.AssertSuccess()!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_RandomBytesBeyondLimit_ThrowsInputTooLarge()
    {
        var result = await _executor.RunAsync($$"""
            module.exports = function (cb) {
              try { require('crypto').randomBytes({{NodeCrypto.MaxRandomBytes + 1}}); } catch (e) { cb(null, e.code + ' ' + e.message); }
            };
            """);

        Assert.Equal($"ERR_HOOKS_INPUT_TOO_LARGE randomBytes is limited to {NodeCrypto.MaxRandomBytes} bytes per call in HooksDashboard hooks",
            result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_DigestWithoutEncoding_ReturnsUint8ArrayOfTheDigest()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var d = require('crypto').createHash('md5').update('a').digest();
              cb(null, Object.prototype.toString.call(d) + ' ' + Array.from(d, function (b) { return b.toString(16).padStart(2, '0'); }).join(''));
            };
            """);

        Assert.Equal("[object Uint8Array] 0cc175b9c0f1b6a831c399e269772661", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_ScryptMemoryBeyondLimit_ThrowsInputTooLarge()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              try { require('crypto').scryptSync('p', 's', 16, { N: 65536, r: 8, maxmem: 2 ** 30 }); }
              catch (e) { cb(null, e.name + ' ' + e.code + ' ' + e.message); }
            };
            """);

        Assert.Equal($"RangeError ERR_HOOKS_INPUT_TOO_LARGE scrypt memory (128 * N * r bytes) is limited to {NodeCryptoKdf.MaxScryptMemory} bytes in HooksDashboard hooks",
            result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_Pbkdf2IterationsBeyondLimit_ThrowsInputTooLarge()
    {
        var result = await _executor.RunAsync($$"""
            module.exports = function (cb) {
              try { require('crypto').pbkdf2Sync('p', 's', {{NodeCryptoKdf.MaxPbkdf2Iterations + 1}}, 32, 'sha256'); }
              catch (e) { cb(null, e.code + ' ' + e.message); }
            };
            """);

        Assert.Equal($"ERR_HOOKS_INPUT_TOO_LARGE pbkdf2 is limited to {NodeCryptoKdf.MaxPbkdf2Iterations} iterations in HooksDashboard hooks",
            result.AssertSuccess()!.GetValue<string>());
    }

    [Theory]
    [InlineData("require('crypto').scryptSync('p', 's', 32, { N: 16384, r: 8, p: 1000 })")]
    [InlineData("require('crypto').pbkdf2Sync('p', 's', 10000000, 1048576, 'sha512')")]
    [InlineData("require('crypto').pbkdf2('p', 's', 10000000, 1048576, 'sha512', function () {})")]
    public async Task ExecuteAsync_DerivationFarLongerThanTheTimeLimit_EndsAtTheDeadline(string call)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await _executor.RunAsync(new ExecutionLimits { TimeoutMs = 300 }, $$"""
            module.exports = function (cb) { {{call}}; };
            """);

        result.AssertError(ExecutionErrorKind.Timeout);
        // Not a performance goal: run to completion these take minutes to hours, so ending within this generous bound
        // shows the loops stopped at the deadline rather than after the work.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task ExecuteAsync_CipherInputBeyondLimit_ThrowsInputTooLarge()
    {
        var result = await _executor.RunAsync($$"""
            module.exports = function (cb) {
              var c = require('crypto').createCipheriv('aes-128-ctr', Buffer.alloc(16), Buffer.alloc(16));
              c.update(new Uint8Array({{NodeCrypto.MaxDigestInput}}));
              try { c.update('a'); } catch (e) { cb(null, e.code); }
            };
            """);

        Assert.Equal("ERR_HOOKS_INPUT_TOO_LARGE", result.AssertSuccess()!.GetValue<string>());
    }

    [Theory]
    [InlineData("require('crypto').generateKeyPairSync('rsa', { modulusLength: 8192 })", "RSA keys of 512 to 4096 bits (a multiple of 8) can be generated in HooksDashboard hooks; received 8192")]
    [InlineData("require('crypto').generateKeyPairSync('dsa', { modulusLength: 2048 })", "dsa keys are not supported in HooksDashboard hooks (rsa, ec, ed25519, ed448, x25519 and x448 keys are)")]
    [InlineData("require('crypto').generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'x' })", "Encrypting ed25519 private keys is not supported in HooksDashboard hooks")]
    [InlineData("require('crypto').createPrivateKey('-----BEGIN RSA PRIVATE KEY-----\\nProc-Type: 4,ENCRYPTED\\nDEK-Info: AES-128-CBC,00\\n\\nAAAA\\n-----END RSA PRIVATE KEY-----\\n')", "Encrypted PEM keys in OpenSSL's legacy format (Proc-Type/DEK-Info) are not supported in HooksDashboard hooks: use an encrypted PKCS#8 key (BEGIN ENCRYPTED PRIVATE KEY)")]
    [InlineData("require('crypto').generateKeyPairSync('rsa', { modulusLength: 1024, publicExponent: 3 })", "RSA keys are generated with the public exponent 65537 only in HooksDashboard hooks")]
    [InlineData("require('crypto').createECDH('Oakley-EC2N-3')", "The EC curve Oakley-EC2N-3 is not supported in HooksDashboard hooks")]
    [InlineData("require('crypto').getDiffieHellman('modp14')", "crypto.getDiffieHellman (finite-field Diffie-Hellman) is not supported in HooksDashboard hooks; crypto.createECDH and crypto.diffieHellman with ec, x25519 or x448 keys are")]
    [InlineData("new (require('crypto').DiffieHellmanGroup)('modp14')", "crypto.DiffieHellmanGroup (finite-field Diffie-Hellman) is not supported in HooksDashboard hooks; crypto.createECDH and crypto.diffieHellman with ec, x25519 or x448 keys are")]
    [InlineData("require('crypto').createDiffieHellman(2048)", "crypto.createDiffieHellman (finite-field Diffie-Hellman) is not supported in HooksDashboard hooks; crypto.createECDH and crypto.diffieHellman with ec, x25519 or x448 keys are")]
    public async Task ExecuteAsync_UnsupportedKeyOperation_ThrowsClearError(string call, string message)
    {
        var result = await _executor.RunAsync($$"""
            module.exports = function (cb) {
              try { {{call}}; cb(null, 'no error'); } catch (e) { cb(null, e.code + ': ' + e.message); }
            };
            """);

        Assert.Equal("ERR_HOOKS_CRYPTO_UNSUPPORTED: " + message, result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_Ed25519KeyAndSignatureMadeHere_NodeVerifiesThemAndWeVerifyNodes()
    {
        // A key pair generated here signs; node verifies with the exported public PEM. Node's pair signs; we verify.
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var crypto = require('crypto');
              var pair = crypto.generateKeyPairSync('ed25519');
              var signature = crypto.sign(null, Buffer.from('made in a hook'), pair.privateKey);
              cb(null, [pair.publicKey.export({ format: 'pem', type: 'spki' }), signature.toString('base64')]);
            };
            """);
        var ours = result.AssertSuccess()!.AsArray();
        var publicPem = ours[0]!.GetValue<string>();
        var signature = ours[1]!.GetValue<string>();
        if (NodeOracle.RunCode($$"""
            const c = require('crypto');
            console.log(c.verify(null, Buffer.from('made in a hook'), {{System.Text.Json.JsonSerializer.Serialize(publicPem)}}, Buffer.from('{{signature}}', 'base64')));
            const p = c.generateKeyPairSync('ed25519');
            console.log(JSON.stringify([p.publicKey.export({ format: 'jwk' }).x, c.sign(null, Buffer.from('made in node'), p.privateKey).toString('base64')]));
            """) is not { } nodeOutput)
        {
            return;
        }

        var lines = nodeOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("true", lines[0].Trim());
        var fromNode = System.Text.Json.Nodes.JsonNode.Parse(lines[1])!.AsArray();
        var check = await _executor.RunAsync($$"""
            module.exports = function (cb) {
              var crypto = require('crypto');
              var key = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: '{{fromNode[0]!.GetValue<string>()}}' }, format: 'jwk' });
              var signature = Buffer.from('{{fromNode[1]!.GetValue<string>()}}', 'base64');
              cb(null, [crypto.verify(null, Buffer.from('made in node'), key, signature), crypto.verify(null, Buffer.from('made in nodE'), key, signature)]);
            };
            """);
        var verdicts = check.AssertSuccess()!.AsArray();
        Assert.True(verdicts[0]!.GetValue<bool>());
        Assert.False(verdicts[1]!.GetValue<bool>());
    }

    [Fact]
    public async Task ExecuteAsync_X25519WithASmallOrderPublicKey_FailsAsNodeDoes()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var crypto = require('crypto');
              var zero = Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), Buffer.alloc(32)]);
              var publicKey = crypto.createPublicKey({ key: zero, format: 'der', type: 'spki' });
              try { crypto.diffieHellman({ privateKey: crypto.generateKeyPairSync('x25519').privateKey, publicKey: publicKey }); cb(null, 'no error'); }
              catch (e) { cb(null, e.code + ': ' + e.message); }
            };
            """);

        Assert.Equal("ERR_OSSL_FAILED_DURING_DERIVATION: error:1C8000A4:Provider routines::failed during derivation", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_KeyObjectPrototypeChangedByOneInvocation_IsNotSeenByTheNext()
    {
        const string script = """
            module.exports = function (cb) {
              var crypto = require('crypto');
              var before = typeof crypto.KeyObject.prototype.equals + ' ' + typeof globalThis.crypto.subtle.digest;
              delete crypto.KeyObject.prototype.equals;
              Object.getPrototypeOf(crypto.subtle).digest = null;
              var key = crypto.createSecretKey(Buffer.from('k'));
              cb(null, before + ' ' + Object.getOwnPropertyNames(key).length);
            };
            """;

        var first = await _executor.RunAsync(script);
        var second = await _executor.RunAsync(script);

        // A KeyObject has no own properties: its bytes are in the module's private state, not on the object.
        Assert.Equal("function function 0", first.AssertSuccess()!.GetValue<string>());
        Assert.Equal("function function 0", second.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_SignaturesMadeByAHook_VerifyInNode()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var crypto = require('crypto');
              var rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
              var ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
              var data = Buffer.from('signed by a hook');
              var pss = crypto.constants.RSA_PKCS1_PSS_PADDING;
              cb(null, {
                rsa: rsa.publicKey.export({ type: 'spki', format: 'pem' }),
                ec: ec.publicKey.export({ type: 'spki', format: 'pem' }),
                pkcs1: crypto.sign('sha256', data, rsa.privateKey).toString('base64'),
                pssMax: crypto.sign('sha256', data, { key: rsa.privateKey, padding: pss }).toString('base64'),
                pss20: crypto.sign('sha512', data, { key: rsa.privateKey, padding: pss, saltLength: 20 }).toString('base64'),
                pssDigest: crypto.sign('sha256', data, { key: rsa.privateKey, padding: pss, saltLength: -1 }).toString('base64'),
                ecDer: crypto.sign('sha384', data, ec.privateKey).toString('base64'),
                ecP1363: crypto.sign('sha256', data, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64'),
              });
            };
            """);

        var made = result.AssertSuccess()!.AsObject();
        var verified = NodeOracle.RunScript($$"""
            const crypto = require('crypto');
            const m = {{made.ToJsonString()}};
            const data = Buffer.from('signed by a hook');
            const pss = crypto.constants.RSA_PKCS1_PSS_PADDING;
            console.log([
              crypto.verify('sha256', data, m.rsa, Buffer.from(m.pkcs1, 'base64')),
              crypto.verify('sha256', data, { key: m.rsa, padding: pss }, Buffer.from(m.pssMax, 'base64')),
              crypto.verify('sha256', data, { key: m.rsa, padding: pss, saltLength: 222 }, Buffer.from(m.pssMax, 'base64')),
              crypto.verify('sha512', data, { key: m.rsa, padding: pss, saltLength: 20 }, Buffer.from(m.pss20, 'base64')),
              crypto.verify('sha256', data, { key: m.rsa, padding: pss, saltLength: 32 }, Buffer.from(m.pssDigest, 'base64')),
              crypto.verify('sha384', data, m.ec, Buffer.from(m.ecDer, 'base64')),
              crypto.verify('sha256', data, { key: m.ec, dsaEncoding: 'ieee-p1363' }, Buffer.from(m.ecP1363, 'base64')),
              crypto.verify('sha256', Buffer.from('other'), m.rsa, Buffer.from(m.pkcs1, 'base64')),
            ].join(' '));
            """);
        if (verified is null)
        {
            return;
        }

        Assert.Equal("true true true true true true true false", verified.Trim());
    }
}
