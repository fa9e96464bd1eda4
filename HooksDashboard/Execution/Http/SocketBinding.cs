using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HooksDashboard.Execution.Node;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace HooksDashboard.Execution.Http;

/// <summary>The script's callback of one socket (plain or TLS): its events are delivered as <see cref="SocketBinding.Deliver"/> lays them out.</summary>
internal sealed record SocketTarget(JsValue Callback);

/// <summary>The script's callback of one name lookup (<see cref="SocketBinding.Answer"/>).</summary>
internal sealed record LookupTarget(JsValue Callback);

/// <summary>
/// The host side of <c>net.js</c> and <c>tls.js</c>: opens, writes, upgrades and closes the invocation's connections
/// (<see cref="HttpSession"/>'s sockets) and turns their events into calls of the script's callback. Only strings,
/// numbers, booleans and <c>Uint8Array</c>s cross; no host object reaches the script.
/// </summary>
internal static class SocketBinding
{
    public static JsObject Create(NodeRuntime runtime)
    {
        var engine = runtime.Engine;
        var binding = new JsObject(engine);
        // connect(host, port, tlsOptions | undefined, onEvent) -> id
        binding.Set("connect", runtime.Function("connect", args =>
        {
            var host = TypeConverter.ToString(Arg(args, 0));
            var port = (int)TypeConverter.ToNumber(Arg(args, 1));
            var tls = Arg(args, 2) is ObjectInstance options ? TlsOptions(options) : null;
            var onEvent = Arg(args, 3);
            if (!onEvent.IsCallable())
                throw new JavaScriptException(engine.Intrinsics.TypeError, "socket binding: onEvent must be a function");
            return Guarded(runtime, () => runtime.Http().Connect(host, port, tls, new SocketTarget(onEvent)));
        }, 4));
        // write(id, Uint8Array, sequence): a 'written' event with the sequence follows once it is on the connection.
        binding.Set("write", runtime.Function("write", args =>
        {
            if (Arg(args, 0) is JsNumber id && Arg(args, 1) is JsTypedArray chunk)
            {
                var bytes = NodeUtil.ReadBytes(chunk);
                var sequence = (int)TypeConverter.ToNumber(Arg(args, 2));
                Guarded(runtime, () =>
                {
                    runtime.Http().WriteSocket((int)id.AsNumber(), bytes, sequence);
                    return 0;
                });
            }

            return JsValue.Undefined;
        }, 3));
        binding.Set("end", IdFunction(runtime, "end", static (http, id, _) => http.EndSocket(id)));
        // destroy(id[, why]): why is the error the script destroyed it with, for the record.
        binding.Set("destroy", IdFunction(runtime, "destroy", static (http, id, args) => http.DestroySocket(id, Arg(args, 1) is JsString why ? why.ToString() : null)));
        binding.Set("pause", IdFunction(runtime, "pause", static (http, id, _) => http.PauseSocket(id)));
        binding.Set("resume", IdFunction(runtime, "resume", static (http, id, _) => http.ResumeSocket(id)));
        binding.Set("ref", IdFunction(runtime, "ref", static (http, id, args) => http.RefSocket(id, TypeConverter.ToBoolean(Arg(args, 1)))));
        // configure(id, noDelay | undefined, keepAlive | undefined)
        binding.Set("configure", IdFunction(runtime, "configure", static (http, id, args) => http.ConfigureSocket(id,
            Arg(args, 1).IsUndefined() ? null : TypeConverter.ToBoolean(Arg(args, 1)),
            Arg(args, 2).IsUndefined() ? null : TypeConverter.ToBoolean(Arg(args, 2)))));
        // upgrade(id, tlsOptions, onEvent): TLS over the open connection; its events go to onEvent from then on.
        binding.Set("upgrade", runtime.Function("upgrade", args =>
        {
            if (Arg(args, 0) is JsNumber id && Arg(args, 1) is ObjectInstance options && Arg(args, 2).IsCallable())
                runtime.Http().UpgradeSocket((int)id.AsNumber(), TlsOptions(options), new SocketTarget(Arg(args, 2)));
            return JsValue.Undefined;
        }, 3));
        // lookup(host, family 0|4|6, onAnswer) -> id; onAnswer(null, [family, address, ...]) or onAnswer(code, message).
        binding.Set("lookup", runtime.Function("lookup", args =>
        {
            var host = TypeConverter.ToString(Arg(args, 0));
            var family = (int)TypeConverter.ToNumber(Arg(args, 1));
            if (!Arg(args, 2).IsCallable())
                throw new JavaScriptException(engine.Intrinsics.TypeError, "socket binding: onAnswer must be a function");
            return Guarded(runtime, () => runtime.Http().Lookup(host, family, new LookupTarget(Arg(args, 2))));
        }, 3));
        // query(name, rrtype, servers [address, port, ...] | null, tryTimeoutMs, ttl, syscall, reverseOf | '', onAnswer) -> id;
        // onAnswer(null, [json of Node's value]) or onAnswer(code, message).
        binding.Set("query", runtime.Function("query", args =>
        {
            if (!Arg(args, 7).IsCallable())
                throw new JavaScriptException(engine.Intrinsics.TypeError, "socket binding: onAnswer must be a function");
            List<IPEndPoint>? servers = null;
            if (Arg(args, 2) is JsArray list)
            {
                servers = [];
                for (uint i = 0; i + 1 < list.Length; i += 2)
                {
                    var port = TypeConverter.ToNumber(list.Get(i + 1));
                    if (!IPAddress.TryParse(TypeConverter.ToString(list.Get(i)), out var server) || !(port is >= 1 and <= 65535) || port != Math.Floor(port))
                        throw new JavaScriptException(engine.Intrinsics.TypeError, $"socket binding: a DNS server must be an address and a port from 1 to 65535");
                    servers.Add(new IPEndPoint(server, (int)port));
                }
            }

            var reverseText = TypeConverter.ToString(Arg(args, 6));
            IPAddress? reverseOf = null;
            if (reverseText.Length > 0 && !IPAddress.TryParse(reverseText, out reverseOf))
                throw new JavaScriptException(engine.Intrinsics.TypeError, "socket binding: reverseOf must be an address");
            return Guarded(runtime, () => runtime.Http().Query(TypeConverter.ToString(Arg(args, 0)), TypeConverter.ToString(Arg(args, 1)), servers,
                (int)TypeConverter.ToNumber(Arg(args, 3)), TypeConverter.ToBoolean(Arg(args, 4)), TypeConverter.ToString(Arg(args, 5)),
                reverseOf, new LookupTarget(Arg(args, 7))));
        }, 8));
        // cancelQuery(id): the script cancelled the query; its answer is dropped.
        binding.Set("cancelQuery", IdFunction(runtime, "cancelQuery", static (http, id, _) => http.CancelQuery(id)));
        // canonicalAddress(text) -> the address as c-ares keeps it (IPv6 compressed, lower case, no zone).
        binding.Set("canonicalAddress", runtime.Function("canonicalAddress", args =>
        {
            var text = TypeConverter.ToString(Arg(args, 0));
            if (!IPAddress.TryParse(text, out var address))
                return JsString.Create(text);
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
                address.ScopeId = 0;
            return JsString.Create(address.ToString());
        }, 1));
        // systemServers() -> the system's DNS servers as Node's getServers() prints them.
        binding.Set("systemServers", runtime.Function("systemServers", _ =>
            new JsArray(engine, [.. DnsResolver.SystemServers().Select(s => (JsValue)JsString.Create(DnsResolver.Describe(s)))]), 0));
        // certificate(base64 DER) -> the parts of Node's getPeerCertificate() that are text.
        binding.Set("certificate", runtime.Function("certificate", args => Certificate(engine, TypeConverter.ToString(Arg(args, 0))), 1));
        return binding;
    }

