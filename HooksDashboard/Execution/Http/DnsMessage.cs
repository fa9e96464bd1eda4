using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace HooksDashboard.Execution.Http;

/// <summary>A DNS answer's record: its owner, type, TTL and where its data is in the message.</summary>
internal readonly record struct DnsRecord(string Name, ushort Type, uint Ttl, int Offset, int Length);

/// <summary>A DNS response as the resolver reads it: the response code, the truncation flag and the answer section.</summary>
internal sealed record DnsResponse(int ResponseCode, bool Truncated, IReadOnlyList<DnsRecord> Answers, byte[] Message);

/// <summary>The response could not be read (Node's <c>EBADRESP</c>).</summary>
internal sealed class DnsFormatException(string message) : Exception(message);

/// <summary>
/// DNS messages (RFC 1035) for the script's record queries (<c>dns.resolveMx</c>, <c>resolveTxt</c>, <c>resolveSrv</c>, ...):
/// the query a resolver sends, the response it reads, and each record type's data in the shape Node's <c>dns</c> module
/// gives it (<see cref="ToJson"/>). No EDNS: an answer over 512 bytes comes truncated and is asked again over TCP.
/// </summary>
internal static class DnsMessage
{
    public const int ClassIn = 1;
    public const ushort TypeA = 1;
    public const ushort TypeAaaa = 28;
    public const ushort TypeAny = 255;
    public const ushort TypeCname = 5;
    public const ushort TypeSoa = 6;

