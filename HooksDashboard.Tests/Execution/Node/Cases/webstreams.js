// WHATWG streams (stream/web and the globals) as Node 20 has them.
const web = require('stream/web');
const { Readable, Writable } = require('stream');
const log = (...a) => console.log(...a);
const scenarios = [];
const scenario = (name, fn) => scenarios.push([name, fn]);
const err = (e) => log(e.name, e.code, e.message);

scenario('shapes', (done) => {
  log(web.ReadableStream === ReadableStream, require('node:stream/web').WritableStream === WritableStream, typeof web.TextDecoderStream);
  log(Object.getOwnPropertyNames(ReadableStream.prototype));
  const rs = new ReadableStream({ start(c) { c.enqueue('a'); } });
  log(rs);
  const r = rs.getReader();
  log(rs, r);
  const ws = new WritableStream();
  log(ws, ws.getWriter());
  log(new TransformStream());
  log(new CountQueuingStrategy({ highWaterMark: 3 }), new ByteLengthQueuingStrategy({ highWaterMark: 3 }));
  log(new TextEncoderStream(), new TextDecoderStream());
  log(Object.prototype.toString.call(rs), ReadableStream.prototype[Symbol.asyncIterator] === ReadableStream.prototype.values);
  done();
});

scenario('argument errors', (done) => {
  try { new CountQueuingStrategy(); } catch (e) { err(e); }
  try { new ReadableStream({ type: 'foo' }); } catch (e) { err(e); }
  try { new ReadableStream(5); } catch (e) { err(e); }
  try { new ReadableStream({}, { highWaterMark: -1 }); } catch (e) { err(e); }
  try { new ReadableStream({}, { size: 5 }); } catch (e) { err(e); }
  try { new ReadableStream().getReader({ mode: 'x' }); } catch (e) { err(e); }
  try { ReadableStream.prototype.getReader.call({}); } catch (e) { err(e); }
  const locked = new ReadableStream();
  locked.getReader();
  try { locked.getReader(); } catch (e) { err(e); }
  try { locked.tee(); } catch (e) { err(e); }
  try { locked.pipeThrough(new TransformStream()); } catch (e) { err(e); }
  Promise.all([
    locked.cancel().catch(err),
    locked.pipeTo(new WritableStream()).catch(err),
    new ReadableStream().pipeTo(5).catch(err),
  ]).then(() => {
    new ReadableStream({ start(c) { c.close(); try { c.enqueue(1); } catch (e) { err(e); } } });
    const w = new WritableStream().getWriter();
    w.close();
    return w.write(1).catch(err);
  }).then(() => done());
});

scenario('reader: queue, pull and release', async (done) => {
  let pulls = 0;
  const rs = new ReadableStream({
    start(c) { log('start', c.desiredSize); c.enqueue(1); log('after enqueue', c.desiredSize); },
    pull(c) { pulls++; log('pull', pulls, c.desiredSize); if (pulls < 3) c.enqueue(pulls * 10); else c.close(); },
    cancel(reason) { log('cancel', reason); },
  }, { highWaterMark: 2 });
  const reader = rs.getReader();
  for (;;) {
    const { value, done: end } = await reader.read();
    log('read', value, end);
    if (end) break;
  }
  await reader.closed;
  log('closed; locked', rs.locked);
  reader.releaseLock();
  log('released; locked', rs.locked);
  const pending = new ReadableStream({ pull() {} }).getReader();
  const p1 = pending.read().catch((e) => log('pending read', e.message));
  const p2 = pending.closed.catch((e) => log('closed', e.message));
  pending.releaseLock();
  await Promise.all([p1, p2]);
  await pending.read().catch(err);
  done();
});