    /// <summary>Calls the script's socket callback with one event (on the engine's thread).</summary>
    public static void Deliver(Engine engine, SocketTarget target, HttpEvent ev)
    {
        var details = ev.Headers ?? [];
        string Detail(int i) => i < details.Length ? details[i] : "";
        JsValue[] args = ev.Kind switch
        {
            HttpEventKind.Connect =>
            [
                JsString.Create("connect"), JsString.Create(Detail(0)), JsNumber.Create(int.Parse(Detail(1), CultureInfo.InvariantCulture)),
                JsString.Create(Detail(2)), JsNumber.Create(int.Parse(Detail(3), CultureInfo.InvariantCulture)), JsString.Create(Detail(4)),
            ],
            HttpEventKind.Secure =>
            [
                JsString.Create("secure"), JsString.Create(Detail(0)), JsString.Create(Detail(1)), Detail(2) == "1" ? JsBoolean.True : JsBoolean.False,
                JsString.Create(Detail(3)), JsString.Create(Detail(4)), JsString.Create(Detail(5)),
            ],
            HttpEventKind.Data => [JsString.Create("data"), engine.Intrinsics.Uint8Array.Construct(ev.Data ?? [])],
            HttpEventKind.End => [JsString.Create("end")],
            HttpEventKind.Written => [JsString.Create("written"), JsNumber.Create(ev.Status)],
            HttpEventKind.Finish => [JsString.Create("finish")],
            _ => FetchBinding.ErrorArguments(ev.Failure, "socket failed"),
        };
        engine.Call(target.Callback, JsValue.Undefined, args);
    }

