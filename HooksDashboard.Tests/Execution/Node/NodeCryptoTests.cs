using HooksDashboard.Execution;
using HooksDashboard.Execution.Node;

namespace HooksDashboard.Tests.Execution.Node;

/// <summary>The bounds <c>crypto</c> puts on host work (Node's behaviour itself is checked by <c>Cases/crypto.js</c>).</summary>
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
}
