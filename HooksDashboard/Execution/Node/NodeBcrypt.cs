using Jint.Native;
using Jint.Runtime;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// The host side of <c>internal/bcrypt</c>: one bcrypt computation (EksBlowfish, BouncyCastle's) for the bcryptjs API
/// the loader gives hooks in place of the package's interpreted code (<c>internal-bcrypt.js</c>). A cost-10 hash takes
/// ~20 s interpreted, ~70 ms here, as under Node. Costs are capped: one call cannot be interrupted by the invocation's
/// deadline, so it must stay within seconds.
/// </summary>
internal static class NodeBcrypt
{
    /// <summary>The highest cost (log2 rounds) one call computes: 2^15 rounds take ~2 s here, each further step doubles it.</summary>
    public const int MaxCost = 15;

    public static JsObject Binding(NodeRuntime runtime)
    {
        var binding = new JsObject(runtime.Engine);
        binding.Set("maxCost", JsNumber.Create(MaxCost));
        // hash(key bytes (bcryptjs's: UTF-8 with the terminating NUL), 16 salt bytes, cost) → the 23 bytes bcrypt encodes.
        binding.Set("hash", runtime.Function("hash", args =>
        {
            var key = NodeCrypto.BytesOf(runtime, args[0]);
            var salt = NodeCrypto.BytesOf(runtime, args[1]);
            var cost = (int)TypeConverter.ToNumber(args[2]);
            if (salt.Length != 16 || cost < 4 || cost > MaxCost)
            {
                throw new InvalidOperationException("internal-bcrypt.js checks the salt and the cost first");
            }

            // The key schedule reads the key cyclically, 72 bytes in all: longer keys end there, an empty one reads zeros.
            key = key.Length == 0 ? [0] : key.Length > 72 ? key[..72] : key;
            var raw = Org.BouncyCastle.Crypto.Generators.BCrypt.Generate(key, salt, cost, addTerminator: false);
            return runtime.Engine.Intrinsics.Uint8Array.Construct(raw.AsSpan(0, 23).ToArray());
        }, 3));
        return binding;
    }
}