    /// <summary>The record types Node's resolver queries, by the names its <c>resolve(name, rrtype)</c> takes.</summary>
    public static readonly FrozenDictionary<string, ushort> Types = new Dictionary<string, ushort>(StringComparer.Ordinal)
    {
        ["A"] = TypeA, ["NS"] = 2, ["CNAME"] = 5, ["SOA"] = 6, ["PTR"] = 12, ["MX"] = 15, ["TXT"] = 16, ["AAAA"] = TypeAaaa,
        ["SRV"] = 33, ["NAPTR"] = 35, ["ANY"] = TypeAny, ["CAA"] = 257,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // A (or CNAME), AAAA, MX, NS, TXT, SRV, PTR, NAPTR, SOA, CAA.
    private static readonly ushort[] AnyOrder = [TypeA, TypeAaaa, 15, 2, 16, 33, 12, 35, TypeSoa, 257];

    private static readonly FrozenDictionary<ushort, string> Names = Types.ToFrozenDictionary(p => p.Value, p => p.Key);

    /// <summary>
    /// The query for <paramref name="name"/> (dots between labels, one final dot allowed; <c>\.</c>, <c>\\</c> and
    /// <c>\DDD</c> escape a label's bytes), recursion desired. Null when the name cannot be sent: an empty label, a label
    /// over 63 bytes, or more than 255 bytes in all (Node's <c>EBADNAME</c>).
    /// </summary>
    public static byte[]? Query(ushort id, string name, ushort type)
    {
        var labels = Labels(name);
        if (labels is null)
            return null;
        var length = 12 + 1 + labels.Sum(l => l.Length + 1) + 4;
        if (length - 16 > 255)
            return null;
        var query = new byte[length];
        BinaryPrimitives.WriteUInt16BigEndian(query, id);
        query[2] = 0x01; // RD
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(4), 1); // QDCOUNT
        var at = 12;
        foreach (var label in labels)
        {
            query[at++] = (byte)label.Length;
            label.CopyTo(query, at);
            at += label.Length;
        }

        query[at++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(at), type);
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(at + 2), ClassIn);
        return query;
    }

    private static List<byte[]>? Labels(string name)
    {
        var labels = new List<byte[]>();
        if (name is "" or ".")
            return labels;
        var current = new List<byte>();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '.')
            {
                if (current.Count == 0)
                    return null;
                labels.Add([.. current]);
                current.Clear();
                if (i == name.Length - 1)
                    return labels;
                continue;
            }

            if (c == '\\' && i + 1 < name.Length)
            {
                if (i + 3 < name.Length && char.IsAsciiDigit(name[i + 1]) && char.IsAsciiDigit(name[i + 2]) && char.IsAsciiDigit(name[i + 3]))
                {
                    var value = int.Parse(name.AsSpan(i + 1, 3), CultureInfo.InvariantCulture);
                    if (value > 255)
                        return null;
                    current.Add((byte)value);
                    i += 3;
                    continue;
                }

                c = name[++i];
            }

            // The name is ASCII already (the script's side converts names to their ASCII form); anything else is sent
            // as its UTF-8 bytes, as a resolver given such a name does.
            if (c < 0x80)
                current.Add((byte)c);
            else
                current.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            if (current.Count > 63)
                return null;
        }

        if (current.Count == 0)
            return null;
        labels.Add([.. current]);
        return labels;
    }

    /// <summary>
    /// Reads a response to query <paramref name="id"/> (asking <paramref name="query"/>'s question, when given); null when
    /// the message is not that response (another id or question, not a response).
    /// </summary>
    /// <exception cref="DnsFormatException">The message is that response but cannot be read.</exception>
    public static DnsResponse? Parse(byte[] message, ushort id, byte[]? query = null)
    {
        if (message.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(message) != id || (message[2] & 0x80) == 0)
            return null;
        if (query is not null && !SameQuestion(message, query))
            return null;
        var truncated = (message[2] & 0x02) != 0;
        var responseCode = message[3] & 0x0F;
        var questions = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(4));
        var answers = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(6));
        var at = 12;
        var records = new List<DnsRecord>(answers);
        try
        {
            for (var i = 0; i < questions; i++)
            {
                ReadName(message, ref at);
                at += 4;
            }

            for (var i = 0; i < answers; i++)
            {
                var name = ReadName(message, ref at);
                if (at + 10 > message.Length)
                    throw new DnsFormatException("a record is cut short");
                var type = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(at));
                var recordClass = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(at + 2));
                var ttl = BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(at + 4));
                var length = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(at + 8));
                at += 10;
                if (at + length > message.Length)
                    throw new DnsFormatException("a record's data is cut short");
                if (recordClass == ClassIn)
                    records.Add(new DnsRecord(name, type, ttl, at, length));
                at += length;
            }
        }
        catch (DnsFormatException) when (truncated)
        {
            // A truncated answer is asked again over TCP: what it held is not read.
        }

        return new DnsResponse(responseCode, truncated, records, message);
    }

    // The response repeats the query's one question (names compared without regard to ASCII case), as c-ares checks.
    private static bool SameQuestion(byte[] message, byte[] query)
    {
        if (BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(4)) != 1 || message.Length < query.Length)
            return false;
        for (var i = 12; i < query.Length; i++)
        {
            if (char.ToLowerInvariant((char)message[i]) != char.ToLowerInvariant((char)query[i]))
                return false;
        }

        return true;
    }

    /// <summary>
    /// The name as it goes on the wire (<see cref="Query"/>'s escapes decoded), written as a resolver prints names
    /// (<see cref="ReadName"/>'s escapes); null when it cannot be sent. Judged by the egress policy in place of the text
    /// the script gave.
    /// </summary>
    public static string? WireName(string name)
    {
        var labels = Labels(name);
        if (labels is null)
            return null;
        var text = new StringBuilder();
        foreach (var label in labels)
        {
            if (text.Length > 0)
                text.Append('.');
            AppendLabel(text, label);
        }

        return text.ToString();
    }

    // As c-ares prints a label: `. " ; \ ( ) @ $` escaped with a backslash, unprintable bytes as \DDD.
    private static void AppendLabel(StringBuilder name, ReadOnlySpan<byte> label)
    {
        foreach (var b in label)
        {
            if (b is (byte)'.' or (byte)'\\' or (byte)'"' or (byte)';' or (byte)'(' or (byte)')' or (byte)'@' or (byte)'$')
                name.Append('\\').Append((char)b);
            else if (b is < 0x20 or >= 0x7F)
                name.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
            else
                name.Append((char)b);
        }
    }

    /// <summary>Reads a (possibly compressed) name at <paramref name="at"/>, moving past it; labels joined by dots, escaped as a resolver prints them.</summary>
    public static string ReadName(byte[] message, ref int at)
    {
        var name = new StringBuilder();
        var position = at;
        var jumped = false;
        var jumps = 0;
        while (true)
        {
            if (position >= message.Length)
                throw new DnsFormatException("a name runs past the message");
            var length = message[position];
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length || ++jumps > 64)
                    throw new DnsFormatException("a name's compression pointer is invalid");
                var target = ((length & 0x3F) << 8) | message[position + 1];
                // Pointers point back, to a name earlier in the message (as c-ares requires).
                if (target >= position)
                    throw new DnsFormatException("a name's compression pointer points forward");
                if (!jumped)
                    at = position + 2;
                jumped = true;
                position = target;
                continue;
            }

            if ((length & 0xC0) != 0)
                throw new DnsFormatException("a name has an unknown label type");
            position++;
            if (length == 0)
                break;
            if (position + length > message.Length || name.Length > 1024)
                throw new DnsFormatException("a name runs past the message");
            if (name.Length > 0)
                name.Append('.');
            AppendLabel(name, message.AsSpan(position, length));
            position += length;
        }

        if (!jumped)
            at = position;
        return name.ToString();
    }

    /// <summary>
    /// The answer to a query of <paramref name="type"/> as Node's resolver gives it, as JSON: an array of addresses, names
    /// (NS, CNAME, PTR), TXT entry lists or record objects; SOA's one object; for ANY, every record with its
    /// <c>type</c>, grouped by type in Node's order (a CNAME in place of the addresses). <c>Found</c> is false when no
    /// record of the type is in the answer (the JSON is then an empty list). Texts are read as Node reads them, a
    /// character per byte; an address's TTL through a CNAME is the smaller of the two.
    /// </summary>
    /// <exception cref="DnsFormatException">A record's data cannot be read.</exception>
    public static (string Json, bool Found) ToJson(DnsResponse response, ushort type, bool ttl = false)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var found = false;
        var cname = response.Answers.Any(r => r.Type == TypeCname);
        var cnameTtl = cname ? response.Answers.Where(r => r.Type == TypeCname).Min(r => r.Ttl) : uint.MaxValue;
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (type == TypeSoa)
            {
                foreach (var record in response.Answers)
                {
                    if (record.Type != type)
                        continue;
                    WriteRecord(json, response.Message, record, any: false, ttl, cnameTtl);
                    found = true;
                    break;
                }

                if (!found)
                    json.WriteNullValue();
            }
            else
            {
                json.WriteStartArray();
                foreach (var wanted in type == TypeAny ? AnyOrder : [type])
                {
                    // ANY: Node reports a CNAME where the addresses would be, and not the addresses.
                    var slot = type == TypeAny && wanted == TypeA && cname ? TypeCname : wanted;
                    foreach (var record in response.Answers)
                    {
                        if (record.Type != slot)
                            continue;
                        WriteRecord(json, response.Message, record, type == TypeAny, ttl, cnameTtl);
                        found = true;
                    }
                }

                json.WriteEndArray();
            }
        }

        return (Encoding.UTF8.GetString(buffer.WrittenSpan), found);
    }

    private static void WriteRecord(Utf8JsonWriter json, byte[] message, DnsRecord record, bool any, bool ttl, uint cnameTtl)
    {
        var data = new ArraySegment<byte>(message, record.Offset, record.Length);
        var at = record.Offset;
        var end = record.Offset + record.Length;
        string Name()
        {
            var name = ReadName(message, ref at);
            if (at > end)
                throw new DnsFormatException("a name runs past its record");
            return name;
        }

        ushort Short(int offset) => offset + 2 <= data.Count
            ? BinaryPrimitives.ReadUInt16BigEndian(data[offset..])
            : throw new DnsFormatException("a record is cut short");
        uint Int(int offset) => offset + 4 <= data.Count
            ? BinaryPrimitives.ReadUInt32BigEndian(data[offset..])
            : throw new DnsFormatException("a record is cut short");

        // The end of a record's object: for ANY, with its type.
        void EndRecord()
        {
            if (any)
                json.WriteString("type", Names[record.Type]);
            json.WriteEndObject();
        }

        switch (record.Type)
        {
            case TypeA or TypeAaaa:
                {
                    if (data.Count != (record.Type == TypeA ? 4 : 16))
                        throw new DnsFormatException("an address record has the wrong length");
                    var address = new IPAddress(data).ToString();
                    if (any || ttl)
                    {
                        json.WriteStartObject();
                        json.WriteString("address", address);
                        json.WriteNumber("ttl", any ? record.Ttl : Math.Min(record.Ttl, cnameTtl));
                        EndRecord();
                    }
                    else
                    {
                        json.WriteStringValue(address);
                    }

                    break;
                }

            case 2 or 5 or 12: // NS, CNAME, PTR
                {
                    var value = Name();
                    if (any)
                    {
                        json.WriteStartObject();
                        json.WriteString("value", value);
                        EndRecord();
                    }
                    else
                    {
                        json.WriteStringValue(value);
                    }

                    break;
                }

            case 15: // MX
                {
                    var priority = Short(0);
                    at += 2;
                    json.WriteStartObject();
                    json.WriteString("exchange", Name());
                    json.WriteNumber("priority", priority);
                    EndRecord();
                    break;
                }

            case 16: // TXT
                {
                    if (data.Count == 0)
                        throw new DnsFormatException("a text record has no text");
                    if (any)
                    {
                        json.WriteStartObject();
                        json.WritePropertyName("entries");
                    }

                    json.WriteStartArray();
                    for (var i = 0; i < data.Count;)
                    {
                        var length = data[i];
                        if (i + 1 + length > data.Count)
                            throw new DnsFormatException("a text record is cut short");
                        json.WriteStringValue(Latin1(data.Slice(i + 1, length)));
                        i += 1 + length;
                    }

                    json.WriteEndArray();
                    if (any)
                        EndRecord();

                    break;
                }

            case 33: // SRV
                {
                    var priority = Short(0);
                    var weight = Short(2);
                    var port = Short(4);
                    at += 6;
                    json.WriteStartObject();
                    json.WriteString("name", Name());
                    json.WriteNumber("port", port);
                    json.WriteNumber("priority", priority);
                    json.WriteNumber("weight", weight);
                    EndRecord();
                    break;
                }

            case 6: // SOA
                {
                    var nsname = Name();
                    var hostmaster = Name();
                    var numbers = at - record.Offset;
                    json.WriteStartObject();
                    json.WriteString("nsname", nsname);
                    json.WriteString("hostmaster", hostmaster);
                    json.WriteNumber("serial", Int(numbers));
                    json.WriteNumber("refresh", Int(numbers + 4));
                    json.WriteNumber("retry", Int(numbers + 8));
                    json.WriteNumber("expire", Int(numbers + 12));
                    json.WriteNumber("minttl", Int(numbers + 16));
                    EndRecord();
                    break;
                }

            case 35: // NAPTR
                {
                    var order = Short(0);
                    var preference = Short(2);
                    var i = 4;
                    string Text()
                    {
                        if (i >= data.Count || i + 1 + data[i] > data.Count)
                            throw new DnsFormatException("a NAPTR record is cut short");
                        var text = Latin1(data.Slice(i + 1, data[i]));
                        i += 1 + data[i];
                        return text;
                    }

                    var flags = Text();
                    var service = Text();
                    var regexp = Text();
                    at = record.Offset + i;
                    json.WriteStartObject();
                    json.WriteString("flags", flags);
                    json.WriteString("service", service);
                    json.WriteString("regexp", regexp);
                    json.WriteString("replacement", Name());
                    json.WriteNumber("order", order);
                    json.WriteNumber("preference", preference);
                    EndRecord();
                    break;
                }

            case 257: // CAA
                {
                    if (data.Count < 2 || 2 + data[1] > data.Count)
                        throw new DnsFormatException("a CAA record is cut short");
                    json.WriteStartObject();
                    json.WriteNumber("critical", data[0]);
                    json.WriteString(Latin1(data.Slice(2, data[1])), Latin1(data[(2 + data[1])..]));
                    EndRecord();
                    break;
                }
        }
    }

    private static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
}
