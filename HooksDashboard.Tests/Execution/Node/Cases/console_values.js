// How console.log shows values beyond plain objects: promises in each state, weak collections, boxed primitives,
// subclasses of Map, Set, Array and typed arrays, ArrayBuffer and DataView, and the quotes and escapes of strings.
class Foo extends Map {}
class Bar extends Set {}
class Baz extends Array {}
class Bytes extends Uint8Array {}
const rejected = Promise.reject(new RangeError('no'));
rejected.catch(() => {});
console.log(new Promise(() => {}), Promise.resolve(5), Promise.resolve({ a: [1, 'x'] }));
console.log([Promise.resolve(undefined)], { p: Promise.resolve(null) });
console.log(Promise.reject(7).catch(() => {}) && 'caught', (() => { const p = Promise.reject('why'); p.catch(() => {}); return p; })());
console.log(new WeakMap(), new WeakSet(), [new WeakMap([[{}, 1]])]);
console.log(new Boolean(true), new Boolean(false), new String('xy'), new Number(3), new Number(-0), Object(1n), Object(Symbol('q')));
console.log([new String('')], { n: new Number(NaN) }, Object.assign(new String('ab'), { extra: 1 }), Object.assign(new Number(1), { k: 'v' }));
console.log(new Foo([[1, { a: 1 }]]), new Bar([1]), Baz.from([1, 2]), new Foo(), new Bar(), new Baz(), Bytes.from([3, 4]));
console.log(new ArrayBuffer(3), new ArrayBuffer(0), new Uint8Array([1, 2, 3]).buffer, { b: new ArrayBuffer(2) });
console.log(new DataView(new ArrayBuffer(4), 1, 2));
console.log(new ArrayBuffer(60));
console.log(new ArrayBuffer(300), { deep: { deeper: { buffer: new ArrayBuffer(2), boxed: Object.assign(new Number(3), { q: 1 }), plain: new Number(4) } } });
console.log(['c1 \x85 \x9f \xa0']);
console.log(['a\'b"c'], ['a\'b"c`d'], ['it\'s'], ['say "hi"'], ['tab\there', 'nul\0', 'bell\x07', 'esc\x1b[0m', 'del\x7f', 'back\\slash', 'ver\vform\f'], ['\ud83d', 'ok \ud83d\ude00', '\ude00x']);
console.log({ 'key\'s': 1, 'a"b': 2, 'c`d': 3, "e'\"f": 4 }, new Map([['k\'', 'v"']]));
// Errors inside other values print their stack, indented (a fixed stack here: frames differ between engines).
const framed = new TypeError('bad input');
framed.stack = 'TypeError: bad input\n    at check (/hook/hook.js:3:11)\n    at module.exports (/hook/hook.js:9:3)';
const coded = Object.assign(new Error('denied'), { code: 'E_DENIED', status: 403 });
coded.stack = 'Error: denied\n    at /hook/hook.js:1:1';
const bare = new RangeError('out of range');
bare.stack = 'RangeError: out of range';
console.log({ error: framed }, [framed]);
console.log({ deep: { deeper: { coded } } }, coded);
console.log({ bare }, [bare], { nested: { list: [bare] } });
class DeniedError extends Error { constructor(message, reason) { super(message); this.name = 'DeniedError'; this.reason = reason; this.stack = 'DeniedError: ' + message + '\n    at deny (/hook/hook.js:2:9)'; } }
console.log(new DeniedError('no', 'policy'), { e: new DeniedError('nested', 'rule') });
const renamed = new Error('shown'); renamed.stack = 'Error: shown\n    at x (/hook/hook.js:1:1)'; renamed.name = 'Other'; renamed.message = 'not in the stack';
console.log(renamed);
// %s inspects values whose toString is a built-in class's (arrays, dates, maps, plain and null-prototype objects) and calls the others'.
class Temperature { constructor(c) { this.c = c; } toString() { return this.c + ' C'; } }
class Plain { constructor() { this.x = 1; } }
console.log(require('util').format('%s|%s|%s|%s|%s|%s|%s|%s', ['a', 1], new Date(0), new Map([[1, 2]]), new Temperature(20), new Plain(), Object.create(null), { toString() { return 'own'; } }, [[1, [2, [3]]]]));
// %s converts functions, script-defined Symbol.toPrimitive and toString (a proxy judged by its target) and inspects the rest.
class Prim { [Symbol.toPrimitive]() { return 'Q'; } }
class OwnDate extends Date { [Symbol.toPrimitive]() { return 'D'; } }
class PlainDate extends Date {}
class Named { toString() { return 'A'; } }
class SubNamed extends Named {}
console.log(require('util').format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', { [Symbol.toPrimitive]() { return 'P'; } }, new Prim(), new OwnDate(0), new PlainDate(0), new SubNamed(), { toString: undefined, a: 1 }, new Proxy({ a: 1 }, {}), new Proxy(new Prim(), {}), function foo() { return 1; }, class Z {}, Object.create({ toString() { return 'proto'; } })));
console.log(require('util').format('%s|%s|%s|%s', Symbol('s'), new Number(5), new String('x'), new Error('m').message));
const dated = new PlainDate(0); dated.note = 'x';
console.log(dated, [new PlainDate(NaN)], Object.setPrototypeOf(new Date(0), null), { d: new Date(0) });
// An error's cause ([cause] when its own, cause when inherited) and an AggregateError's errors, after its own properties.
function fixed(e, frame) { e.stack = e.name + ': ' + e.message + '\n    at ' + frame + ' (/hook/hook.js:1:1)'; return e; }
const refused = fixed(new Error('connect ECONNREFUSED 127.0.0.1:1'), 'afterConnect'); Object.assign(refused, { errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port: 1 });
const failed = fixed(new TypeError('fetch failed', { cause: refused }), 'fetch');
console.log(failed);
console.log({ result: failed }, [fixed(new Error('plain', { cause: 'a reason' }), 'p')]);
const looped = fixed(new Error('loop'), 'l'); looped.cause = looped; Object.defineProperty(looped, 'cause', { enumerable: false });
console.log(looped);
console.log(fixed(new AggregateError([fixed(new Error('one'), 'o'), fixed(new RangeError('two'), 't')], 'many'), 'a'));
console.log({ a: { b: { c: failed } } });
console.log(fixed(new Error('enumerable cause'), 'e'), Object.assign(fixed(new Error('with'), 'w'), { cause: 'listed' }));
// Node's improveStack: an error's class shown beside its name when they differ (Twilio's RestException, DOMException).
class RestException extends Error {}
class ValidationError extends Error {}
class Renamed extends Error { constructor(m) { super(m); this.name = 'Renamed'; } }
class TE extends TypeError {}
const protoless = fixed(new Error('protoless'), 'b'); Object.setPrototypeOf(protoless, null);
const unnamed = fixed(new Error('unnamed'), 'u'); unnamed.name = undefined;
for (const e of [new RestException('r'), new ValidationError('v'), new Renamed('n'), new TE('t'), fixed(new RestException('fixed'), 'f')]) {
  console.log(require('util').inspect(e).split('\n')[0]);
}
console.log(protoless, [unnamed], { e: fixed(new TE('nested'), 'n') });
try { new AbortController().signal.throwIfAborted(); const c = new AbortController(); c.abort(); c.signal.throwIfAborted(); } catch (e) { console.log(require('util').inspect(e).split('\n')[0]); }
// Proxies are shown as their targets, without running a trap; a revoked one as <Revoked Proxy>.
const trapped = new Proxy({ a: 1 }, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } });
const revocable = Proxy.revocable({}, {}); revocable.revoke();
console.log(new Proxy([1, 2], {}), trapped, revocable.proxy, { p: revocable.proxy }, new Proxy(new Map([[1, 2]]), {}), [new Proxy(new Proxy([3], {}), {})]);
module.exports = function (cb) { cb(); };
