// Function.prototype.toString gives a function's source text, as V8 does: packages test for classes
// (is-callable: /^\s*class\b/), parse parameter names, or print handlers; built-ins and bound functions stay native.
function plain(a, b) { return a + b; }
const arrow = (x) => x * 2;
class Foo extends Object { constructor(y) { super(); this.y = y; } method() { return 1; } static s() {} get g() { return 1; } }
const obj = { m() { return 'm'; }, async am() {}, *gen() {}, ['comp' + 'uted']: function () {} };
async function af(/* comment */ x = 1, ...rest) {}
function* gf() { yield 1; }
console.log(String(plain));
console.log(arrow.toString());
console.log(Foo.toString());
console.log(Foo.prototype.method.toString(), Foo.s.toString());
console.log(Object.getOwnPropertyDescriptor(Foo.prototype, 'g').get.toString());
console.log(obj.m.toString(), obj.am.toString(), obj.gen.toString(), obj.computed.toString());
console.log(af.toString(), gf.toString());
console.log(eval('(function evaled() { return 1 })').toString());
console.log(Math.max.toString(), plain.bind(null).toString());
console.log(/^\s*class\b/.test(Function.prototype.toString.call(Foo)), /^\s*class\b/.test(Function.prototype.toString.call(plain)));
const params = plain.toString().match(/\(([^)]*)\)/)[1].split(',').map((p) => p.trim());
console.log(params);
module.exports = function (cb) { cb(); };
