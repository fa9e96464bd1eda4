using HooksDashboard.Execution;
using HooksDashboard.Execution.Node;

namespace HooksDashboard.Tests.Execution.Node;

/// <summary>
/// A zlib stream's host codec (<see cref="ZlibCodec"/>, native for brotli) is freed when the stream ends, errors or is
/// destroyed, and with the invocation's engine when the hook leaves it open: nothing is kept per invocation. The count of
/// live codecs is process-wide, so this class runs in the serial collection.
/// </summary>
[Collection(nameof(HeapMeasuringTests))]
public class NodeZlibStreamReleaseTests
{
    private readonly JintHookExecutor _executor = new();

    [Fact]
    public async Task ExecuteAsync_StreamsEndedErroredOrDestroyed_ReleaseTheirCodecs()
    {
        var before = ZlibCodec.Live;

        var result = await _executor.RunAsync("""
            const zlib = require('zlib');
            module.exports = function (cb) {
              const packed = zlib.gzipSync('x'.repeat(5000));
              const kinds = ['createGzip', 'createGunzip', 'createDeflate', 'createInflate', 'createBrotliCompress', 'createBrotliDecompress'];
              let pending = 0;
              const done = () => { if (--pending === 0) cb(null, 'all closed'); };
              for (let i = 0; i < 30; i++) {
                const stream = zlib[kinds[i % kinds.length]]();
                pending++;
                stream.on('close', done);
                stream.on('error', () => {});
                stream.resume();
                if (i % 3 === 0) stream.end(i % 6 === 1 ? packed : 'plain text');
                else if (i % 3 === 1) { stream.write(packed.subarray(0, 10)); setImmediate(() => stream.destroy()); }
                else stream.end(Buffer.from('not compressed data at all'));
              }
            };
            """);

        Assert.Equal("all closed", result.AssertSuccess()!.GetValue<string>());
        Assert.Equal(before, ZlibCodec.Live);
    }

    [Fact]
    public async Task ExecuteAsync_StreamsLeftOpen_AreReleasedWithTheEngine()
    {
        var before = ZlibCodec.Live;

        var result = await _executor.RunAsync("""
            const zlib = require('zlib');
            module.exports = function (cb) {
              const open = [zlib.createGunzip(), zlib.createBrotliCompress(), zlib.createDeflateRaw(), zlib.createBrotliDecompress()];
              open[0].write(zlib.gzipSync('half').subarray(0, 12));
              open[1].write('some input');
              cb(null, open.length);
            };
            """);

        Assert.Equal(4, result.AssertSuccess()!.GetValue<int>());
        Assert.Equal(before, ZlibCodec.Live);
    }
}
