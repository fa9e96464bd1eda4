// Math.hypot as V8 computes it (no overflow or underflow of the squares), and String#repeat's count errors are
// catchable RangeErrors, not limits.
console.log(Math.hypot(1e200, 1e200), Math.hypot(1e-200, 1e-200), Math.hypot(1e154, 1e154), Math.hypot(3, 4), Math.hypot(),
  Math.hypot(NaN, Infinity), Math.hypot(NaN, 1), Math.hypot(-0), Math.hypot('3', [4]), Math.hypot.length, Math.hypot.name,
  Math.hypot(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), Math.hypot(0.1, 0.2, 0.3), Math.hypot(-Infinity, NaN), Math.hypot(1e308, 1e308));
for (const c of [Infinity, -1, -Infinity, 2.5, NaN]) {
  try { console.log(JSON.stringify('ab'.repeat(c))); } catch (e) { console.log(e.name, e instanceof RangeError); }
}
try { ''.repeat(Infinity); } catch (e) { console.log(e.name); }
module.exports = function (cb) { cb(); };
