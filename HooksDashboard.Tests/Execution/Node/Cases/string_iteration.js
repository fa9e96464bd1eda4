// Strings iterate by code points (spread, Array.from, for…of, Set, destructuring): a combining accent, a skin tone,
// a flag and a joined emoji are several elements, a lone surrogate one.
const s = 'e\u0301 👍🏽 🇺🇸 👨‍👩‍👧 a\ud800b';
console.log([...s].length, Array.from(s).map(c => c.codePointAt(0).toString(16)).join(' '), (() => { let n = 0; for (const ch of s) n++; return n; })(), new Set(s).size);
const it = s[Symbol.iterator]();
console.log(Object.prototype.toString.call(it), typeof it.next, it[Symbol.iterator]() === it, Object.getPrototypeOf(it) === Object.getPrototypeOf(''[Symbol.iterator]()),
  JSON.stringify(it.next()), Object.getOwnPropertyNames(Object.getPrototypeOf(it)), String.prototype[Symbol.iterator].name, String.prototype[Symbol.iterator].length);
try { String.prototype[Symbol.iterator].call(null); } catch (e) { console.log(e.name, e.message); }
const [a, , b] = 'x😀y'; console.log(a, b, [...''].length, [...'abc'].reverse().join(''), Array.from('😀😀', (c, i) => c + i), [...'𝄞x'].length);
console.log(Object.getOwnPropertyDescriptor(String.prototype, Symbol.iterator).enumerable, [...new String('hé😀')], Array.from({ length: 2 }, (_, i) => i));
module.exports = function (cb) { cb(); };
