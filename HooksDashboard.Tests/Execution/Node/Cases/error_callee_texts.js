// V8's texts for the TypeErrors a hook's log shows most: a call of something that is not a function names the callee
// as V8 prints it ("issuer.keystore is not a function", "(0 , _x.default) is not a function"), a write through
// undefined/null names the property, `for...of` names what is not iterable, a `let` read too early names the binding.

const t = (label, f) => { try { f(); console.log(label, 'no error'); } catch (e) { console.log(label, JSON.stringify(`${e.name}: ${e.message}`)); } };
const o = { a: 1, b: { c: 2 }, arr: [1, 'x'], s: 'x', n: null, u: undefined, fn() { return 5; }, get g() { return 1; } };
const x = 1, y = 2, k = 'key', n = 0; let f = 3; const a = { b: {} }; const _lib = { default: 7 }; const arr = [0, 1];
function g() { return 1; } const h = () => ({});
// calls
t('member', () => o.foo());
t('nested member', () => o.b.c());
t('number prop', () => o.a());
t('computed string', () => o['fo' + 'o']());
t('computed literal', () => o['foo']());
t('computed literal dash', () => o['x-y']());
t('computed index', () => o.arr[0]());
t('computed var', () => o[k]());
t('computed member key', () => o[a.b]());
t('computed number key', () => arr[n]());
t('local', () => f());
t('local with args', () => f(x, y));
t('member with args', () => o.foo(x, a.b, 'z', 1));
t('member with call arg', () => o.foo(g(x)));
t('inner call fails', () => o.fn(f(x)));
t('arrow arg', () => o.foo(() => 1, function () {}));
t('spread arg', () => o.foo(...arr));
t('call result', () => g()());
t('call result member', () => g().x());
t('chain of calls', () => o.fn().toFixed().foo());
t('new result', () => new Date().foo());
t('string literal', () => 'abc'.foo());
t('template literal', () => `abc`.foo());
t('template with sub', () => `a${x}b`.foo());
t('number literal', () => (1).foo());
t('regexp', () => /a+/gi.foo());
t('array literal', () => [1, x, 'y'].foo());
t('array with hole', () => [, 1].foo());
t('object literal', () => ({}).foo());
t('object literal props', () => ({ p: 1, q: x }).foo());
t('comma', () => (0, o.foo)());
t('comma three', () => (0, 1, _lib.default)(x));
t('transpiled', () => (0, _lib.default)(x));
t('void 0', () => (void 0)());
t('null', () => null());
t('undefined', () => undefined());
t('typeof', () => (typeof x)());
t('not', () => (!x)());
t('negative', () => (-x)());
t('negative literal', () => (-1)());
t('binary', () => (x + y)());
t('binary chain', () => (x + y + n)());
t('binary mixed', () => (x + y * n)());
t('logical', () => (o.u || o.n)());
t('nullish', () => (o.u ?? o.n)());
t('logical chain', () => (o.u || o.n || f)());
t('compare', () => (x < y)());
t('conditional', () => (x ? y : n)());
t('assignment', () => { let z; (z = 5)(); });
t('update', () => { let z = 1; (z++)(); });
t('optional member', () => o?.foo());
t('optional deep', () => o?.b.c());
t('optional call', () => o.a?.());
t('this', () => { const q = { m() { this.nope(); } }; q.m(); });
t('arguments', () => { (function () { arguments[0](); })(1); });
t('function expr', () => (function () {}).x());
t('arrow expr', () => (() => 1).x());
t('class expr', () => (class {}).x());
t('await-free sequence in member', () => (x, o).foo());
t('typeof member', () => (typeof o.a).foo());
t('in operator', () => ('a' in o)());
t('instanceof', () => (o instanceof Object)());
t('deep keystore', () => { const issuer = { keystore: 1 }; issuer.keystore(); });
t('call in condition', () => { if (o.foo(x)) { } });
t('call in binary', () => { const r = o.foo(x) + 1; return r; });
t('call in return', () => { return o.foo(x); });
t('call in array', () => [o.foo(x)]);
t('call in object', () => ({ r: o.foo(x) }));
t('call in template', () => `${o.foo(x)}`);
t('nested call args', () => g(o.foo(x)));
t('method on number', () => x.foo());
t('bracket symbol', () => o[Symbol.iterator]());
t('tagged template', () => o.foo`x`);
t('tagged template local', () => f`x`);
t('new not constructor', () => new o.a());
t('new member fn', () => new o.fn());
t('new arrow', () => new h());
t('new function expr member', () => new (function () {}.x)());
t('new call result', () => new (g())());
// writes through undefined and null
t('set undefined', () => { const v = undefined; v.y = 1; });
t('set null', () => { const v = null; v.y = 1; });
t('set member undefined', () => { o.u.y = 1; });
t('set member null', () => { o.n.y = 1; });
t('set missing', () => { o.missing.y = 1; });
t('set deep missing', () => { a.b.c.d = 1; });
t('set computed literal', () => { o.u['k'] = 1; });
t('set computed number', () => { o.u[0] = 1; });
t('set computed var', () => { o.u[k] = 1; });
t('set this', () => { (function () { 'use strict'; this.x = 1; })(); });
t('set app_metadata', () => { const user = {}; user.app_metadata.roles = ['admin']; });
// reads and the rest
t('read undefined', () => o.u.y);
t('for of undefined', () => { for (const q of undefined) { } });
t('for of member', () => { for (const q of o.u) { } });
t('for of number', () => { for (const q of 5) { } });
t('for of object', () => { for (const q of o.b) { } });
t('for of call', () => { for (const q of g()) { } });
t('tdz let', () => { z; let z = 1; });
t('tdz const', () => { w.x; const w = 1; });
t('tdz class', () => { new C(); class C { } });
t('not defined', () => notDefinedAnywhere());
t('user TypeError', () => { throw new TypeError("Property 'foo' of object is not a function"); });
t('user TypeError 2', () => { const e = new TypeError('Cannot convert undefined or null to object'); o.fn(); throw e; });
t('user TDZ-like', () => { throw new ReferenceError('z has not been initialized'); });
t('builtin undefined arg', () => Object.keys(undefined));
t('builtin null arg member', () => { o.r = Object.keys(o.n); });
// destructuring and spreading undefined/null
const u = undefined, nl = null, ox = { x: undefined, n: null };
t('destructure undefined', () => { const { a } = u; });
t('destructure null', () => { const { a } = nl; });
t('destructure member', () => { const { a } = ox.x; });
t('destructure member null', () => { const { a, b } = ox.n; });
t('destructure empty', () => { const {} = u; });
t('destructure computed', () => { const { [k]: v } = u; });
t('destructure rest', () => { const { ...r } = u; });
t('destructure assignment', () => { let a; ({ a } = u); });
t('destructure default', () => { const { a = 1 } = u; });
t('destructure quoted key', () => { const { 'a-b': c } = u; });
t('destructure number key', () => { const { 0: c } = u; });
t('destructure this', () => { const { a } = this.zz; });
t('destructure undefined literal', () => { const { a } = undefined; });
t('array pattern name', () => { const [q] = u; });
t('array pattern number', () => { const [q] = 5; });
t('array pattern object', () => { const [q] = {}; });
t('spread name', () => [...u]);
t('spread member', () => [...ox.x]);
t('spread number', () => [...5]);
// conversions
t('no primitive', () => ({}) + Object.create(null));
t('no primitive template', () => `${Object.create(null)}`);
t('user TypeError without message', () => { throw new TypeError(); });
t('user TypeError without message rethrown', () => { const e = new TypeError(); throw e; });
t('user not a constructor', () => { throw new TypeError('x is not a constructor'); });
t('user not iterable', () => { for (const q of [1]) { throw new TypeError('q is not iterable'); } });
t('rethrown in call', () => { try { o.foo(); } catch (e) { (0, g)(e); throw e; } });
// built-ins given something that is not a function
const notFns = [undefined, null, 3, 'x', {}, [1], Symbol('s'), 1n, true, new Date(0), /a/, { toString() { return 'T'; } }, Object.create(null), new Map()];
const list = [1, 2]; const svc = { handler: undefined };
for (const v of notFns) {
  t('map', () => list.map(v)); t('forEach', () => list.forEach(v)); t('filter', () => [1].filter(v)); t('reduce', () => list.reduce(v, 0));
  t('find', () => list.find(v)); t('some', () => list.some(v)); t('every', () => list.every(v)); t('findIndex', () => list.findIndex(v));
  t('findLast', () => list.findLast(v)); t('reduceRight', () => list.reduceRight(v)); t('flatMap', () => list.flatMap(v));
  t('Array.from', () => Array.from(list, v)); t('Promise', () => new Promise(v));
  const m = new Map([[1, 2]]), st = new Set([1]); t('Map forEach', () => m.forEach(v)); t('Set forEach', () => st.forEach(v));
}
t('forEach method', () => list.forEach(svc.handler));
t('forEach this', () => ({ items: [1], run() { this.items.forEach(this.each); } }).run());
t('map unknown receiver', () => g.call(null, 1) || list.concat([]).map(svc.handler));
t('sort', () => list.sort('x'));
// what built-ins were given to iterate
for (const v of [undefined, null, 3, {}, true, Symbol('s')]) {
  Promise.all(v).catch((e) => console.log('Promise.all', JSON.stringify(e.message)));
  Promise.allSettled(v).catch((e) => console.log('Promise.allSettled', JSON.stringify(e.message)));
  Promise.race(v).catch((e) => console.log('Promise.race', JSON.stringify(e.message)));
  t('new Map', () => new Map(v)); t('new Set', () => new Set(v)); t('new WeakSet', () => new WeakSet(v)); t('Array.from', () => Array.from(v));
}
Promise.all().catch((e) => console.log('Promise.all()', JSON.stringify(e.message)));
t('weak map key', () => new WeakMap().set(1, 2));
t('weak set value', () => new WeakSet().add('x'));
class Svc { run() { return this.helper(); } }
t('class method', () => new Svc().run());
const outer = { inner: { deeper: { fn: 1 } } };
t('deep chain', () => outer.inner.deeper.fn());
t('optional chain computed', () => outer?.['inner']?.deeper.fn());
async function asyncCase() { try { await o.foo(x); } catch (e) { console.log('async', JSON.stringify(e.message)); } }
asyncCase();
Promise.resolve().then(() => o.later()).catch((e) => console.log('promise', JSON.stringify(e.message)));
module.exports = function (cb) { setTimeout(() => cb(), 10); };
