'use strict';
// Strict code's failed writes in V8's words: a property created on a primitive, a read-only property (naming the object),
// a getter without a setter, a property added to a frozen/sealed/non-extensible object, an undeletable property.
const t = (l, f) => { try { f(); console.log(l, 'ok'); } catch (e) { console.log(l, e.constructor.name, JSON.stringify(e.message)); } };
const s = 'x', n = 1, b = true, sy = Symbol('s'), bi = 1n;
t('str', () => { s.roles = 1; }); t('num', () => { n.roles = 1; }); t('bool', () => { b.k = 1; }); t('sym', () => { sy.k = 1; }); t('big', () => { bi.k = 1; });
t('str idx', () => { s[0] = 'y'; }); t('str len', () => { s.length = 3; });
const fo = Object.freeze({ a: 1 }); const fa = Object.freeze([1]); function fn() {} Object.freeze(fn); const se = Object.seal({ a: 1 }); const ne = Object.preventExtensions({ a: 1 });
const go = { get g() { return 1; } }; class K { constructor() { this.a = 1; Object.freeze(this); } } const k = new K(); const nul = Object.freeze(Object.create(null));
t('frozen obj', () => { fo.a = 2; }); t('frozen add', () => { fo.b = 2; }); t('frozen arr', () => { fa[0] = 2; }); t('frozen arr add', () => { fa[1] = 2; }); t('frozen fn', () => { fn.x = 2; });
t('sealed add', () => { se.b = 1; }); t('sealed set', () => { se.a = 5; }); t('nonext add', () => { ne.b = 1; }); t('getter only', () => { go.g = 2; }); t('class inst', () => { k.a = 2; }); t('null proto', () => { nul.a = 1; });
t('delete frozen', () => { delete fo.a; }); t('delete arr', () => { delete fa[0]; }); t('computed', () => { const key = 'a'; fo[key] = 3; });
t('nested', () => { const cfg = { inner: Object.freeze({ v: 1 }) }; cfg.inner.v = 2; });
t('date', () => { const d = Object.freeze(new Date(0)); d.x = 1; }); t('map', () => { const m = Object.freeze(new Map()); m.x = 1; });
module.exports = function (cb) { cb(); };
