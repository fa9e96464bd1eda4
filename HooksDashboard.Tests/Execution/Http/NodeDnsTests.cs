using System.Net;
using System.Net.Sockets;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Http;

/// <summary>
/// <c>dns</c>'s record queries in a hook (<c>resolveMx</c>, <c>resolveTxt</c>, <c>resolveSrv</c>, ..., <c>reverse</c>):
/// real DNS queries through the egress policy, the request limit and the recording. Each scenario is a <c>run(done)</c>
/// function run by the executor and, where node is installed, by node against the same loopback DNS server
/// (<see cref="DnsTestServer"/>): both must give the same answers and errors (<see cref="NodeOracle"/>).
/// </summary>
public sealed class NodeDnsTests
{
    // The hook calls run(done) and hands done's value to cb as JSON text; node prints the same text.
    private static async Task<(string Output, ExecutionResult Result)> RunAsync(string script, ExecutionLimits? limits = null, bool compareWithNode = true,
        HookEgressRules? egress = null, HttpMockSet? mocks = null)
    {
        var result = await LoopbackNetworkAllowed.ExecuteAsync(new ExecutionRequest(
            script + "\nmodule.exports = function (cb) { run(function (out) { cb(null, JSON.stringify(out)); }); };", [], limits ?? ExecutorTestExtensions.TestLimits)
        {
            Egress = egress,
            HttpMocks = mocks,
        });
        var output = result.AssertSuccess()!.GetValue<string>();
        if (compareWithNode && NodeOracle.RunScript(script + "\nrun(function (out) { console.log(JSON.stringify(out)); });") is { } node)
            Assert.Equal(node.Trim(), output);
        return (output, result);
    }

    // 127.0.0.0/8 allowed (the test zone's reverse names are under it), nothing else beyond public addresses.
    private static readonly JintHookExecutor LoopbackNetworkAllowed = new(new HttpTransport(new EgressPolicy(new EgressOptions { Allow = ["127.0.0.0/8"] })));

    // Runs each query of `steps` ([label, function (cb)]) in turn and collects [label, error code or answer].
    private const string Steps = """
        function collect(steps, done) {
          const out = [];
          (function next(i) {
            if (i === steps.length) return done(out);
            steps[i][1](function (e, value) {
              out.push(e ? [steps[i][0], e.code, e.message, e.syscall, e.hostname, e.errno] : [steps[i][0], value]);
              next(i + 1);
            });
          })(0);
        }
        """;

    [Fact]
    public async Task Resolve_EveryRecordType_AnswersAsNode()
    {
        await using var server = DnsTestServer.Start();

        var (output, result) = await RunAsync($$"""
            const dns = require('dns');
            {{Steps}}
            function run(done) {
              const r = new dns.Resolver();
              r.setServers(['127.0.0.1:{{server.Port}}']);
              collect([
                ['servers', (cb) => cb(null, r.getServers())],
                ['mx', (cb) => r.resolveMx('example.test', cb)],
                ['txt', (cb) => r.resolveTxt('example.test', cb)],
                ['ns', (cb) => r.resolveNs('example.test', cb)],
                ['soa', (cb) => r.resolveSoa('example.test', cb)],
                ['caa', (cb) => r.resolveCaa('example.test', cb)],
                ['naptr', (cb) => r.resolveNaptr('example.test', cb)],
                ['srv', (cb) => r.resolveSrv('_mongodb._tcp.cluster0.example.test', cb)],
                ['cname', (cb) => r.resolveCname('alias.example.test', cb)],
                ['mx through a cname', (cb) => r.resolveMx('ALIAS.example.test.', cb)],
                ['resolve MX', (cb) => r.resolve('example.test', 'MX', cb)],
                ['resolve TXT', (cb) => r.resolve('cluster0.example.test', 'TXT', cb)],
                ['ptr', (cb) => r.resolvePtr('1.0.0.127.in-addr.arpa', cb)],
                ['reverse', (cb) => r.reverse('127.0.0.2', cb)],
                ['a', (cb) => r.resolve4('example.test', cb)],
                ['a with ttl', (cb) => r.resolve4('example.test', { ttl: true }, cb)],
                ['resolve default A', (cb) => r.resolve('example.test', cb)],
                ['empty txt', (cb) => r.resolveTxt('empty.example.test', cb)],
                ['big txt over tcp', (cb) => r.resolveTxt('big.example.test', cb)],
              ], done);
            }
            """);

        Assert.Contains("""["mx",[{"exchange":"mail.example.test","priority":10},{"exchange":"mail2.example.test","priority":20}]]""", output, StringComparison.Ordinal);
        Assert.Contains("""["srv",[{"name":"shard-00.example.test","port":27017,"priority":0,"weight":5},{"name":"shard-01.example.test","port":27018,"priority":1,"weight":10}]]""", output, StringComparison.Ordinal);
        Assert.Contains("""["reverse",["second.example.test","second-alias.example.test"]]""", output, StringComparison.Ordinal);
        Assert.Contains("entry 11 ", output, StringComparison.Ordinal);
        Assert.Equal(18, result.Requests.Count);
        Assert.All(result.Requests, r => Assert.Equal("DNS", r.Method));
        Assert.Equal("dns://example.test?type=MX", result.Requests[0].Url);
        Assert.Equal("dns://127.0.0.2?type=PTR", result.Requests[12].Url);
        Assert.Equal(["EBADRESP: a text record has no text"], result.Requests.Where(r => r.Error is not null).Select(r => r.Error));
    }