scenario('errors and cancel', async (done) => {
  const failing = new ReadableStream({ start(c) { c.error(new Error('boom')); } });
  await failing.getReader().read().catch((e) => log('read', e.message));
  const thrower = new ReadableStream({ pull() { throw new Error('pull failed'); } });
  await thrower.getReader().closed.catch((e) => log('closed', e.message));
  const cancelled = new ReadableStream({ cancel(reason) { log('source cancel', reason); return new Promise((r) => setTimeout(r, 1)); } });
  log('cancel result', await cancelled.cancel('why'));
  const r = new ReadableStream({ start(c) { c.enqueue('x'); } }).getReader();
  await r.cancel('stop');
  log('after cancel', await r.read());
  done();
});

scenario('async iteration', async (done) => {
  const rs = new ReadableStream({ start(c) { ['a', 'b', 'c'].forEach((x) => c.enqueue(x)); c.close(); } });
  for await (const chunk of rs) log('chunk', chunk);
  log('locked after loop', rs.locked);
  const endless = new ReadableStream({
    pull(c) { c.enqueue(Date.now() > 0 ? 'tick' : ''); },
    cancel(reason) { log('cancelled by break', reason); },
  });
  for await (const chunk of endless) { log(chunk); break; }
  const kept = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); }, cancel() { log('not called'); } });
  for await (const chunk of kept.values({ preventCancel: true })) { log('first', chunk); break; }
  log('still readable', (await kept.getReader().read()).value);
  const failing = new ReadableStream({ start(c) { c.enqueue(1); c.error(new Error('late')); } });
  try { for await (const chunk of failing) log('got', chunk); } catch (e) { log('loop error', e.message); }
  const from = ReadableStream.from((async function* () { yield 'x'; yield 'y'; })());
  for await (const chunk of from) log('from', chunk);
  for await (const chunk of ReadableStream.from(['p', 'q'])) log('from array', chunk);
  done();
});

scenario('writable and backpressure', async (done) => {
  const written = [];
  const ws = new WritableStream({
    start() { log('sink start'); },
    write(chunk, c) { log('sink write', chunk); written.push(chunk); return new Promise((r) => setTimeout(r, 1)); },
    close() { log('sink close'); },
    abort(reason) { log('sink abort', reason); },
  }, new CountQueuingStrategy({ highWaterMark: 2 }));
  const w = ws.getWriter();
  log('desiredSize', w.desiredSize);
  const writes = [w.write('a'), w.write('b'), w.write('c')];
  log('desiredSize after 3', w.desiredSize);
  let readyResolved = false;
  w.ready.then(() => { readyResolved = true; log('ready again', w.desiredSize); });
  await Promise.all(writes);
  log('all written', written, readyResolved);
  await w.close();
  log('closed', ws);
  const ws2 = new WritableStream({ write() { throw new Error('sink failed'); } });
  const w2 = ws2.getWriter();
  await w2.write('x').catch((e) => log('write rejected', e.message));
  await w2.closed.catch((e) => log('closed rejected', e.message));
  log(ws2);
  const ws3 = new WritableStream({ abort(r) { log('abort sink', r); } });
  const w3 = ws3.getWriter();
  await w3.abort('enough');
  await w3.write(1).catch((e) => log('after abort', e));
  const w4 = new WritableStream().getWriter();
  w4.releaseLock();
  await w4.write(1).catch(err);
  await w4.closed.catch(err);
  done();
});

