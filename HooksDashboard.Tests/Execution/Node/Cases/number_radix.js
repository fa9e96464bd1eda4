// Number#toString(radix) as V8 writes it: fraction digits to the double's precision (round to even), big integers
// filled with zeros; radix 10, range errors and non-numbers as before.
const xs = [255, -255.5, 1e21, 0.1, 2 ** 53 + 2, 123.456, -0, NaN, Infinity, -Infinity, 1e-7, 4.35, Number.MAX_VALUE, 5e-324, 0.5, 1 / 3, 1234567.891, 0.000001, 2 ** 31, -(2 ** 60) - 5, 0.9999999999999999];
for (const r of [2, 3, 7, 8, 16, 32, 36]) console.log(r, xs.map(x => x.toString(r)).join(' '));
for (const r of [1, 37, 0, undefined, 10, '16', 2.9, NaN]) { try { console.log(String(r), (12.5).toString(r)); } catch (e) { console.log(String(r), e.name, e.message); } }
try { Number.prototype.toString.call('x', 2); } catch (e) { console.log(e.name); }
console.log(new Number(0.1).toString(2) === (0.1).toString(2), Number.prototype.toString.length, Number.prototype.toString.name);
// 3,000 values over 40 decades (scaled by exact multiplications) in every radix.
let seed = 3; const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const out = [];
for (let i = 0; i < 3000; i++) {
  let k = Math.floor(rnd() * 40) - 20, scale = 1;
  while (k > 0) { scale *= 10; k--; }
  while (k < 0) { scale /= 10; k++; }
  out.push(((rnd() - 0.5) * scale).toString(2 + Math.floor(rnd() * 35)));
}
console.log(require('crypto').createHash('sha256').update(out.join(',')).digest('hex'), out.slice(0, 3));
module.exports = function (cb) { cb(); };