    [Fact]
    public async Task Resolve_ServerAnswersAndFailures_ErrorsAsNode()
    {
        await using var server = DnsTestServer.Start();
        var closedPort = LoopbackPorts.ClosedUdp();

        var (output, result) = await RunAsync($$"""
            const dns = require('dns');
            {{Steps}}
            function run(done) {
              dns.setServers(['127.0.0.1:{{server.Port}}']);
              const closed = new dns.Resolver();
              closed.setServers(['127.0.0.1:{{closedPort}}']);
              const none = new dns.Resolver();
              none.setServers([]);
              collect([
                ['nxdomain', (cb) => dns.resolveMx('nowhere.example.test', cb)],
                ['no such record', (cb) => dns.resolveMx('cluster0.example.test', cb)],
                ['servfail', (cb) => dns.resolveTxt('servfail.example.test', cb)],
                ['refused', (cb) => dns.resolveTxt('refused.example.test', cb)],
                ['notimp', (cb) => dns.resolveSrv('notimp.example.test', cb)],
                ['bad name', (cb) => dns.resolveMx('a..example.test', cb)],
                ['long label', (cb) => dns.resolveMx('x'.repeat(64) + '.example.test', cb)],
                ['reverse unknown', (cb) => dns.reverse('127.0.0.9', cb)],
                ['nobody listens', (cb) => closed.resolveMx('example.test', cb)],
                ['no servers', (cb) => none.resolveMx('example.test', cb)],
                ['no servers listed', (cb) => cb(null, none.getServers())],
              ], done);
            }
            """);

        Assert.Contains("""["nxdomain","ENOTFOUND","queryMx ENOTFOUND nowhere.example.test","queryMx","nowhere.example.test",null]""", output, StringComparison.Ordinal);
        Assert.Contains("""["no such record","ENODATA","queryMx ENODATA cluster0.example.test","queryMx","cluster0.example.test",null]""", output, StringComparison.Ordinal);
        Assert.Contains("""["nobody listens","ECONNREFUSED",""", output, StringComparison.Ordinal);
        Assert.Equal("ENOTFOUND: the name does not exist (NXDOMAIN)", result.Requests[0].Error);
        Assert.Equal("ESERVFAIL: 127.0.0.1:" + server.Port + " could not answer (SERVFAIL)", result.Requests[2].Error);
    }

