using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;

namespace HooksDashboard.Logs;

/// <summary>
/// Keeps secrets out of the execution log's payloads and console lines. Pure: works on copies, no I/O.
/// <list type="bullet">
/// <item><c>context.webtask</c> is removed from every payload (it is where the runner puts secrets).</item>
/// <item>For runtime and command-line payloads, the value of every property whose name contains
/// password, passwd, pwd, secret or token (any case, any depth) becomes <see cref="Redacted"/>.</item>
/// <item>Every occurrence of a secret value of the hook in payload strings and console lines becomes
/// <see cref="Redacted"/>, through the one <see cref="SecretRedactor"/> every consumer of results uses.</item>
/// </list>
/// </summary>
public static class PayloadRedactor
{
    public const string Redacted = SecretRedactor.Redacted;

    private static readonly string[] SensitiveNameParts = ["password", "passwd", "pwd", "secret", "token"];

    /// <summary>Whether a property of this name has its value replaced in runtime and command-line payloads.</summary>
    public static bool IsSensitiveName(string name) =>
        SensitiveNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>What is stored instead of a payload that is not valid JSON (its text could hold anything).</summary>
    public const string InvalidPayload = "\"[redacted: the payload was not valid JSON]\"";

    /// <summary>Property names this long or shorter are unescaped on the stack.</summary>
    private const int StackNameChars = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The payload as it may be stored: a redacted copy as JSON text.</summary>
    /// <param name="payloadJson">The payload as given, as JSON text; null stays null. Text that is not valid JSON
    /// becomes <see cref="InvalidPayload"/>.</param>
    /// <param name="redactSensitiveNames">True for runtime and command-line runs, false for test-panel runs.</param>
    /// <param name="secrets">The hook's secret values.</param>
    /// <remarks>
    /// One pass from reader to writer, no document: the result is what parsing the payload into a
    /// <see cref="JsonNode"/>, removing <c>context.webtask</c>, replacing sensitive-named values and scrubbing secret
    /// values (property names included) and writing it back gave, byte for byte (compact; strings and names re-escaped
    /// by the writer's default encoder; numbers as written). A property whose name held a secret value moves to the
    /// end of its object under the scrubbed name, and is left out when the object already has that name, as
    /// removing and re-adding it did.
    /// </remarks>
    public static string? RedactPayload(string? payloadJson, bool redactSensitiveNames, SecretRedactor secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (payloadJson is null)
            return null;

        byte[]? rented = null;
        try
        {
            var max = StrictUtf8.GetMaxByteCount(payloadJson.Length);
            rented = ArrayPool<byte>.Shared.Rent(max <= 1 << 20 ? max : StrictUtf8.GetByteCount(payloadJson));
            var length = StrictUtf8.GetBytes(payloadJson, rented);
            var output = new ArrayBufferWriter<byte>(Math.Max(length, 16));
            var pass = new Pass(redactSensitiveNames, secrets);
            using (var writer = new Utf8JsonWriter(output))
            {
                var reader = new Utf8JsonReader(rented.AsSpan(0, length));
                if (!reader.Read())
                    return InvalidPayload;
                pass.WriteValue(ref reader, writer, Place.Root);
                // Anything after the value other than white space is an error of the reader.
                if (reader.Read())
                    return InvalidPayload;
            }

            return Encoding.UTF8.GetString(output.WrittenSpan);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON (or text no JSON parser would accept: invalid UTF-16, escaped lone surrogates): nothing of it is kept.
            return InvalidPayload;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Where a value sits: the payload itself, <c>context</c> at its top, or anywhere else.</summary>
    private enum Place
    {
        Other,
        Root,
        Context,
    }

    /// <summary>One redaction pass: the options, walked recursively with the reader.</summary>
    private readonly struct Pass(bool redactSensitiveNames, SecretRedactor secrets)
    {
        private readonly bool _scrub = secrets.Values.Count > 0;

        /// <summary>Copies the value the reader is on (redacted) and leaves the reader on its last token.</summary>
        public void WriteValue(ref Utf8JsonReader reader, Utf8JsonWriter writer, Place place)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    WriteObject(ref reader, writer, place);
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        WriteValue(ref reader, writer, Place.Other);
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.String:
                    WriteString(ref reader, writer);
                    break;
                case JsonTokenType.Number:
                    // As written in the payload, as a parsed document writes it back.
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True:
                    writer.WriteBooleanValue(true);
                    break;
                case JsonTokenType.False:
                    writer.WriteBooleanValue(false);
                    break;
                case JsonTokenType.Null:
                    writer.WriteNullValue();
                    break;
                default:
                    throw new JsonException($"Unexpected JSON token {reader.TokenType}.");
            }
        }

        private void WriteString(ref Utf8JsonReader reader, Utf8JsonWriter writer)
        {
            if (_scrub)
            {
                writer.WriteStringValue(secrets.Redact(reader.GetString()));
            }
            else if (!reader.ValueIsEscaped)
            {
                writer.WriteStringValue(reader.ValueSpan);
            }
            else
            {
                var buffer = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
                try
                {
                    var written = reader.CopyString(buffer);
                    writer.WriteStringValue(buffer.AsSpan(0, written));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        private void WriteObject(ref Utf8JsonReader reader, Utf8JsonWriter writer, Place place)
        {
            writer.WriteStartObject();
            // Only when secret values are scrubbed: every name of this object, and the properties whose name changed.
            List<string>? names = null;
            List<(int Index, string Name, byte[] Value)>? renamed = null;
            char[]? rentedName = null;
            Span<char> nameBuffer = stackalloc char[StackNameChars];
            try
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var raw = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                    if (raw > nameBuffer.Length)
                    {
                        if (rentedName is not null)
                            ArrayPool<char>.Shared.Return(rentedName);
                        rentedName = ArrayPool<char>.Shared.Rent(raw);
                        nameBuffer = rentedName;
                    }

                    ReadOnlySpan<char> name = nameBuffer[..reader.CopyString(nameBuffer)];
                    if (!reader.Read())
                        throw new JsonException("A property has no value.");

                    if (place == Place.Context && name.SequenceEqual("webtask"))
                    {
                        // Where the runner puts secrets: never stored.
                        reader.Skip();
                        continue;
                    }

                    var childPlace = place == Place.Root && name.SequenceEqual("context") ? Place.Context : Place.Other;
                    var sensitive = redactSensitiveNames && reader.TokenType != JsonTokenType.Null && IsSensitiveName(name);
                    if (!_scrub)
                    {
                        writer.WritePropertyName(name);
                        WriteChild(ref reader, writer, childPlace, sensitive);
                        continue;
                    }

                    var original = name.ToString();
                    names ??= [];
                    names.Add(original);
                    var scrubbed = secrets.Redact(original);
                    if (ReferenceEquals(scrubbed, original))
                    {
                        writer.WritePropertyName(original);
                        WriteChild(ref reader, writer, childPlace, sensitive);
                        continue;
                    }

                    // Written after the others, as the document's remove and re-add did.
                    var side = new ArrayBufferWriter<byte>();
                    using (var sideWriter = new Utf8JsonWriter(side))
                        WriteChild(ref reader, sideWriter, childPlace, sensitive);
                    renamed ??= [];
                    renamed.Add((names.Count - 1, scrubbed, side.WrittenSpan.ToArray()));
                }

                if (reader.TokenType != JsonTokenType.EndObject)
                    throw new JsonException("An object is not closed.");
                if (renamed is not null)
                    WriteRenamed(writer, names!, renamed);
            }
            finally
            {
                if (rentedName is not null)
                    ArrayPool<char>.Shared.Return(rentedName);
            }

            writer.WriteEndObject();
        }

        private void WriteChild(ref Utf8JsonReader reader, Utf8JsonWriter writer, Place place, bool sensitive)
        {
            if (sensitive)
            {
                writer.WriteStringValue(_scrub ? secrets.Redact(Redacted) : Redacted);
                reader.Skip();
            }
            else
            {
                WriteValue(ref reader, writer, place);
            }
        }

        /// <summary>
        /// The properties whose name held a secret, in order, under their scrubbed name: one is left out when a property
        /// of that name is in the object at its turn (a name that did not change, one still to be renamed, or one
        /// re-added before it).
        /// </summary>
        private static void WriteRenamed(Utf8JsonWriter writer, List<string> names, List<(int Index, string Name, byte[] Value)> renamed)
        {
            var present = new HashSet<string>(StringComparer.Ordinal);
            var renamedIndexes = new HashSet<int>(renamed.Select(r => r.Index));
            for (var i = 0; i < names.Count; i++)
            {
                if (!renamedIndexes.Contains(i))
                    present.Add(names[i]);
            }

            for (var k = 0; k < renamed.Count; k++)
            {
                var (_, name, value) = renamed[k];
                var taken = present.Contains(name);
                for (var later = k + 1; !taken && later < renamed.Count; later++)
                    taken = string.Equals(names[renamed[later].Index], name, StringComparison.Ordinal);
                if (taken)
                    continue;
                present.Add(name);
                writer.WritePropertyName(name);
                writer.WriteRawValue(value, skipInputValidation: true);
            }
        }
    }

    /// <summary>Whether a property of this name has its value replaced in runtime and command-line payloads.</summary>
    private static bool IsSensitiveName(ReadOnlySpan<char> name)
    {
        foreach (var part in SensitiveNameParts)
        {
            if (name.Contains(part, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    /// <summary>
    /// Console lines within the bounds, secret values scrubbed. A line that would cross the byte bound is cut
    /// (when it is the first) or left out with the rest.
    /// </summary>
    /// <returns>The kept lines and how many were not kept.</returns>
    public static (IReadOnlyList<ConsoleLine> Kept, int Dropped) BoundConsole(
        IReadOnlyList<ConsoleLine> lines, int maxLines, int maxBytes, SecretRedactor secrets)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(secrets);
        var kept = new List<ConsoleLine>(Math.Min(lines.Count, maxLines));
        var bytes = 0;
        foreach (var line in lines)
        {
            if (kept.Count >= maxLines)
                break;
            var message = secrets.Redact(line.Message);
            var size = Encoding.UTF8.GetByteCount(message);
            if (bytes + size > maxBytes)
            {
                if (kept.Count == 0 && maxBytes > 0)
                    kept.Add(line with { Message = Truncate(message, maxBytes) });
                break;
            }
            bytes += size;
            kept.Add(line with { Message = message });
        }
        return (kept, lines.Count - kept.Count);
    }

    /// <summary>The longest prefix of at most <paramref name="maxBytes"/> UTF-8 bytes, not splitting a surrogate pair.</summary>
    private static string Truncate(string text, int maxBytes)
    {
        var length = Math.Min(text.Length, maxBytes);
        while (length > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) > maxBytes)
            length--;
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
            length--;
        return text[..length];
    }
}
