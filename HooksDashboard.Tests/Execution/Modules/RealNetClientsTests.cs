using HooksDashboard.Execution;
using HooksDashboard.Tests.Execution.Http;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Modules;

/// <summary>
/// Database and mail clients over the hook's own TCP and TLS connections (<c>net</c>, <c>tls</c>), against real
/// servers on 127.0.0.1: <c>pg</c> against the test run's PostgreSQL (SCRAM password, TLS over the SSLRequest upgrade,
/// a pool, server errors) and <c>nodemailer</c>'s SMTP transport against <c>smtp-server</c> run by node (STARTTLS,
/// AUTH, a rejected login, an untrusted certificate); the <c>mongodb</c> driver's <c>mongodb+srv://</c> URL (SRV and TXT
/// records from a loopback DNS server) and its connection errors. Each script prints what it saw; node runs the same script and
/// must print the same lines.
/// </summary>
[Trait("Category", "Registry")]
public sealed class RealNetClientsTests(RealNetClientsTests.InstalledClients installed) : IClassFixture<RealNetClientsTests.InstalledClients>
{
    private static readonly string Ca = SocketTestServer.CaPem.ReplaceLineEndings("\\n");

    private const string Pg = """
        const { Client, Pool } = require('pg');
        const base = { host: '127.0.0.1', port: __PORT__, user: '__ROLE__', password: 's3cret', database: '__ROLE__' };
        module.exports = async function (cb) {
          try {
            const client = new Client(Object.assign({ ssl: { ca: "__CA__", servername: 'localhost' } }, base));
            await client.connect();
            const ssl = await client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
            console.log('ssl', ssl.rows[0].ssl);
            await client.query('CREATE TABLE IF NOT EXISTS signups (id serial PRIMARY KEY, email text NOT NULL UNIQUE)');
            const inserted = await client.query('INSERT INTO signups (email) VALUES ($1), ($2) RETURNING id, email', ['a@example.com', 'b@example.com']);
            console.log('inserted', inserted.command, inserted.rowCount, JSON.stringify(inserted.rows.map((r) => r.email)));
            try { await client.query('INSERT INTO signups (email) VALUES ($1)', ['a@example.com']); } catch (e) { console.log('duplicate', e.code, e.constraint, e.message); }
            try { await client.query('SELECT * FROM nowhere'); } catch (e) { console.log('missing', e.code, e.severity, e.message); }
            const typed = await client.query("SELECT 1 + $1::int AS n, 'x'::text AS t, true AS b, NULL AS z, '{1,2}'::int[] AS a, '{\"k\":1}'::jsonb AS j", [41]);
            console.log('types', JSON.stringify(typed.rows[0]), typed.fields.map((f) => f.name).join(','));
            await client.end();
            const pool = new Pool(Object.assign({ max: 2, idleTimeoutMillis: 50 }, base));
            const all = await Promise.all([1, 2, 3].map((i) => pool.query('SELECT $1::int * 2 AS v', [i])));
            console.log('pool', all.map((r) => r.rows[0].v).join(','));
            await pool.end();
            const wrong = new Client(Object.assign({}, base, { password: 'wrong' }));
            try { await wrong.connect(); } catch (e) { console.log('login', e.code, e.message); }
            cb();
          } catch (e) { console.log('failed', e.stack); cb(); }
        };
        """;

