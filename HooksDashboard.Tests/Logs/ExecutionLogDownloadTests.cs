using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using HookInvocation = HooksDashboard.Hooks.HookInvocation;

namespace HooksDashboard.Tests.Logs;

/// <summary>The dashboard's JSON download over the real app, in process.</summary>
public sealed class ExecutionLogDownloadTests : IDisposable
{
    // The download is a dashboard endpoint: the requests come from a signed-in admin.
    private readonly AppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task RunAsync(string code, string requestId)
    {
        var runner = _factory.Services.GetRequiredService<IHookRunner>();
        await runner.RunAsync(new HookInvocation(PostChangePasswordPoint.TriggerId, code, null, new Dictionary<string, string>(), InvocationSource.Runtime)
        {
            RequestId = requestId,
        });
    }

    [Fact]
    public async Task Download_FilterByOutcome_StreamsMatchingRecordsAsAJsonAttachment()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        await RunAsync("module.exports = function (user, context, cb) { cb(null, {}); };", "ok-1");
        await RunAsync("module.exports = function (user, context, cb) { cb(new Error('nope')); };", "bad-1");
        await _factory.Services.GetRequiredService<IExecutionLog>().FlushAsync();

        using var response = await client.GetAsync(ExecutionLogEndpoints.DownloadUrl(new ExecutionLogFilter(Outcome: HooksDashboard.Execution.ExecutionStatus.Error)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var records = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        var record = Assert.Single(records)!;
        Assert.Equal("bad-1", (string?)record["requestId"]);
        Assert.Equal("error", (string?)record["outcome"]);
        Assert.Equal("runtime", (string?)record["source"]);
        Assert.Equal("nope", (string?)record["error"]!["message"]);
        Assert.Equal("Username-Password-Authentication", (string?)record["payload"]!["context"]!["connection"]!["name"]);
    }

    [Fact]
    public async Task Download_Anonymous_SentToSignIn()
    {
        using var client = _factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri(ExecutionLogEndpoints.DownloadPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("source=robot", "source must be runtime, test or cli, not 'robot'.")]
    [InlineData("outcome=maybe", "outcome must be success or error, not 'maybe'.")]
    [InlineData("from=yesterday", "from must be an ISO-8601 date and time, not 'yesterday'.")]
    public async Task Download_BadFilter_Is400WithTheReason(string query, string message)
    {
        using var client = await _factory.CreateSignedInClientAsync();

        using var response = await client.GetAsync(ExecutionLogEndpoints.DownloadPath + "?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }
}
