using System.Text;
using System.Text.RegularExpressions;

namespace HooksDashboard.Execution.Http;

/// <summary>
/// One outbound request an invocation made (each redirect hop is its own), as shown in the test panel's Network list,
/// stored with the execution log and printed by <c>run-hook</c> as <c>requests</c>. The URL's secret-looking query
/// values are redacted; bodies are cut to <see cref="MaxBodyChars"/>; the hook's secret values are scrubbed by
/// <see cref="SecretRedactor"/> like the rest of a result.
/// </summary>
public sealed record HttpRequestRecord
{
    /// <summary>Characters of a request or response body kept in the record.</summary>
    public const int MaxBodyChars = 4096;

    public required string Method { get; init; }

    /// <summary>The URL, with the values of query parameters named like secrets replaced by <c>[redacted]</c>.</summary>
    public required string Url { get; init; }

    /// <summary>The response's status, or null when none came (refused, failed, cancelled).</summary>
    public int? Status { get; init; }

    /// <summary>Milliseconds since the invocation started when the request started.</summary>
    public double StartedMs { get; init; }

    public double DurationMs { get; init; }

    public long RequestBytes { get; init; }

    public long ResponseBytes { get; init; }

    /// <summary>Answered by an HTTP mock rule instead of the network.</summary>
    public bool Mocked { get; init; }

    /// <summary>Why it failed (<c>EEGRESS: ...</c>, <c>ETIMEDOUT: ...</c>), or null.</summary>
    public string? Error { get; init; }

    /// <summary>The request body as text, at most <see cref="MaxBodyChars"/> characters (binary bodies are described).</summary>
    public string? RequestBody { get; init; }

    /// <summary>The response body as text, at most <see cref="MaxBodyChars"/> characters.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>The record with the hook's secret values scrubbed from its URL, error and bodies.</summary>
    public HttpRequestRecord Redact(SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        return this with
        {
            Url = redactor.Redact(Url),
            Error = redactor.Redact(Error),
            RequestBody = redactor.Redact(RequestBody),
            ResponseBody = redactor.Redact(ResponseBody),
        };
    }

    private static readonly Regex SecretName = new(
        "(secret|token|password|passwd|pwd|key|auth|signature|sig|credential|session|code|otp|ticket|assertion)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    /// <summary>The URL with the values of secret-looking query parameters (and a password in the authority) replaced.</summary>
    public static string RedactUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            var at = url.IndexOf('@', StringComparison.Ordinal);
            var colon = url.IndexOf(':', url.IndexOf("//", StringComparison.Ordinal) + 2);
            if (at > 0 && colon > 0 && colon < at)
                url = string.Concat(url.AsSpan(0, colon + 1), SecretRedactor.Redacted, url.AsSpan(at));
        }

        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
            return url;
        var hash = url.IndexOf('#', query);
        var end = hash < 0 ? url.Length : hash;
        var builder = new StringBuilder(url.Length).Append(url, 0, query + 1);
        var pairs = url[(query + 1)..end].Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            if (i > 0)
                builder.Append('&');
            var pair = pairs[i];
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && eq < pair.Length - 1 && IsSecretName(Uri.UnescapeDataString(pair[..eq])))
                builder.Append(pair, 0, eq + 1).Append(SecretRedactor.Redacted);
            else
                builder.Append(pair);
        }

        return builder.Append(url, end, url.Length - end).ToString();
    }

    private static bool IsSecretName(string name)
    {
        try
        {
            return SecretName.IsMatch(name);
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    /// <summary>A body as the record keeps it: UTF-8 text cut to <see cref="MaxBodyChars"/>, or a description of binary data.</summary>
    public static string? DescribeBody(ReadOnlySpan<byte> body, long totalBytes, string? contentType)
    {
        if (totalBytes == 0)
            return null;
        var textual = contentType is null
            || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("multipart/", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("javascript", StringComparison.OrdinalIgnoreCase);
        var sample = body[..Math.Min(body.Length, MaxBodyChars * 3)];
        if (!textual || sample.Contains((byte)0))
            return $"<{totalBytes} bytes of {contentType ?? "binary data"}>";
        var text = Encoding.UTF8.GetString(sample);
        if (text.Length > MaxBodyChars)
            text = text[..MaxBodyChars];
        return text.Length < totalBytes && (text.Length == MaxBodyChars || sample.Length < totalBytes)
            ? text + $"… ({totalBytes} bytes in all)"
            : text;
    }
}
