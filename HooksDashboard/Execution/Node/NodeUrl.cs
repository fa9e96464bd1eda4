using System.Globalization;
using Jint.Native;
using Jint.Runtime;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// The host side of <c>url</c>: IDNA (UTS #46) mapping of non-ASCII domains through <see cref="IdnMapping"/>, the one
/// step of WHATWG URL parsing the JavaScript parser in <c>url.js</c> leaves to the host. Plain strings in and out.
/// </summary>
internal static class NodeUrl
{
    // The URL Standard's domain to ASCII runs UTS #46 with CheckHyphens and UseSTD3ASCIIRules off.
    private static readonly IdnMapping Idn = new() { AllowUnassigned = true, UseStd3AsciiRules = false };

    /// <summary>Longest domain handed to the mapper: far beyond DNS's 253 characters, small enough to bound the work.</summary>
    private const int MaxDomainLength = 4096;

    public static JsValue Binding(NodeRuntime runtime)
    {
        var binding = new JsObject(runtime.Engine);
        binding.Set("toASCII", runtime.Function("toASCII", args => Map(args, toAscii: true), 1));
        binding.Set("toUnicode", runtime.Function("toUnicode", args => Map(args, toAscii: false), 1));
        return binding;
    }

    // null when the domain is not a valid IDNA name (the URL parser's host failure).
    private static JsValue Map(JsValue[] args, bool toAscii)
    {
        var domain = TypeConverter.ToString(args.Length > 0 ? args[0] : JsValue.Undefined);
        if (domain.Length == 0 || domain.Length > MaxDomainLength)
        {
            return JsValue.Null;
        }

        try
        {
            // IdnMapping refuses a trailing dot (the root label), which URLs keep.
            var trailingDot = domain.EndsWith('.') && domain.Length > 1;
            var body = trailingDot ? domain[..^1] : domain;
            var mapped = toAscii ? Idn.GetAscii(body) : Idn.GetUnicode(body);
            return JsString.Create((toAscii ? mapped.ToLowerInvariant() : mapped) + (trailingDot ? "." : string.Empty));
        }
        catch (ArgumentException)
        {
            return JsValue.Null;
        }
    }
}
