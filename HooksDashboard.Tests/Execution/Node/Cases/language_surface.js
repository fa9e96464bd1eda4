// The ECMAScript built-ins Node 20's V8 has, and not the newer ones Jint implements: packages detect these features
// and take another path where they exist (jose 6 encodes with Uint8Array.prototype.toBase64 when present). Known
// differences left: the absent globals are declared undefined (`in` finds them), the iterator helpers stay on
// Jint's iterator prototype, Error.prototype.stack is an own accessor.
const holders = {
  Object, Array, String, Number, Boolean, Symbol, BigInt, Math, JSON, Reflect, Promise, Map, Set, WeakMap, WeakSet, WeakRef,
  FinalizationRegistry, RegExp, ArrayBuffer, DataView, Uint8Array, Int32Array, Float64Array, Atomics, Proxy, AggregateError,
};
for (const [name, value] of Object.entries(holders)) {
  console.log(name, Object.getOwnPropertyNames(value).sort().join(','));
  if (value.prototype) console.log(name + '.prototype', Object.getOwnPropertyNames(value.prototype).sort().join(','));
}
const typedArray = Object.getPrototypeOf(Uint8Array);
console.log('TypedArray', Object.getOwnPropertyNames(typedArray).sort().join(','), Object.getOwnPropertyNames(typedArray.prototype).sort().join(','));
console.log(['Iterator', 'AsyncIterator', 'Float16Array', 'DisposableStack', 'AsyncDisposableStack', 'SuppressedError', 'Temporal', 'AggregateError', 'WeakRef', 'globalThis']
  .map((g) => g + ':' + typeof globalThis[g]).join(' '));
console.log(typeof new Date().toTemporalInstant, typeof Intl.DurationFormat, typeof Date.prototype.toLocaleDateString);
const view = new Uint8Array([1, 2, 3, 4]).subarray(2);
console.log(typeof view.toBase64 === 'function' ? view.toBase64() : Buffer.from(view).toString('base64'));
console.log(Object.getOwnPropertyNames(Intl).sort().join(','));
module.exports = function (cb) { cb(); };