    [NpmFact]
    public async Task ExecuteAsync_PgOverTcpWithScramAndTls_QueriesAsInNode()
    {
        var server = await PostgreSqlServer.GetAsync();
        var role = "hook_" + Guid.NewGuid().ToString("N")[..10];
        await server.CreateLoginAsync(role, "s3cret");
        var script = Pg.Replace("__PORT__", server.TcpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("__ROLE__", role, StringComparison.Ordinal).Replace("__CA__", Ca, StringComparison.Ordinal);

        var result = await new JintHookExecutor(HttpTestExecutors.LoopbackAllowed).RunAsync(installed.Graph, script);

        result.AssertSuccess();
        var lines = result.Logs.Select(l => l.Message).ToList();
        Assert.Equal("ssl true", lines[0]);
        Assert.Equal("""inserted INSERT 2 ["a@example.com","b@example.com"]""", lines[1]);
        Assert.Equal("duplicate 23505 signups_email_key duplicate key value violates unique constraint \"signups_email_key\"", lines[2]);
        Assert.Equal("pool 2,4,6", lines[5]);
        Assert.Equal($"login 28P01 password authentication failed for user \"{role}\"", lines[6]);
        Assert.All(result.Requests, r => Assert.Equal($"tcp://127.0.0.1:{server.TcpPort}", r.Url));
        // The client, the pool's one or two (a client may be reused before the second connects), the refused login.
        Assert.InRange(result.Requests.Count, 3, 4);

        // Node, on a fresh database of its own, prints the same.
        var nodeRole = role + "_n";
        await server.CreateLoginAsync(nodeRole, "s3cret");
        Assert.Equal(string.Join("\n", lines).Replace(role, nodeRole, StringComparison.Ordinal),
            await installed.RunInNodeAsync("pg-client.js", script.Replace(role, nodeRole, StringComparison.Ordinal)));
    }

    private const string SmtpServer = """
        const { SMTPServer } = require('smtp-server');
        const server = new SMTPServer({
          key: process.env.KEY, cert: process.env.CERT, logger: false,
          onAuth(auth, session, cb) { cb(auth.username === 'mailer' && auth.password === 'p4ss' ? null : new Error('Invalid username or password'), { user: auth.username }); },
          onData(stream, session, cb) {
            let bytes = 0;
            stream.on('data', (d) => { bytes += d.length; });
            stream.on('end', () => { console.log('received', session.envelope.mailFrom.address, session.envelope.rcptTo.map((r) => r.address).join(','), session.secure, bytes > 100); cb(null, 'queued as 42'); });
          },
        });
        server.listen(0, '127.0.0.1', () => console.log('port', server.server.address().port));
        """;

    private const string Mail = """
        const nodemailer = require('nodemailer');
        module.exports = async function (cb) {
          const tls = { ca: "__CA__", servername: 'localhost' };
          const t = nodemailer.createTransport({ host: '127.0.0.1', port: __PORT__, requireTLS: true, auth: { user: 'mailer', pass: 'p4ss' }, tls });
          const info = await t.sendMail({ from: 'hooks@example.com', to: 'new.user@example.com', subject: 'Welcome', text: 'Hello there' });
          console.log('sent', JSON.stringify(info.accepted), JSON.stringify(info.rejected), info.response);
          const bad = nodemailer.createTransport({ host: '127.0.0.1', port: __PORT__, auth: { user: 'mailer', pass: 'nope' }, tls });
          try { await bad.sendMail({ from: 'hooks@example.com', to: 'x@example.com', text: 'x' }); } catch (e) { console.log('bad login', e.code, e.responseCode, e.message); }
          const untrusted = nodemailer.createTransport({ host: '127.0.0.1', port: __PORT__, auth: { user: 'mailer', pass: 'p4ss' } });
          try { await untrusted.verify(); console.log('verified'); } catch (e) { console.log('untrusted', e.code, e.message); }
          // By name: nodemailer checks the machine's interfaces for a usable family, resolves, then connects.
          const byName = nodemailer.createTransport({ host: 'localhost', port: __PORT__, auth: { user: 'mailer', pass: 'p4ss' }, tls });
          console.log('by name', (await byName.sendMail({ from: 'hooks@example.com', to: 'named@example.com', text: 'x' })).response);
          cb();
        };
        """;

    [NpmFact]
    public async Task ExecuteAsync_NodemailerSmtpWithStartTlsAndAuth_SendsAsInNode()
    {
        using var certificate = TestCertificateAuthority.IssueServerCertificate("localhost");
        using var key = System.Security.Cryptography.X509Certificates.RSACertificateExtensions.GetRSAPrivateKey(certificate)!;
        var serverFile = Path.Combine(installed.Folder, "smtp-server.js");
        await File.WriteAllTextAsync(serverFile, SmtpServer);
        using var smtp = ChildProcess.Start("node", [serverFile], installed.Folder, new Dictionary<string, string>
        {
            ["KEY"] = key.ExportPkcs8PrivateKeyPem(),
            ["CERT"] = certificate.ExportCertificatePem(),
        });
        var received = new List<string>();
        var port = new TaskCompletionSource<int>();
        smtp.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data.StartsWith("port ", StringComparison.Ordinal)) port.TrySetResult(int.Parse(e.Data[5..], System.Globalization.CultureInfo.InvariantCulture));
            else lock (received) received.Add(e.Data);
        };
        smtp.BeginOutputReadLine();
        try
        {
            var script = Mail.Replace("__PORT__", (await port.Task.WaitAsync(TimeSpan.FromSeconds(30))).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("__CA__", Ca, StringComparison.Ordinal);

            var result = await new JintHookExecutor(HttpTestExecutors.LoopbackAllowed).RunAsync(installed.Graph, script);

            result.AssertSuccess();
            var lines = result.Logs.Select(l => l.Message).ToList();
            Assert.Equal("""sent ["new.user@example.com"] [] 250 queued as 42""", lines[0]);
            Assert.Equal("bad login EAUTH 535 Invalid login: 535 Invalid username or password", lines[1]);
            Assert.Equal("untrusted ESOCKET unable to verify the first certificate", lines[2]);
            Assert.Equal("by name 250 queued as 42", lines[3]);
            Assert.Equal(4, lines.Count);
            Assert.Equal(4, result.Requests.Count(r => r.Method == "SOCKET" && r.Url.StartsWith("tcp://127.0.0.1:", StringComparison.Ordinal)));
            lock (received)
                Assert.Equal(["received hooks@example.com new.user@example.com true true", "received hooks@example.com named@example.com true true"], received);
            Assert.Equal(string.Join("\n", lines), await installed.RunInNodeAsync("mail-client.js", script));
        }
        finally
        {
            if (!smtp.HasExited)
                smtp.Kill(entireProcessTree: true);
        }
    }

