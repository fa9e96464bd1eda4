// Jint's memory limit is checked between statements, so a single `new ArrayBuffer(1e9)` or
// `new Uint8Array(1e9)` allocates the whole block before anything notices. This script wraps the
// binary constructors in proxies that refuse oversized allocations up front. It is evaluated lazily,
// on the first read of any binary global, and returns a function taking:
//   fail(message)  host function that ends the invocation with a limit error (not catchable),
//   maxBytes       the largest single allocation allowed,
//   originals      { ArrayBuffer, Int8Array, ... } the engine's intrinsic constructors.
// It returns the guarded constructors under the same names. Proxies keep `instanceof`, statics and
// prototypes working; each prototype's `constructor` is repointed so `x.constructor` and species
// lookups cannot reach the unguarded constructor.
(function (fail, maxBytes, originals) {
  'use strict';
  const OriginalArrayBuffer = originals.ArrayBuffer;
  const byteLengthOf = Object.getOwnPropertyDescriptor(OriginalArrayBuffer.prototype, 'byteLength').get;
  const guarded = {};

  function check(what, bytes) {
    if (bytes > maxBytes) {
      fail(what + ' would allocate ' + bytes + ' bytes; the limit for a single allocation is ' + maxBytes + ' bytes');
    }
  }
  function toIndex(value) {
    const n = Math.trunc(Number(value));
    return Number.isFinite(n) && n > 0 ? n : 0;
  }
  function isArrayBuffer(value) {
    try {
      Reflect.apply(byteLengthOf, value, []);
      return true;
    } catch (e) {
      return false;
    }
  }
  function guard(name, target, checkArgs) {
    const proxy = new Proxy(target, {
      construct(fn, args, newTarget) {
        checkArgs(args);
        return Reflect.construct(fn, args, newTarget);
      },
    });
    Object.defineProperty(target.prototype, 'constructor', { value: proxy, writable: true, configurable: true, enumerable: false });
    guarded[name] = proxy;
  }
  function wrapMethod(proto, method, describe) {
    const original = proto[method];
    if (typeof original !== 'function') return;
    Object.defineProperty(proto, method, {
      value: { [method](...args) { describe(args); return Reflect.apply(original, this, args); } }[method],
      writable: true, configurable: true, enumerable: false,
    });
  }

  guard('ArrayBuffer', OriginalArrayBuffer, (args) => {
    check('new ArrayBuffer(' + args[0] + ')', toIndex(args[0]));
    const options = args[1];
    if (options !== null && typeof options === 'object' && options.maxByteLength !== undefined) {
      check('new ArrayBuffer(..., { maxByteLength: ' + options.maxByteLength + ' })', toIndex(options.maxByteLength));
    }
  });
  for (const method of ['resize', 'transfer', 'transferToFixedLength']) {
    wrapMethod(OriginalArrayBuffer.prototype, method, (args) => check('ArrayBuffer.prototype.' + method + '(' + args[0] + ')', toIndex(args[0])));
  }

  for (const name of Object.keys(originals)) {
    if (name === 'ArrayBuffer') continue;
    const Ctor = originals[name];
    const size = Ctor.BYTES_PER_ELEMENT;
    guard(name, Ctor, (args) => {
      const source = args[0];
      let length;
      if (source === null || (typeof source !== 'object' && typeof source !== 'function')) {
        length = toIndex(source);
      } else if (isArrayBuffer(source)) {
        return; // a view over an existing buffer allocates nothing
      } else {
        length = toIndex(source.length);
      }
      check('new ' + name + '(' + length + ')', length * size);
    });
  }
  return guarded;
})
