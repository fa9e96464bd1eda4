using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace HooksDashboard.Web;

/// <summary>Why a request body is not usable JSON; each API family turns it into its own error shape.</summary>
internal enum JsonBodyProblemKind
{
    /// <summary>No bytes at all.</summary>
    Empty,

    /// <summary>More bytes than the endpoint accepts (413).</summary>
    TooLarge,

    /// <summary>Not JSON: syntax, invalid UTF-8, or a string with an unpaired UTF-16 surrogate escape.</summary>
    Malformed,

    /// <summary>An object names the same property twice (which one would count is ambiguous).</summary>
    DuplicateProperty,

    /// <summary>The transport refused the body (bad chunking, ended early, over the server's limit).</summary>
    Unreadable,
}

/// <summary>A refused JSON body: what is wrong, said for the caller, and the HTTP status it deserves.</summary>
internal sealed record JsonBodyProblem(JsonBodyProblemKind Kind, string Message, int StatusCode = StatusCodes.Status400BadRequest);

/// <summary>
/// The one strict JSON reader behind every API that takes a JSON body (the runtime endpoints and the Management
/// API). System.Text.Json parses lazily: a document with invalid UTF-8 inside a string, a lone surrogate escape
/// (<c>"\ud800"</c>) or a repeated property parses, and the failure comes later, as an
/// <see cref="InvalidOperationException"/> or <see cref="ArgumentException"/> from whatever code first reads the
/// value — deep in an endpoint, as a 500. This reader checks all of it up front, so a document it returns can be
/// read anywhere without throwing.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>Reads the whole body (at most <paramref name="maxBytes"/>) and parses it strictly.</summary>
    /// <returns>The root element (detached from any pooled buffer), or the problem.</returns>
    public static async Task<(JsonElement Root, JsonBodyProblem? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
            return (default, TooLarge(maxBytes));
        byte[] bytes;
        try
        {
            var read = await ReadBoundedAsync(request.Body, maxBytes, cancellationToken).ConfigureAwait(false);
            if (read is null)
                return (default, TooLarge(maxBytes));
            bytes = read;
        }
        catch (BadHttpRequestException e)
        {
            return (default, new JsonBodyProblem(JsonBodyProblemKind.Unreadable, e.Message, e.StatusCode));
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // Not a disconnect (that cancels the request): the framing said more bytes were coming than came.
            return (default, new JsonBodyProblem(JsonBodyProblemKind.Unreadable, "The body ended before it was complete."));
        }
        if (bytes.Length == 0)
            return (default, new JsonBodyProblem(JsonBodyProblemKind.Empty, "The body is empty."));
        var problem = Parse(bytes, out var root);
        return (root, problem);
    }

    /// <summary>Parses <paramref name="utf8"/> strictly; null when it is usable, with the root in <paramref name="root"/>.</summary>
    public static JsonBodyProblem? Parse(ReadOnlyMemory<byte> utf8, out JsonElement root)
    {
        root = default;
        // The reader does not validate the bytes inside strings; transcoding them later would throw.
        if (!Utf8.IsValid(utf8.Span))
            return new JsonBodyProblem(JsonBodyProblemKind.Malformed, "The body is not valid UTF-8.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException)
        {
            return new JsonBodyProblem(JsonBodyProblemKind.Malformed, "The body is not valid JSON.");
        }
        using (document)
        {
            var problem = Check(document.RootElement);
            if (problem is null)
                root = document.RootElement.Clone();
            return problem;
        }
    }

    /// <summary>Parses JSON text given inside another format (a form field); same checks as <see cref="Parse(ReadOnlyMemory{byte}, out JsonElement)"/>.</summary>
    public static JsonBodyProblem? Parse(string text, out JsonElement root) => Parse(Encoding.UTF8.GetBytes(text), out root);

    /// <summary>Reads every property name and string once (unescaping them), and finds repeated names. Depth is bounded by the parse (64).</summary>
    private static JsonBodyProblem? Check(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? names = null;
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryRead(() => property.Name, out var name))
                        return UnpairedSurrogate();
                    names ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!names.Add(name))
                        return new JsonBodyProblem(JsonBodyProblemKind.DuplicateProperty, $"Property {name} appears more than once.");
                    if (Check(property.Value) is { } inner)
                        return inner;
                }
                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Check(item) is { } inner)
                        return inner;
                }
                return null;
            case JsonValueKind.String:
                return TryRead(element.GetString, out _) ? null : UnpairedSurrogate();
            default:
                return null;
        }
    }

    private static bool TryRead(Func<string?> read, out string value)
    {
        try
        {
            value = read() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            // "Cannot read invalid UTF-16 JSON text as string": an escape such as \ud800 without its pair.
            value = "";
            return false;
        }
    }

    private static JsonBodyProblem UnpairedSurrogate() =>
        new(JsonBodyProblemKind.Malformed, "The body is not valid JSON: a string holds an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF).");

    private static JsonBodyProblem TooLarge(int maxBytes) =>
        new(JsonBodyProblemKind.TooLarge, $"The body is larger than {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    /// <summary>The body's bytes, or null as soon as it passes <paramref name="maxBytes"/> (a chunked body has no length to check first).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
