using System.IO.Compression;
using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution.Node;

/// <summary>
/// The invocation's limits hold through <c>stream</c> and <c>zlib</c> (Node's behaviour itself is checked by
/// <c>Cases/stream_*.js</c> and <c>Cases/zlib.js</c>): a stream that never ends meets the time limit, a decompression
/// bomb the single-allocation limit, before its output exists.
/// </summary>
public class NodeStreamZlibTests
{
    // The default test time limit: the first require of buffer, stream and zlib in a cold process is slow on a busy machine.
    private static readonly ExecutionLimits Limits = ExecutorTestExtensions.TestLimits with { MaxAllocationBytes = 1024 * 1024 };

    private readonly JintHookExecutor _executor = new();

    [Fact]
    public async Task ExecuteAsync_StreamWritingForever_HitsTheTimeLimit()
    {
        var result = await _executor.RunAsync(Limits with { TimeoutMs = 1_000 }, """
            const { Readable, Writable } = require('stream');
            module.exports = function (cb) {
              const endless = new Readable({ read() { this.push('x'.repeat(1024)); } });
              endless.pipe(new Writable({ write(chunk, encoding, done) { setImmediate(done); } }));
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Timeout);
        Assert.Contains("1000 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ZlibBomb_IsLimitErrorBeforeTheOutputExists()
    {
        // 64 MiB of zeros gzip to about 64 KB: inflating it must stop at the 1 MiB single-allocation limit.
        var bomb = Gzip(new byte[64 * 1024 * 1024]);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = await _executor.RunAsync(Limits, $$"""
            module.exports = function (cb) {
              const out = require('zlib').gunzipSync(Buffer.from('{{Convert.ToBase64String(bomb)}}', 'base64'));
              cb(null, out.length);
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.Contains("zlib's gunzip output would exceed 1048576 bytes", error.Message, StringComparison.Ordinal);
        var allocatedMb = (GC.GetAllocatedBytesForCurrentThread() - before) / (1024 * 1024);
        Assert.True(allocatedMb < 32, $"allocated {allocatedMb} MB");
    }

    [Fact]
    public async Task ExecuteAsync_ZlibBombThroughStream_IsLimitError()
    {
        var bomb = Gzip(new byte[8 * 1024 * 1024]);

        var result = await _executor.RunAsync(Limits, $$"""
            module.exports = function (cb) {
              const gunzip = require('zlib').createGunzip();
              gunzip.on('data', () => {});
              gunzip.on('end', () => cb(null, 'inflated'));
              gunzip.end(Buffer.from('{{Convert.ToBase64String(bomb)}}', 'base64'));
            };
            """);

        result.AssertError(ExecutionErrorKind.Limit);
    }

    [Fact]
    public async Task ExecuteAsync_OutputWithinLimit_Inflates()
    {
        var packed = Gzip(new byte[512 * 1024]);

        var result = await _executor.RunAsync(Limits, $$"""
            module.exports = function (cb) {
              cb(null, require('zlib').gunzipSync(Buffer.from('{{Convert.ToBase64String(packed)}}', 'base64')).length);
            };
            """);

        Assert.Equal(512 * 1024, result.AssertSuccess()!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_TruncatedGzip_IsUnexpectedEndOfFile()
    {
        // .NET's inflaters return what they have for truncated input unless strict validation is on (NodeZlib sets it).
        var packed = Gzip(System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("hello world ", 500))));

        var result = await _executor.RunAsync(Limits, $$"""
            module.exports = function (cb) {
              try { require('zlib').gunzipSync(Buffer.from('{{Convert.ToBase64String(packed[..^10])}}', 'base64')); cb(null, 'no error'); }
              catch (e) { cb(null, e.code + ' ' + e.errno + ' ' + e.message); }
            };
            """);

        Assert.Equal("Z_BUF_ERROR -5 unexpected end of file", result.AssertSuccess()!.GetValue<string>());
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
