// stream adapters to and from WHATWG streams: Readable.toWeb/fromWeb, Writable.toWeb/fromWeb.
const { Readable, Writable, PassThrough } = require('stream');
const log = (...a) => console.log(...a);
(async () => {
  const r = Readable.from(['a', 'b', 'c']);
  const web = Readable.toWeb(r);
  log(web);
  for await (const c of web) log('toWeb', c);
  const bytes = new PassThrough();
  const wb = Readable.toWeb(bytes);
  bytes.end(Buffer.from('xyz'));
  for await (const c of wb) log('bytes', c);
  const back = Readable.fromWeb(new ReadableStream({ start(c) { c.enqueue('p'); c.enqueue('q'); c.close(); } }), { objectMode: true });
  back.on('end', () => log('fromWeb end'));
  for await (const c of back) log('fromWeb', c);
  const enc = Readable.fromWeb(ReadableStream.from([new TextEncoder().encode('hé')]), { encoding: 'utf8' });
  enc.on('data', (d) => log('data', typeof d, d));
  await new Promise((res) => enc.on('end', res));
  const failing = Readable.fromWeb(new ReadableStream({ start(c) { c.error(new Error('web failed')); } }));
  failing.on('error', (e) => log('fromWeb error', e.message));
  await new Promise((res) => failing.on('close', res));
  const got = [];
  const sink = new Writable({ write(chunk, enc, cb) { got.push(chunk.toString()); cb(); }, final(cb) { log('final'); cb(); } });
  const ws = Writable.toWeb(sink);
  log(ws);
  const w = ws.getWriter();
  await w.write(new TextEncoder().encode('one'));
  await w.write(new TextEncoder().encode('two'));
  await w.close();
  log('toWeb writable', got, sink.writableFinished);
  const received = [];
  const wsrc = new WritableStream({ write(c) { received.push(typeof c === 'string' ? c : Buffer.from(c).toString()); }, close() { log('web close'); } });
  const nodeW = Writable.fromWeb(wsrc);
  nodeW.write('alpha');
  nodeW.end('beta', () => log('fromWeb writable', received));
  await new Promise((res) => nodeW.on('close', res));
  const { pipeline } = require('stream/promises');
  const out = [];
  await pipeline(Readable.fromWeb(ReadableStream.from(['x', 'y']), { objectMode: true }), new Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } }));
  log('pipeline', out);
  try { Readable.fromWeb({}); } catch (e) { log(e.name, e.code, e.message); }
  try { Writable.fromWeb(5); } catch (e) { log(e.name, e.code, e.message); }
  const tr = Readable.toWeb(new Readable({ read() {} }));
  const rd = tr.getReader();
  await rd.cancel(new Error('stop'));
  log('cancelled');
})();
module.exports = function (cb) { cb(); };