    [Fact]
    public async Task Resolve_BadArguments_ThrowNodesErrors()
    {
        var (output, _) = await RunAsync("""
            const dns = require('dns');
            function attempt(out, f) { try { f(); out.push('no throw'); } catch (e) { out.push([e.name, e.code, e.message, e.errno, e.syscall, e.hostname]); } }
            function run(done) {
              const out = [];
              attempt(out, () => dns.resolveMx(1, () => {}));
              attempt(out, () => dns.resolveMx('example.test'));
              attempt(out, () => dns.resolve('example.test', 'mx', () => {}));
              attempt(out, () => dns.resolve('example.test', 5, () => {}));
              attempt(out, () => dns.reverse('not an address', () => {}));
              attempt(out, () => dns.reverse(7, () => {}));
              attempt(out, () => dns.setServers('127.0.0.1'));
              attempt(out, () => dns.setServers(['127.0.0.1', 'dns.example.test']));
              attempt(out, () => dns.setServers([53]));
              attempt(out, () => new dns.Resolver({ timeout: -2 }));
              attempt(out, () => new dns.Resolver({ tries: 0 }));
              attempt(out, () => new dns.Resolver({ timeout: 1.5 }));
              attempt(out, () => dns.promises.resolveMx(7));
              const r = new dns.Resolver();
              r.setServers(['::1', '[::1]:5353', '127.0.0.1:53', '10.0.0.1:5300']);
              out.push(r.getServers());
              dns.promises.reverse('nope').catch((e) => { out.push(['rejected', e.code, e.message, e.errno]); done(out); });
            }
            """);

        Assert.Contains("""["TypeError","ERR_INVALID_IP_ADDRESS","Invalid IP address: dns.example.test",null,null,null]""", output, StringComparison.Ordinal);
        Assert.Contains("""["Error","EINVAL","getHostByAddr EINVAL not an address",-22,"getHostByAddr","not an address"]""", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_PromisesAndPromisify_AsNode()
    {
        await using var server = DnsTestServer.Start();

        var (output, _) = await RunAsync($$"""
            const dns = require('dns');
            const util = require('util');
            function run(done) {
              const out = [];
              const r = new dns.promises.Resolver();
              r.setServers(['127.0.0.1:{{server.Port}}']);
              dns.setServers(['127.0.0.1:{{server.Port}}']);
              (async () => {
                out.push(await r.resolveSrv('_mongodb._tcp.cluster0.example.test'));
                out.push(await r.resolve('example.test', 'NS'));
                out.push(await require('dns/promises').resolveTxt('cluster0.example.test'));
                out.push(await util.promisify(dns.resolveMx)('example.test'));
                out.push(dns.getServers(), r.getServers(), dns.promises.getServers());
                try { await r.resolveMx('nowhere.example.test'); } catch (e) { out.push([e.code, e.message, e.syscall, e.hostname]); }
                out.push(await r.resolve4('example.test', { ttl: true }));
              })().then(() => done(out), (e) => done(['failed', String(e)]));
            }
            """);

        Assert.StartsWith("""[[{"name":"shard-00.example.test","port":27017""", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAny_EveryRecordWithItsType_AsNode()
    {
        await using var server = DnsTestServer.Start();

        var (output, _) = await RunAsync($$"""
            const dns = require('dns');
            function run(done) {
              const r = new dns.Resolver();
              r.setServers(['127.0.0.1:{{server.Port}}']);
              r.resolveAny('example.test', (e, records) => {
                r.resolveAny('cluster0.example.test', (e2, records2) => done([e && e.code, records, e2 && e2.code, records2]));
              });
            }
            """);

        Assert.Contains("""{"exchange":"mail.example.test","priority":10,"type":"MX"}""", output, StringComparison.Ordinal);
        Assert.Contains("""{"address":"127.0.0.1","ttl":60,"type":"A"}""", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_PendingQuery_CallsBackWithECANCELLEDAsNode()
    {
        await using var server = DnsTestServer.Start();

        var (output, _) = await RunAsync($$"""
            const dns = require('dns');
            function run(done) {
              const out = [];
              const r = new dns.Resolver();
              r.setServers(['127.0.0.1:{{server.Port}}']);
              r.resolveTxt('silent.example.test', (e) => { out.push([e.code, e.message, e.syscall, e.hostname]); done(out); });
              r.cancel();
              out.push('cancelled');
            }
            """);

        Assert.Equal("""["cancelled",["ECANCELLED","queryTxt ECANCELLED silent.example.test","queryTxt","silent.example.test"]]""", output);
    }

    [Fact]
    public async Task Resolve_SilentServer_TimesOutWithinTheRequestTimeout()
    {
        await using var server = DnsTestServer.Start();

        var (output, result) = await RunAsync($$"""
            const dns = require('dns');
            function run(done) {
              const r = new dns.Resolver({ timeout: 100 });
              r.setServers(['127.0.0.1:{{server.Port}}']);
              r.resolveTxt('silent.example.test', (e) => done([e.code, e.message]));
            }
            """, ExecutorTestExtensions.TestLimits with { HttpTimeoutMs = 700 }, compareWithNode: false);

        Assert.Equal("""["ETIMEOUT","queryTxt ETIMEOUT silent.example.test"]""", output);
        Assert.InRange(result.Requests.Single().DurationMs, 600, 5_000);
        Assert.True(server.Queries >= 2, $"the server was asked {server.Queries} times: a silent server is asked again");
    }

    [Fact]
    public async Task Resolve_AddressesTheHookCannotReach_AreLeftOut()
    {
        await using var server = DnsTestServer.Start();

        // 10.0.0.0/8 is private: the egress policy refuses it, so an answer never names it (no map of the internal network).
        var (output, _) = await RunAsync($$"""
            const dns = require('dns');
            {{Steps}}
            function run(done) {
              const r = new dns.Resolver();
              r.setServers(['127.0.0.1:{{server.Port}}']);
              collect([
                ['mixed', (cb) => r.resolve4('private.example.test', cb)],
                ['only private', (cb) => r.resolve4('only-private.example.test', cb)],
                ['private reverse', (cb) => r.reverse('10.1.2.3', cb)],
              ], done);
            }
            """, compareWithNode: false);

        Assert.Equal("""[["mixed",["127.0.0.1"]],["only private","ENOTFOUND","queryA ENOTFOUND only-private.example.test","queryA","only-private.example.test",null],["private reverse","EREFUSED","getHostByAddr EREFUSED 10.1.2.3","getHostByAddr","10.1.2.3",null]]""", output);
    }

    [Fact]
    public async Task Resolve_ServerThePolicyRefuses_IsNotAskedAndSaysWhy()
    {
        var (output, result) = await RunAsync("""
            const dns = require('dns');
            function run(done) {
              dns.setServers(['10.0.0.53']);
              dns.resolveMx('example.test', (e) => done([e.code, e.message]));
            }
            """, compareWithNode: false);

        Assert.Equal("""["EREFUSED","queryMx EREFUSED example.test"]""", output);
        Assert.Equal("EREFUSED: the DNS server 10.0.0.53 is refused: 10.0.0.53 is a private address (10.0.0.0/8)", result.Requests.Single().Error);
    }

    [Fact]
    public async Task Resolve_NameTheHooksPolicyRefuses_IsNotSent()
    {
        await using var server = DnsTestServer.Start();
        var rules = HookEgressRules.For(new HookEgressPolicy(["*.allowed.test"], [], [], []));

        var (output, result) = await RunAsync($$"""
            const dns = require('dns');
            function run(done) {
              dns.setServers(['127.0.0.1:{{server.Port}}']);
              dns.resolveTxt('secret-data.example.test', (e) => done([e.code, e.message]));
            }
            """, compareWithNode: false, egress: rules);

        Assert.Equal("""["EREFUSED","queryTxt EREFUSED secret-data.example.test"]""", output);
        Assert.Equal(0, server.Queries);
        Assert.StartsWith("EREFUSED: secret-data.example.test is not on the hook's egress allow list", result.Requests.Single().Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_LimitsAndMocks_RefuseWithHooksErrors()
    {
        await using var server = DnsTestServer.Start();

        var (limited, _) = await RunAsync($$"""
            const dns = require('dns');
            function run(done) {
              dns.setServers(['127.0.0.1:{{server.Port}}']);
              dns.resolveMx('example.test', () => {
                // Past the limit: the error comes to the callback, as a lookup's does.
                dns.resolveMx('example.test', (e) => done(e ? [e.code] : 'answered'));
              });
            }
            """, ExecutorTestExtensions.TestLimits with { MaxHttpRequests = 1 }, compareWithNode: false);
        var (mocked, mockedResult) = await RunAsync($$"""
            const dns = require('dns');
            function run(done) {
              dns.setServers(['127.0.0.1:{{server.Port}}']);
              dns.resolveMx('example.test', (e) => done([e.code]));
            }
            """, compareWithNode: false, mocks: new HttpMockSet());

        Assert.Equal("""["ERR_HOOKS_HTTP_LIMIT"]""", limited);
        Assert.Equal("""["ERR_HOOKS_HTTP_NO_MOCK"]""", mocked);
        Assert.Equal(1, server.Queries);
    }

    [Fact]
    public async Task Resolve_AnswerWithOnlyACname_EachTypeAsNode()
    {
        await using var server = DnsTestServer.Start();

        // A name that is a CNAME to a name with no records (a CDN's): most types give an empty list, NS and PTR
        // ENODATA, SOA EBADRESP; an address's TTL through a CNAME is the smaller of the two.
        var (output, _) = await RunAsync($$"""
            const dns = require('dns');
            {{Steps}}
            function run(done) {
              const r = new dns.Resolver();
              r.setServers(['127.0.0.1:{{server.Port}}']);
              const name = 'cname-only.example.test';
              collect([
                ['mx', (cb) => r.resolveMx(name, cb)],
                ['txt', (cb) => r.resolveTxt(name, cb)],
                ['srv', (cb) => r.resolveSrv(name, cb)],
                ['caa', (cb) => r.resolveCaa(name, cb)],
                ['naptr', (cb) => r.resolveNaptr(name, cb)],
                ['a', (cb) => r.resolve4(name, cb)],
                ['aaaa', (cb) => r.resolve6(name, cb)],
                ['ns', (cb) => r.resolveNs(name, cb)],
                ['ptr', (cb) => r.resolvePtr(name, cb)],
                ['soa', (cb) => r.resolveSoa(name, cb)],
                ['cname', (cb) => r.resolveCname(name, cb)],
                ['ttl through a cname', (cb) => r.resolve4('alias.example.test', { ttl: true }, cb)],
                ['any of an alias', (cb) => r.resolveAny('alias.example.test', cb)],
              ], done);
            }
            """);

        Assert.Contains("""["mx",[]]""", output, StringComparison.Ordinal);
        Assert.Contains("""["ttl through a cname",[{"address":"127.0.0.1","ttl":30}]]""", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolverSurface_PrototypesServersAndRebinding_AsNode()
    {
        await using var server = DnsTestServer.Start();

        var (output, _) = await RunAsync($$"""
            const dns = require('dns');
            function attempt(f) { try { return f(); } catch (e) { return [e.name, e.code, e.message]; } }
            function run(done) {
              const out = [];
              out.push(Object.keys(dns), Object.keys(dns.promises));
              out.push(Object.keys(dns.Resolver.prototype), Object.getOwnPropertyNames(Object.getPrototypeOf(dns.Resolver.prototype)));
              out.push(Object.keys(new dns.Resolver()), Object.keys(dns.promises.Resolver.prototype));
              out.push([dns.resolveMx.name, dns.resolveMx.length, dns.resolve.length, dns.promises.resolve.length, dns.promises.resolveMx.length,
                dns.setServers.name, dns.promises.setServers.name, dns.Resolver.prototype.resolveMx.name, dns.Resolver.prototype.reverse.name]);
              out.push(attempt(() => dns.promises.resolve('example.test', () => {})));
              const r = new dns.Resolver();
              r.setServers(['fe80::1%eth0', '0:0:0:0:0:0:0:1', 'FE80::1', '1.2.3.4:99999', '1.2.3.4:65536', '1.2.3.4', '[::1]:53', '5.6.7.8:5353']);
              out.push(r.getServers());
              const taken = dns.getServers;
              const takenPromise = dns.promises.getServers;
              dns.setServers(['127.0.0.1:{{server.Port}}']);
              out.push([taken().length > 0, taken()[0] === '127.0.0.1:{{server.Port}}', dns.getServers(), dns.promises.getServers(), takenPromise()[0] === '127.0.0.1:{{server.Port}}']);
              dns.promises.setServers(['127.0.0.2']);
              out.push([dns.getServers(), dns.promises.getServers()]);
              const busy = new dns.Resolver();
              busy.setServers(['127.0.0.1:{{server.Port}}']);
              busy.resolveTxt('silent.example.test', (e) => { out.push(['busy', e.code]); done(out); });
              out.push(attempt(() => busy.setServers(['127.0.0.3'])));
              busy.cancel();
            }
            """);

        Assert.Contains("""["fe80::1","::1","1.2.3.4:34463","1.2.3.4","5.6.7.8:5353"]""", output, StringComparison.Ordinal);
        Assert.Contains("ERR_DNS_SET_SERVERS_FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_CallbackComesAfterTicksAndMicrotasksBeforeImmediates_AsNode()
    {
        await using var server = DnsTestServer.Start();

        var (output, result) = await RunAsync($$"""
            const dns = require('dns');
            function run(done) {
              const out = [];
              const r = new dns.Resolver();
              r.setServers(['127.0.0.1:{{server.Port}}']);
              r.resolveTxt('silent.example.test', (e) => out.push(['cancelled', e.code]));
              r.cancel();
              r.cancel();
              process.nextTick(() => out.push('tick'));
              Promise.resolve().then(() => out.push('micro'));
              setImmediate(() => { out.push('immediate'); done(out); });
            }
            """, ExecutorTestExtensions.TestLimits with { HttpTimeoutMs = 5_000 });

        Assert.Equal("""["tick","micro",["cancelled","ECANCELLED"],"immediate"]""", output);
        // The cancelled query no longer holds the run: it ended long before the query's 5 s timeout.
        Assert.True(result.DurationMs < 3_000, $"the run took {result.DurationMs} ms");
    }

    [Fact]
    public async Task Resolve_ServerThatAnswersGarbage_FailsAtOnceWithEBADRESP()
    {
        await using var server = DnsTestServer.Start();

        var (output, result) = await RunAsync($$"""
            const dns = require('dns');
            function run(done) {
              dns.setServers(['127.0.0.1:{{server.Port}}']);
              dns.resolveTxt('garbage.example.test', (e) => done([e.code, e.message]));
            }
            """, ExecutorTestExtensions.TestLimits with { HttpTimeoutMs = 5_000 }, compareWithNode: false);

        Assert.Equal("""["EBADRESP","queryTxt EBADRESP garbage.example.test"]""", output);
        Assert.True(result.Requests.Single().DurationMs < 2_000, $"the query took {result.Requests.Single().DurationMs} ms");
        Assert.InRange(server.Queries, 1, 2);
    }

    [Fact]
    public async Task Resolve_ScriptsOwnServerClaimingAPrivateAddressForAnAllowedName_IsNotBelieved()
    {
        await using var server = DnsTestServer.Start();
        // The operator allows a name; a server the script chose answers a private address for it. Only the system's
        // resolver is believed about allowed names: the address is left out, and a connection to it stays refused.
        var executor = new JintHookExecutor(new HttpTransport(new EgressPolicy(new EgressOptions { Allow = ["127.0.0.1", "*.corp.example"] })));

        var result = await executor.ExecuteAsync(new ExecutionRequest($$"""
            const dns = require('dns'), net = require('net');
            module.exports = function (cb) {
              const r = new dns.Resolver();
              r.setServers(['127.0.0.1:{{server.Port}}']);
              r.resolve4('db.corp.example', (e, list) => {
                const s = net.connect(5432, '10.0.0.5');
                s.on('error', (e2) => cb(null, [e && e.code, list, e2.code]));
                s.on('connect', () => { s.destroy(); cb(null, 'connected'); });
              });
            };
            """, [], ExecutorTestExtensions.TestLimits));

        Assert.Equal("""["ENOTFOUND",null,"EEGRESS"]""", result.AssertSuccess()!.ToJsonString());
    }

    [Theory]
    [InlineData("r.resolveTxt('leak.example.test', cb)", "the answer aliases leak.example.test to secret.internal.example.test: secret.internal.example.test is on the deny list (Execution:Egress:Deny)")]
    [InlineData("r.resolvePtr('ptr-alias.example.test', cb)", "10.0.0.5 is a private address (10.0.0.0/8)")]
    [InlineData("r.resolveAny('leak.example.test', cb)", "the answer aliases leak.example.test to secret.internal.example.test: secret.internal.example.test is on the deny list (Execution:Egress:Deny)")]
    public async Task Resolve_CnameIntoADeniedOrReverseZone_IsRefused(string call, string why)
    {
        await using var server = DnsTestServer.Start();

        // A name the hook may query aliases a zone it may not: the resolver follows the CNAME, the policy must too.
        var result = await RunWithDenyListAsync(server, call);

        Assert.Equal("EREFUSED", result.AssertSuccess()!.GetValue<string>());
        Assert.EndsWith(why, result.Requests.Single().Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("r.resolvePtr('3.2.1.10.in-addr.arpa', cb)", "EREFUSED", "10.1.2.3 is a private address (10.0.0.0/8)")]
    [InlineData("r.resolveAny('10.in-addr.arpa', cb)", "EREFUSED", "10.in-addr.arpa is not the reverse name of one address")]
    [InlineData("r.resolveTxt('x.internal.example.tes\\\\t', cb)", "EREFUSED", "x.internal.example.test is on the deny list (Execution:Egress:Deny)")]
    [InlineData("r.resolveTxt('x\\\\.internal.example.test', cb)", "EREFUSED", "x\\.internal.example.test holds a dot or an unprintable byte inside a label, which the egress policy cannot judge")]
    public async Task Resolve_NamesThatWouldSlipPastThePolicy_AreRefusedUnsent(string call, string code, string why)
    {
        await using var server = DnsTestServer.Start();

        var result = await RunWithDenyListAsync(server, call);

        Assert.Equal(code, result.AssertSuccess()!.GetValue<string>());
        Assert.Equal(0, server.Queries);
        Assert.EndsWith(why, result.Requests.Single().Error, StringComparison.Ordinal);
    }

    // Runs `call` (a query on resolver `r`, answering through `cb`) with the test server as r's server, 127.0.0.1
    // allowed and *.internal.example.test denied; the hook's value is the error's code or the answer.
    private static Task<ExecutionResult> RunWithDenyListAsync(DnsTestServer server, string call) =>
        new JintHookExecutor(new HttpTransport(new EgressPolicy(new EgressOptions { Allow = ["127.0.0.1"], Deny = ["*.internal.example.test"] })))
            .ExecuteAsync(new ExecutionRequest($$"""
                const dns = require('dns');
                module.exports = function (done) {
                  const r = new dns.Resolver();
                  r.setServers(['127.0.0.1:{{server.Port}}']);
                  const cb = (e, value) => done(null, e ? e.code : value);
                  {{call}};
                };
                """, [], ExecutorTestExtensions.TestLimits));

    [Theory]
    [InlineData("4.3.2.1.in-addr.arpa", "1.2.3.4")]
    [InlineData("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", "2001:db8::1")]
    [InlineData("3.2.1.in-addr.arpa", null)]
    [InlineData("04.3.2.1.in-addr.arpa", null)]
    [InlineData("x.3.2.1.in-addr.arpa", null)]
    public void AddressOfReverseName_WholeNamesOnly(string name, string? expected) =>
        Assert.Equal(expected, HttpSession.AddressOfReverseName(name)?.ToString());

    [Theory]
    [InlineData("1.2.3.4", "4.3.2.1.in-addr.arpa")]
    [InlineData("2001:db8::1", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")]
    public void ReverseName_IsTheArpaName(string address, string expected) =>
        Assert.Equal(expected, HttpSession.ReverseName(IPAddress.Parse(address)));

    [Fact]
    public void Parse_CompressionLoopAndCutRecords_AreBadResponses()
    {
        var query = DnsMessage.Query(7, "example.test", 15)!;
        // A name that points at itself.
        byte[] loop = [.. query[..12], 0xC0, 12, 0, 15, 0, 1];
        loop[2] = 0x81;
        Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(loop, 7));
        // One answer announced, none there.
        var cut = query.ToArray();
        cut[2] = 0x81;
        cut[7] = 1;
        Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(cut, 7));
        // Another query's id, or a query rather than a response: not this answer.
        Assert.Null(DnsMessage.Parse(cut, 8));
        Assert.Null(DnsMessage.Parse(query, 7));
    }
}
