// JSON.parse's SyntaxErrors in V8's words: what it expected, or the text around the offending character.
const cases = ['<html><body>oops</body></html>', '<!DOCTYPE html><html>', '', ' ', '{bad', '{"a":1,}', '[1,]', '{"a":1} x', '"abc',
  '{"a" 1}', '[1 2]', '{"a":1 "b":2}', '{"a":1,"b" 2}', 'undefined', 'NaN', 'Infinity', '[object Object]', '{"a":"\x01"}', '"\\x"',
  '"\\u12"', '"\\', '-', '1e', '1.', '01', '-01', 'tru', 'trux', 'nul', '{', '[', '{"a":', '[1,', '"a', 'Internal Server Error',
  'The service is unavailable right now, try later', '{"error":"x"} trailing text here and more', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa<',
  '{"key": value}', "{'a':1}", '[1,2,3,]', '{"users":[{"id":1,"name":"Ann"},{"id":2,"name":"Bob",}]}', '"\\中"', '{"a":1}}'];
for (const s of cases) {
  try { JSON.parse(s); console.log('ok'); } catch (e) { console.log(e.name + ': ' + e.message, '|', e.stack.split('\n')[0] === e.name + ': ' + e.message); }
}
// A reviver's own SyntaxError is not rewritten; valid text and the reviver work as before.
try { JSON.parse('{"a":1}', () => { throw new SyntaxError('from the reviver'); }); } catch (e) { console.log(e.message); }
console.log(JSON.parse('{"a":[1,{"b":2}]}', (k, v) => (typeof v === 'number' ? v * 10 : v)), JSON.parse.name, JSON.parse.length);
module.exports = function (cb) { cb(); };