scenario('transform, pipeTo, pipeThrough', async (done) => {
  const upper = new TransformStream({
    transform(chunk, c) { c.enqueue(String(chunk).toUpperCase()); },
    flush(c) { c.enqueue('!'); log('flush'); },
  });
  const source = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
  const out = [];
  await source.pipeThrough(upper).pipeTo(new WritableStream({ write(x) { out.push(x); }, close() { log('dest closed'); } }));
  log('piped', out);
  const failingSource = new ReadableStream({ start(c) { c.enqueue(1); c.error(new Error('src')); } });
  await failingSource.pipeTo(new WritableStream({ abort(r) { log('dest aborted', r.message); } })).catch((e) => log('pipe rejected', e.message));
  const failingDest = new WritableStream({ write() { throw new Error('dst'); } });
  await new ReadableStream({ start(c) { c.enqueue(1); }, cancel(r) { log('source cancelled', r.message); } })
    .pipeTo(failingDest).catch((e) => log('pipe rejected', e.message));
  const ac = new AbortController();
  const slow = new ReadableStream({ pull(c) { return new Promise((r) => setTimeout(() => { if (c.desiredSize !== 0) c.enqueue('z'); r(); }, 1)); }, cancel(r) { log('cancel on abort', r.name); } });
  const p = slow.pipeTo(new WritableStream({ write(x) { log('w', x); ac.abort(); }, abort(r) { log('abort on abort', r.name); } }), { signal: ac.signal });
  await p.catch((e) => log('aborted', e.name, e.message));
  const keep = new WritableStream({ close() { log('never closed'); } });
  await new ReadableStream({ start(c) { c.close(); } }).pipeTo(keep, { preventClose: true });
  log('preventClose keeps', keep.locked, keep);
  const t = new TransformStream({ transform(chunk, c) { c.terminate(); } });
  const tw = t.writable.getWriter();
  const firstRead = t.readable.getReader().read();
  await tw.write('x');
  log(await firstRead);
  await tw.write('y').catch(err);
  done();
});

scenario('tee', async (done) => {
  const [a, b] = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); } }).tee();
  const ra = [], rb = [];
  for await (const x of a) ra.push(x);
  for await (const x of b) rb.push(x);
  log('tee', ra, rb);
  let cancelled;
  const [c1, c2] = new ReadableStream({ cancel(r) { cancelled = r; } }).tee();
  await Promise.all([c1.cancel('one'), c2.cancel('two')]);
  log('both cancelled with', cancelled);
  done();
});

scenario('byte streams', async (done) => {
  const bytes = new ReadableStream({
    type: 'bytes',
    start(c) {
      try { c.enqueue('x'); } catch (e) { err(e); }
      log(c.constructor.name, c.byobRequest, c.desiredSize);
      c.enqueue(new Uint8Array([1, 2, 3, 4, 5]));
      c.close();
    },
  });
  log(bytes);
  const reader = bytes.getReader({ mode: 'byob' });
  log(await reader.read(new Uint8Array(2)));
  log(await reader.read(new Uint8Array(8)));
  log(await reader.read(new Uint8Array(2)));
  const plain = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([9])); c.close(); } });
  for await (const x of plain) log(x);
  done();
});

scenario('text streams', async (done) => {
  const enc = new TextEncoderStream();
  const ew = enc.writable.getWriter();
  ew.write('h\u00e9'); ew.write('\ud83d'); ew.write('\ude00'); ew.close();
  for await (const x of enc.readable) log(x);
  const dec = new TextDecoderStream();
  const dw = dec.writable.getWriter();
  const euro = new TextEncoder().encode('\u20ac!');
  dw.write(euro.subarray(0, 1)); dw.write(euro.subarray(1)); dw.close();
  for await (const x of dec.readable) log(JSON.stringify(x));
  const text = [];
  await ReadableStream.from(['a', 'b\u00e9']).pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()).pipeTo(new WritableStream({ write(x) { text.push(x); } }));
  log(text);
  done();
});

scenario('order of promise jobs', (done) => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); } });
  const r = rs.getReader();
  Promise.resolve().then(() => log('job 1'));
  r.read().then((x) => log('read', x.value));
  Promise.resolve().then(() => log('job 2'));
  process.nextTick(() => log('tick'));
  setTimeout(done, 1);
});

setTimeout(async () => {
  for (const [name, fn] of scenarios) {
    console.log('--', name);
    await new Promise((done) => fn(done));
  }
  console.log('-- all done');
}, 1);
module.exports = function (cb) { cb(); };