    /// <summary>Calls a lookup's callback with its answer or error (on the engine's thread).</summary>
    public static void Answer(Engine engine, LookupTarget target, HttpEvent ev)
    {
        JsValue[] args = ev.Kind == HttpEventKind.Resolved
            ? [JsValue.Null, new JsArray(engine, [.. (ev.Headers ?? []).Select(h => (JsValue)JsString.Create(h))])]
            : [JsString.Create(ev.Failure?.Code ?? "ENOTFOUND"), JsString.Create(ev.Failure?.Message ?? "")];
        engine.Call(target.Callback, JsValue.Undefined, args);
    }

    private static JsValue Arg(JsValue[] args, int i) => i < args.Length ? args[i] : JsValue.Undefined;

    private static JsNumber Guarded(NodeRuntime runtime, Func<int> action)
    {
        try
        {
            return JsNumber.Create(action());
        }
        catch (HttpStartException ex)
        {
            throw runtime.Error(runtime.Engine.Intrinsics.Error, ex.Code, ex.Message);
        }
    }

    private static Jint.Runtime.Interop.ClrFunction IdFunction(NodeRuntime runtime, string name, Action<HttpSession, int, JsValue[]> action) =>
        runtime.Function(name, args =>
        {
            if (Arg(args, 0) is JsNumber id)
                action(runtime.Http(), (int)id.AsNumber(), args);
            return JsValue.Undefined;
        }, 1);

    // tls.js hands over checked options: strings, booleans and arrays of strings.
    internal static SocketTlsOptions TlsOptions(ObjectInstance options)
    {
        string? Text(string name) => options.Get(name) is JsString text ? text.ToString() : null;
        List<string> Texts(string name)
        {
            var list = new List<string>();
            if (options.Get(name) is JsArray array)
            {
                for (uint i = 0; i < array.Length; i++)
                    list.Add(TypeConverter.ToString(array.Get(i)));
            }

            return list;
        }

        return new SocketTlsOptions(Text("servername"), TypeConverter.ToBoolean(options.Get("rejectUnauthorized")), Texts("ca"), Texts("alpn"),
            Text("cert"), Text("key"), Text("passphrase"), Text("minVersion"), Text("maxVersion"));
    }

    private static JsValue Certificate(Engine engine, string base64)
    {
        if (base64.Length == 0)
            return JsValue.Undefined;
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64));
        var result = new JsObject(engine);
        result.Set("subject", Names(engine, certificate.SubjectName));
        result.Set("issuer", Names(engine, certificate.IssuerName));
        var altNames = HttpSession.AltNames(certificate);
        if (altNames.Length > 0)
            result.Set("subjectaltname", altNames);
        result.Set("valid_from", OpenSslDate(certificate.NotBefore));
        result.Set("valid_to", OpenSslDate(certificate.NotAfter));
        result.Set("serialNumber", certificate.SerialNumber.ToUpperInvariant());
#pragma warning disable CA5350 // Node's `fingerprint` is the SHA-1 of the certificate: an identifier, not a signature
        result.Set("fingerprint", Fingerprint(SHA1.HashData(certificate.RawData)));
#pragma warning restore CA5350
        result.Set("fingerprint256", Fingerprint(SHA256.HashData(certificate.RawData)));
        result.Set("fingerprint512", Fingerprint(SHA512.HashData(certificate.RawData)));
        return result;
    }

    // Node's subject/issuer objects: short attribute names, a repeated attribute as an array.
    private static ObjectInstance Names(Engine engine, X500DistinguishedName name)
    {
        var names = engine.Intrinsics.Object.Construct([]);
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames().Reverse())
        {
            if (rdn.HasMultipleElements)
                continue; // a multi-valued name part (rare): not shown rather than guessed at

            var key = rdn.GetSingleElementType().FriendlyName switch
            {
                null => rdn.GetSingleElementType().Value ?? "",
                var friendly => ShortName(friendly),
            };
            var value = rdn.GetSingleElementValue() ?? "";
            var existing = names.Get(key);
            if (existing.IsUndefined())
                names.Set(key, value);
            else if (existing is JsArray array)
                array.Push(value);
            else
                names.Set(key, new JsArray(engine, [existing, JsString.Create(value)]));
        }

        return names;
    }

    private static string ShortName(string friendly) => friendly switch
    {
        "CN" or "O" or "OU" or "C" or "L" or "S" or "E" => friendly == "S" ? "ST" : friendly == "E" ? "emailAddress" : friendly,
        "commonName" => "CN",
        "organizationName" => "O",
        "organizationalUnitName" => "OU",
        "countryName" => "C",
        "localityName" => "L",
        "stateOrProvinceName" => "ST",
        "emailAddress" => "emailAddress",
        _ => friendly,
    };

    // OpenSSL's ASN1_TIME_print: "Dec  7 13:00:00 2026 GMT".
    private static string OpenSslDate(DateTime local)
    {
        var utc = local.ToUniversalTime();
        return utc.ToString("MMM", CultureInfo.InvariantCulture) + " " + utc.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
            + utc.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture) + " GMT";
    }

    private static string Fingerprint(byte[] hash) => string.Join(":", hash.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
