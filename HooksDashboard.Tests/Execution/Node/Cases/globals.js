// atob/btoa, structuredClone, queueMicrotask, timers modules, os.
console.log(btoa('hello'), atob('aGVsbG8='), atob(' aGVs bG8 '), atob('YQ'));
for (const f of [() => btoa('€'), () => atob('a'), () => atob('*'), () => btoa()]) {
  try { f(); } catch (e) { console.log(e.name, '|', e.message, '|', e.code); }
}
const source = { d: new Date(0), m: new Map([[1, { x: 1 }]]), s: new Set([1]), r: /x/g, list: [1, { y: 2 }] };
source.self = source;
const copy = structuredClone(source);
console.log(copy.self === copy, copy.m.get(1), copy.d.getTime(), copy.list, copy.r.flags, copy !== source);
class K { constructor() { this.v = 1; } }
console.log(structuredClone(new K()), structuredClone(new K()) instanceof K);
for (const v of [Symbol('s')]) {
  try { structuredClone({ v }); } catch (e) { console.log(e.name, '|', e.message, '|', e.code); }
}
try { queueMicrotask('x'); } catch (e) { console.log(e.name, '|', e.message, '|', e.code); }
const timers = require('timers');
timers.setTimeout(() => console.log('timers.setTimeout'), 1);
require('timers/promises').setTimeout(2, 'value').then((v) => console.log('timers/promises', v));
console.log(typeof timers.setImmediate, typeof require('timers').promises.setImmediate);
const os = require('os');
console.log(os.EOL === '\n', os.platform(), typeof os.cpus().length, typeof os.totalmem());
console.log(global === globalThis, typeof global.setTimeout);
module.exports = function (cb) { cb(); };
