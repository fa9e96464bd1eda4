// util.inspect's prefixes and limits: keys with `$` quoted, Symbol.toStringTag beside the constructor's name
// (Intl objects, AxiosHeaders-like classes), functions and null-prototype objects beyond the depth, dates outside
// the years 0000-9999.
console.log({ $L: 'en', a$: 1, _x: 2, $: 3, 'a-b': 4, ä: 5, A1: 6, '1a': 7 });
console.log({ $metadata: { httpStatusCode: 200, requestId: 'r' } });
console.log({ a: { b: { c: Object.assign(function FormData() {}, { x: 1 }), d: function g() {}, e: class K {}, f: Object.assign(class Q {}, { y: 1 }), g: () => {}, h: Object.assign(async function h() {}, { z: 1 }) } } });
console.log({ a: { b: { np: Object.assign(Object.create(null), { k: 1 }), np0: Object.create(null), arr: [1], m: new Map([[1, 2]]), d: new Date(0), r: /x/ } } });
console.log(Object.assign(Object.create({ [Symbol.toStringTag]: 'AxiosHeaders' }), { accept: 'json' }));
class AxiosHeaders { constructor() { this.a = 1; } get [Symbol.toStringTag]() { return 'AxiosHeaders'; } }
console.log(new AxiosHeaders(), { h: new AxiosHeaders() }, { a: { b: { c: new AxiosHeaders() } } });
class Foo { get [Symbol.toStringTag]() { return 'Bar'; } }
console.log(new Foo(), [new Foo()], { a: { b: { c: Object.assign(new Foo(), { q: 1 }) } } });
console.log(new Intl.DateTimeFormat('en-US'), Intl, new Intl.NumberFormat(), Math, JSON);
const own = { a: 1 }; Object.defineProperty(own, Symbol.toStringTag, { value: 'Hidden' }); console.log(own);
console.log({ [Symbol.toStringTag]: 'Shown', b: 2 });
console.log([new Date(253402300800000), new Date(-62198755200000), new Date(8.64e15), new Date(-8.64e15), new Date(NaN), new Date(-1)]);
module.exports = function (cb) { cb(); };
