using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HooksDashboard.Catalog;

/// <summary>Measures JSON as it would be written (UTF-8, compact) without keeping the text: one pass, no large buffer.</summary>
internal static class JsonSize
{
    /// <summary>UTF-8 bytes of the compact JSON of <paramref name="node"/> (<c>null</c> for a null node).</summary>
    public static long Utf8Bytes(JsonNode? node)
    {
        var counter = new CountingWriter();
        using (var writer = new Utf8JsonWriter(counter, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (node is null)
                writer.WriteNullValue();
            else
                node.WriteTo(writer);
        }

        return counter.Count;
    }

    /// <summary>Counts what is written into a small scratch buffer it keeps reusing.</summary>
    private sealed class CountingWriter : IBufferWriter<byte>
    {
        private byte[] _scratch = new byte[4096];

        public long Count { get; private set; }

        public void Advance(int count) => Count += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint);

        private byte[] Scratch(int sizeHint)
        {
            if (sizeHint > _scratch.Length)
                _scratch = new byte[sizeHint];
            return _scratch;
        }
    }
}
