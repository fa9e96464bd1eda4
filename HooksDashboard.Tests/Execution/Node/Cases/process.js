// process: a private env with Node's string coercion, a Node 20 identity, clocks of the right shape.
process.env.NUMBER = 5;
process.env.FLAG = true;
process.env.NOTHING = undefined;
process.env.OBJ = { a: 1 };
console.log(process.env.NUMBER, typeof process.env.NUMBER, process.env.FLAG, process.env.NOTHING, process.env.OBJ);
delete process.env.NUMBER;
console.log('NUMBER' in process.env, Object.keys(process.env).filter((k) => ['FLAG', 'NOTHING', 'OBJ'].includes(k)).sort());
try { process.env.SYM = Symbol('s'); } catch (e) { console.log(e.name, e.message); }
console.log(process.version.startsWith('v20.'), process.versions.node === process.version.slice(1), process.platform, process.arch);
console.log(process.release.name, typeof process.versions.v8, Array.isArray(process.argv), typeof process.pid);
const t = process.hrtime();
console.log(Array.isArray(t), t.length, typeof process.hrtime.bigint(), Array.isArray(process.hrtime(t)));
console.log(Object.keys(process.memoryUsage()).join(','), typeof process.uptime(), typeof process.cwd());
console.log(typeof process.on, typeof process.emit, typeof process.nextTick, process.listenerCount('x'));
try { process.nextTick(5); } catch (e) { console.log(e.name, '|', e.message, '|', e.code); }
console.log(process === require('process'), global.process === process, typeof globalThis.queueMicrotask);
module.exports = function (cb) { cb(); };
