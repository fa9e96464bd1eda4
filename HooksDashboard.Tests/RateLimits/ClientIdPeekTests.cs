using System.Text;
using HooksDashboard.RateLimits;
using HooksDashboard.Runtime;
using Microsoft.AspNetCore.Http;

namespace HooksDashboard.Tests.RateLimits;

/// <summary>The limiter's client-id peek reads the body with the runtime endpoints' own reader, once per request.</summary>
public sealed class ClientIdPeekTests
{
    private static DefaultHttpContext Request(string contentType, string body)
    {
        var context = new DefaultHttpContext();
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new RateLimitedEndpoint(RateLimitScope.Token)), "token"));
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        return context;
    }

    [Theory]
    [InlineData("application/json", """{"grant_type":"client_credentials","client_id":"abc123"}""")]
    [InlineData("application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=abc123")]
    public async Task PeekClientIdAsync_Body_EndpointGetsItWithoutReadingTheBodyAgain(string contentType, string body)
    {
        var context = Request(contentType, body);

        await RequestRateLimits.PeekClientIdAsync(context);
        // Any second read of the request body would now fail.
        context.Request.Body = new UnreadableStream();
        var read = await RuntimeRequestBody.ReadAsync(context.Request, [], CancellationToken.None);

        Assert.Equal("abc123", context.Items[RequestRateLimits.ClientIdItem]);
        Assert.Equal("abc123", RuntimeRequestBody.String(read.Value!, "client_id"));
    }

    [Fact]
    public async Task PeekClientIdAsync_MalformedJson_NoClientIdAndTheEndpointGetsTheSameProblem()
    {
        var context = Request("application/json", """{"client_id":"abc123",""");

        await RequestRateLimits.PeekClientIdAsync(context);
        var read = await RuntimeRequestBody.ReadAsync(context.Request, [], CancellationToken.None);

        Assert.False(context.Items.ContainsKey(RequestRateLimits.ClientIdItem));
        Assert.Null(read.Value);
        Assert.NotNull(read.Problem);
    }

    [Fact]
    public async Task PeekClientIdAsync_ClientIdNotAString_NoClientId()
    {
        var context = Request("application/json", """{"client_id":42}""");

        await RequestRateLimits.PeekClientIdAsync(context);

        Assert.False(context.Items.ContainsKey(RequestRateLimits.ClientIdItem));
    }

    private sealed class UnreadableStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("The body was read a second time.");
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The body was read a second time.");
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The body was read a second time.");
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
