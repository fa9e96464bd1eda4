// JSON.stringify of a circular structure fails with V8's text: the path from the object met again to the closing key.

const a = { x: { y: { z: {} } } }; a.x.y.z.back = a;
const b = [1, { arr: [] }]; b[1].arr.push(b);
class Foo { constructor() { this.self = this; } }
const cc = { l1: { l2: { l3: { l4: { l5: {} } } } } }; cc.l1.l2.l3.l4.l5.top = cc.l1;
const d = Object.create(null); d.me = d;
const e = { "": {} }; e[""].up = e;
const req = { url: '/x', socket: { parser: {} } }; req.socket.parser.incoming = req; const err = { config: { a: 1 }, request: req };
for (const v of [a, b, new Foo(), cc, d, e, err]) { try { JSON.stringify(v); } catch (er) { console.log(JSON.stringify(er.message), er.stack.split('\n')[0] === 'TypeError: Converting circular structure to JSON'); } }
try { JSON.stringify({ toJSON() { const o = {}; o.o = o; return o; } }); } catch (er) { console.log(JSON.stringify(er.message)); }
try { JSON.stringify({ a: { b: 1 } }, (k, v) => { if (k === 'b') { const o = {}; o.self = o; return o; } return v; }); } catch (er) { console.log(JSON.stringify(er.message)); }
try { const o = { keep: {}, skip: 1 }; o.keep.o = o; JSON.stringify(o, ['keep', 'o']); } catch (er) { console.log(JSON.stringify(er.message)); }
console.log(JSON.stringify({ a: [1, { b: 2 }] }, null, 2), JSON.stringify.length, JSON.stringify.name);
module.exports = function (cb) { cb(); };