    private const string Mongo = """
        const dns = require('dns');
        const { MongoClient } = require('mongodb');
        async function attempt(label, url) {
          const client = new MongoClient(url, { serverSelectionTimeoutMS: 400 });
          try { await client.connect(); console.log(label, 'connected'); }
          catch (e) {
            // Two hosts fail in either order: the message names whichever failed first.
            console.log(label, e.name, e.code, e.message.replace(/shard-0[01]/, 'shard-0x'));
            if (e.reason && e.reason.servers) console.log(label, 'hosts', JSON.stringify([...e.reason.servers.keys()].sort()), e.reason.setName);
          } finally { await client.close(); }
        }
        module.exports = async function (cb) {
          dns.setServers(['127.0.0.1:__DNS__']);
          await attempt('srv', 'mongodb+srv://user:pw@cluster0.example.test/db');
          await attempt('no srv record', 'mongodb+srv://user:pw@nowhere.example.test/db');
          await attempt('refused', 'mongodb://127.0.0.1:__CLOSED__/db');
          cb();
        };
        """;

    [NpmFact]
    public async Task ExecuteAsync_MongodbSrvUrlAndRefusedServer_AsInNode()
    {
        // mongodb+srv:// reads the hosts from SRV records and the options from a TXT record (dns.promises), then connects.
        await using var dnsServer = DnsTestServer.Start();
        var closed = LoopbackPorts.ClosedTcp();

        var script = Mongo.Replace("__DNS__", dnsServer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("__CLOSED__", closed.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var result = await new JintHookExecutor(HttpTestExecutors.LoopbackAllowed).RunAsync(installed.Graph, script);

        result.AssertSuccess();
        var lines = result.Logs.Select(l => l.Message).ToList();
        Assert.Equal("""srv hosts ["shard-00.example.test:27017","shard-01.example.test:27018"] atlas-abc""", lines[1]);
        Assert.Equal("no srv record Error ENOTFOUND querySrv ENOTFOUND _mongodb._tcp.nowhere.example.test", lines[2]);
        Assert.Equal($"refused MongoServerSelectionError undefined connect ECONNREFUSED 127.0.0.1:{closed}", lines[3]);
        Assert.Contains(result.Requests, r => r.Url == "dns://_mongodb._tcp.cluster0.example.test?type=SRV");
        Assert.Contains(result.Requests, r => r.Url == "dns://cluster0.example.test?type=TXT");
        // The first line names whichever shard's lookup failed first, or the selection's timeout on a slow machine.
        Assert.StartsWith("srv MongoServerSelectionError", lines[0], StringComparison.Ordinal);
        var node = (await installed.RunInNodeAsync("mongo-client.js", script)).Split('\n');
        Assert.Equal(lines.Skip(1), node.Skip(1));
    }

    public sealed class InstalledClients() : NpmInstalledPackages("net-clients", Packages, TimeSpan.FromMinutes(8))
    {
        internal static readonly string[] Packages = ["pg@8.23.1", "nodemailer@6.9.8", "smtp-server@3.21.7", "mongodb@6.22.0"];
    }
}
