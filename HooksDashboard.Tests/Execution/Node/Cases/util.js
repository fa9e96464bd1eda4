// util: format, inspect, promisify, callbackify, inherits, types, isDeepStrictEqual, deprecate, text codecs.
const util = require('util');
console.log(util.format('%s=%d %i %f %j %O %%', 'a', 42.5, 42.5, '1.5', { x: [1] }, { y: 2 }), util.format('extra', 1, 'two'));
console.log(util.inspect({ a: { b: { c: { d: 1 } } } }), util.inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 }));
console.log(util.inspect('str'), util.inspect([1, 'a', null, undefined]), util.inspect(new Map([[1, 2]])), util.inspect(new Set([1])));
console.log(util.inspect({ a: 1 }, false, null), util.inspect(Array.from({ length: 120 }, (_, i) => i), { maxArrayLength: 3 }));
const doubled = util.promisify((a, cb) => cb(null, a * 2));
doubled(21).then((v) => console.log('promisify', v));
util.promisify((cb) => cb(new Error('failed')))().catch((e) => console.log('promisify rejects', e.message));
function custom() {}
custom[util.promisify.custom] = () => Promise.resolve('custom');
console.log(util.promisify(custom) === custom[util.promisify.custom], util.promisify.custom === Symbol.for('nodejs.util.promisify.custom'));
try { util.promisify(5); } catch (e) { console.log(e.name, '|', e.message, '|', e.code); }
const cbified = util.callbackify(async (x) => x + 1);
cbified(1, (err, v) => console.log('callbackify', err, v));
util.callbackify(() => Promise.reject(null))((err) => console.log('falsy rejection', err.message, err.code, err.reason));
function Animal() {}
Animal.prototype.kind = function () { return 'animal'; };
function Dog() {}
util.inherits(Dog, Animal);
console.log(new Dog().kind(), Dog.super_ === Animal);
const t = util.types;
console.log(t.isDate(new Date()), t.isRegExp(/x/), t.isMap(new Map()), t.isSet(new Set()), t.isPromise(Promise.resolve()));
console.log(t.isNativeError(new TypeError()), t.isTypedArray(new Uint8Array(1)), t.isUint8Array(new Uint8Array(1)), t.isAsyncFunction(async () => {}));
console.log(t.isDate({ [Symbol.toStringTag]: 'Date' }), t.isGeneratorFunction(function* () {}), t.isBoxedPrimitive(Object(1)), t.isProxy(new Proxy({}, {})));
console.log(util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), util.isDeepStrictEqual({ a: 1 }, { a: '1' }), util.isDeepStrictEqual([1], { 0: 1 }));
console.log(util.isDeepStrictEqual(new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]])), util.isDeepStrictEqual(new Set([1, 2]), new Set([2, 1])), util.isDeepStrictEqual(NaN, NaN), util.isDeepStrictEqual(0, -0));
const encoder = new util.TextEncoder();
const bytes = encoder.encode('héllo €');
console.log(bytes, new util.TextDecoder().decode(bytes), util.TextEncoder === TextEncoder, encoder.encoding);
console.log(new TextDecoder().decode(new Uint8Array([0xff, 0x41])), JSON.stringify(new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))));
try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])); } catch (e) { console.log(e.name, '|', e.message, '|', e.code); }
const streaming = new TextDecoder();
console.log(streaming.decode(new Uint8Array([0xe2, 0x82]), { stream: true }) + '|' + streaming.decode(new Uint8Array([0xac])));
console.log(util.isArray([]), util.isPrimitive(null), util.isFunction(() => {}));
// A built-in whose callback gets several values resolves one object with their names (Node's custom promisify args;
// dns.lookup's, which hooks cannot require, is in ModuleLoaderTests).
setTimeout(async () => {
  const pair = await util.promisify(require('crypto').generateKeyPair)('ec', { namedCurve: 'P-256' });
  console.log('promisify generateKeyPair', Object.keys(pair), pair.publicKey.type, pair.privateKey.asymmetricKeyType);
}, 20);
module.exports = function (cb) { cb(); };
