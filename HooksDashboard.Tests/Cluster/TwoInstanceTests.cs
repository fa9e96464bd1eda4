using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using HooksDashboard.Tests.TestHelpers;
using Xunit.Abstractions;

namespace HooksDashboard.Tests.Cluster;

/// <summary>
/// Two real app processes on one PostgreSQL database, as behind a load balancer: a hook enabled on A runs on B, a
/// post-user-registration event queued by A runs exactly once, an event whose instance is killed (SIGKILL) mid-run is
/// completed by the other, and a token from A is accepted by B.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class TwoInstanceTests(TwoInstanceCluster cluster, ITestOutputHelper output) : IClassFixture<TwoInstanceCluster>
{
    private const string Claim = "https://cluster.test/checked-by";
    private static readonly string[] ClusterScopes = ["read:cluster"];

    [Fact]
    public async Task Token_IssuedByA_AcceptedByBsManagementApi()
    {
        var token = await TwoInstanceCluster.ManagementTokenAsync(cluster.A);
        using var atB = TwoInstanceCluster.ManagementClient(cluster.B, token);

        var hooks = await TwoInstanceCluster.SendAsync(atB, HttpMethod.Get, "hooks");

        Assert.IsType<JsonArray>(hooks);
    }

    [Fact]
    public async Task DashboardCookie_IssuedByA_AcceptedByB()
    {
        // Cookies are per host, not per port: the container sends A's cookie to B, as a browser behind a load balancer would.
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var atA = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(cluster.A.BaseUrl) };
        using var atB = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(cluster.B.BaseUrl) };
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(cluster.B.BaseUrl) };

        using var signIn = await AppFactory.PostSignInAsync(atA, TwoInstanceCluster.AdminEmail, TwoInstanceCluster.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var page = await atB.GetAsync(new Uri("/", UriKind.Relative));
        using var refused = await anonymous.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    [Fact]
    public async Task EnableOnA_CredentialsExchangeHookRunsOnB()
    {
        using var atA = TwoInstanceCluster.ManagementClient(cluster.A, await TwoInstanceCluster.ManagementTokenAsync(cluster.A));
        var script = $$"""
            module.exports = function (client, scope, audience, context, cb) {
              var token = { scope: scope };
              token['{{Claim}}'] = 'hook';
              cb(null, token);
            };
            """;
        var hook = await TwoInstanceCluster.SendAsync(atA, HttpMethod.Post, "hooks",
            new { name = "cluster-exchange", script, triggerId = "credentials-exchange", enabled = false });
        var id = hook!["id"]!.GetValue<string>();
        // Tokens for the Management API never run the hook (it must stay reachable to repair one): an API of our own.
        const string Audience = "https://api.cluster.test/";
        await TwoInstanceCluster.SendAsync(atA, HttpMethod.Post, "resource-servers",
            new { identifier = Audience, name = "Cluster API", scopes = new[] { new { value = "read:cluster", description = "read" } } });
        await TwoInstanceCluster.SendAsync(atA, HttpMethod.Post, "client-grants",
            new { client_id = TwoInstanceCluster.ClientId, audience = Audience, scope = ClusterScopes });
        try
        {
            // B learns of the new API and grant within its identity cache's age; then it serves (and caches) "no hook"
            // for the point just before the change.
            var clock = Stopwatch.StartNew();
            (string? Token, string Error) before;
            while ((before = await TwoInstanceCluster.TryTokenAsync(cluster.B, Audience)).Token is null && clock.Elapsed < TimeSpan.FromSeconds(30))
                await Task.Delay(50);
            Assert.True(before.Token is not null, before.Error);
            Assert.Null(ClaimOf(before.Token!));

            await TwoInstanceCluster.SendAsync(atA, HttpMethod.Patch, "hooks/" + id, new { enabled = true });

            clock.Restart();
            string? claim;
            while ((claim = ClaimOf((await TwoInstanceCluster.TryTokenAsync(cluster.B, Audience)).Token!)) is null && clock.Elapsed < TimeSpan.FromSeconds(30))
                await Task.Delay(20);
            Assert.Equal("hook", claim);
            // The NOTIFY path makes it milliseconds; the cache's own expiry alone would take up to 2 s. Not asserted
            // (no timed assertions on a shared machine): HookChangeListenerTests proves it with frozen clocks.
            output.WriteLine($"B ran the hook enabled on A after {clock.Elapsed.TotalMilliseconds:0} ms");
        }
        finally
        {
            await TwoInstanceCluster.SendAsync(atA, HttpMethod.Delete, "hooks/" + id);
        }
    }

    [Fact]
    public async Task UserCreatedOnA_PostRegistrationEventRunsExactlyOnce()
    {
        using var atA = TwoInstanceCluster.ManagementClient(cluster.A, await TwoInstanceCluster.ManagementTokenAsync(cluster.A));
        var hook = await TwoInstanceCluster.SendAsync(atA, HttpMethod.Post, "hooks", new
        {
            name = "cluster-registration-once",
            script = "module.exports = function (user, context, cb) { console.log('registered ' + user.email); cb(); };",
            triggerId = "post-user-registration",
            enabled = true,
        });
        var hookId = hook!["id"]!.GetValue<string>();
        try
        {
            // Both instances' workers are woken by the queued event (NOTIFY) and race for it.
            await TwoInstanceCluster.SendAsync(atA, HttpMethod.Post, "users", new
            {
                connection = "Username-Password-Authentication",
                email = "once@cluster.test",
                password = "Cluster-test-password-1",
            });

            var eventId = await WaitForEventAsync("once@cluster.test", "done", TimeSpan.FromSeconds(60));
            // Let both workers poll again (PollInterval 1 s): a second run would show as a second attempt or record.
            await Task.Delay(TimeSpan.FromSeconds(3));

            Assert.Equal(1L, await cluster.ScalarAsync<long>("SELECT attempts FROM hook_events WHERE id = @id", ("id", eventId)));
            Assert.Equal("done", await cluster.ScalarAsync<string>("SELECT status FROM hook_events WHERE id = @id", ("id", eventId)));
            Assert.Equal(1L, await cluster.ScalarAsync<long>(
                "SELECT COUNT(*) FROM execution_logs WHERE hook_id = @id AND outcome = 'success'", ("id", hookId)));
        }
        finally
        {
            await TwoInstanceCluster.SendAsync(atA, HttpMethod.Delete, "hooks/" + hookId);
        }
    }

    [Fact]
    public async Task InstanceKilledMidEvent_OtherInstanceCompletesItAfterTheLease()
    {
        using var held = new HeldLoopbackServer();
        using var atA = TwoInstanceCluster.ManagementClient(cluster.A, await TwoInstanceCluster.ManagementTokenAsync(cluster.A));
        var hook = await TwoInstanceCluster.SendAsync(atA, HttpMethod.Post, "hooks", new
        {
            name = "cluster-registration-slow",
            script = $$"""
                module.exports = function (user, context, cb) {
                  fetch('{{held.Url}}').then(function (r) { return r.text(); }).then(function () { cb(); }, cb);
                };
                """,
            triggerId = "post-user-registration",
            enabled = true,
        });
        var hookId = hook!["id"]!.GetValue<string>();
        var killed = -1;
        try
        {
            await TwoInstanceCluster.SendAsync(atA, HttpMethod.Post, "users", new
            {
                connection = "Username-Password-Authentication",
                email = "killed@cluster.test",
                password = "Cluster-test-password-1",
            });

            // The first run's request is held open: whichever instance makes it is the one processing the event.
            var firstCaller = await held.NextCallerPortAsync(TimeSpan.FromSeconds(60));
            killed = cluster.A.OwnsConnectionFrom(firstCaller) ? 0 : cluster.B.OwnsConnectionFrom(firstCaller) ? 1 : -1;
            Assert.True(killed >= 0, $"Neither instance (pids {cluster.A.ProcessId}, {cluster.B.ProcessId}) owns the connection from port {firstCaller}.");
            var victim = cluster.Instances[killed];
            output.WriteLine($"instance {(killed == 0 ? 'A' : 'B')} (pid {victim.ProcessId}) runs the event: kill -9");
            victim.Kill();
            Assert.True(victim.HasExited);
            // From now on the server answers: the survivor's run, after the lease ran out, completes.
            held.AnswerFromNowOn();

            var eventId = await WaitForEventAsync("killed@cluster.test", "done", TimeSpan.FromSeconds(90));

            Assert.Equal(2L, await cluster.ScalarAsync<long>("SELECT attempts FROM hook_events WHERE id = @id", ("id", eventId)));
            Assert.Equal(1L, await cluster.ScalarAsync<long>(
                "SELECT COUNT(*) FROM execution_logs WHERE hook_id = @id AND outcome = 'success'", ("id", hookId)));
        }
        finally
        {
            if (killed >= 0)
                await cluster.RestartAsync(killed);
            using var cleanup = TwoInstanceCluster.ManagementClient(cluster.A, await TwoInstanceCluster.ManagementTokenAsync(cluster.A));
            await TwoInstanceCluster.SendAsync(cleanup, HttpMethod.Delete, "hooks/" + hookId);
        }
    }

    /// <summary>Polls the shared queue until the post-user-registration event of <paramref name="email"/> has <paramref name="status"/>.</summary>
    private async Task<string> WaitForEventAsync(string email, string status, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var id = await cluster.ScalarAsync<string>(
                "SELECT id FROM hook_events WHERE trigger_id = 'post-user-registration' AND payload LIKE @email AND status = @status",
                ("email", "%" + email + "%"), ("status", status));
            if (id is not null)
                return id;
            if (clock.Elapsed > timeout)
            {
                var actual = await cluster.ScalarAsync<string>(
                    "SELECT status || ' after ' || attempts || ' attempts: ' || COALESCE(last_error, '') FROM hook_events WHERE payload LIKE @email",
                    ("email", "%" + email + "%"));
                Assert.Fail($"The event of {email} is not {status} after {timeout.TotalSeconds:0} s (it is: {actual ?? "not queued"}).\nA:\n{Tail(cluster.A)}\nB:\n{Tail(cluster.B)}");
            }
            await Task.Delay(100);
        }
    }

    private static string Tail(AppProcess instance) => instance.Output.Length > 4000 ? instance.Output[^4000..] : instance.Output;

    private static string? ClaimOf(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))![Claim]?.GetValue<string>();
    }

    /// <summary>
    /// A loopback HTTP server that holds every request open (never answering) until <see cref="AnswerFromNowOn"/>,
    /// then answers 200 to those still open and to every later one. Tells the caller's port of each connection.
    /// </summary>
    private sealed class HeldLoopbackServer : IDisposable
    {
        private static readonly byte[] Answer = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray();
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly System.Threading.Channels.Channel<int> _callers = System.Threading.Channels.Channel.CreateUnbounded<int>();
        private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _stop = new();

        public HeldLoopbackServer()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/slow";

        public async Task<int> NextCallerPortAsync(TimeSpan timeout) =>
            await _callers.Reader.ReadAsync().AsTask().WaitAsync(timeout);

        public void AnswerFromNowOn() => _answer.TrySetResult();

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _callers.Writer.TryWrite(((IPEndPoint)client.Client.RemoteEndPoint!).Port);
                    _ = ServeAsync(client);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Stopped.
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    // Read the request head (a GET has no body).
                    var head = new StringBuilder();
                    while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                            return;
                        head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }
                    await _answer.Task.WaitAsync(_stop.Token);
                    await stream.WriteAsync(Answer, _stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
                {
                    // The caller was killed, or the test is over.
                }
            }
        }
    }
}
