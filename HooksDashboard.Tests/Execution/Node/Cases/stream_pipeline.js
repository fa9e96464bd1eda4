// stream.pipeline (callback and promise), finished, addAbortSignal, stream/promises and the utilities.
const stream = require('stream');
const { pipeline, finished, Readable, Writable, Transform, PassThrough } = stream;
const { pipeline: pipelineP, finished: finishedP } = require('node:stream/promises');
const util = require('util');
const scenarios = [];
const scenario = (name, fn) => scenarios.push([name, fn]);
const log = (...args) => console.log(...args);

const upper = () => new Transform({ transform(c, e, cb) { cb(null, c.toString().toUpperCase()); } });
const collector = (into) => new Writable({ write(c, e, cb) { into.push(c.toString()); cb(); } });

scenario('pipeline callback success', (done) => {
  const out = [];
  const last = pipeline(Readable.from(['a', 'b']), upper(), collector(out), (err) => {
    log('pipeline done', err, out);
    done();
  });
  log('returns last', last instanceof Writable);
});

scenario('pipeline error destroys all', (done) => {
  const src = new Readable({ read() {} });
  const t = new Transform({ transform(c, e, cb) { cb(new Error('transform failed')); } });
  const dst = collector([]);
  pipeline(src, t, dst, (err) => {
    log('pipeline error', err.message, src.destroyed, t.destroyed, dst.destroyed);
    done();
  });
  src.push('x');
});

scenario('pipeline premature close', (done) => {
  const src = new Readable({ read() {} });
  const dst = collector([]);
  pipeline(src, dst, (err) => { log(err.code, err.message); done(); });
  src.push('x');
  setTimeout(() => dst.destroy(), 1);
});

scenario('pipeline with async generator transform', (done) => {
  const out = [];
  pipeline(
    Readable.from(['1', '2', '3']),
    async function* (source) { for await (const c of source) yield String(Number(c) * 10); },
    collector(out),
    (err) => { log('generator pipeline', err, out); done(); });
});

scenario('pipeline to async function', (done) => {
  pipeline(Readable.from(['x', 'y']), async function (source) {
    let s = '';
    for await (const c of source) s += c;
    return s;
  }, (err, value) => { log('sink value', err, value); done(); });
});

scenario('pipeline argument errors', (done) => {
  try { pipeline(Readable.from(['a'])); } catch (e) { log(e.code, e.message); }
  try { pipeline(Readable.from(['a']), () => {}); } catch (e) { log(e.code, e.message); }
  done();
});

scenario('promise pipeline', async (done) => {
  const out = [];
  await pipelineP(Readable.from(['p', 'q']), upper(), collector(out));
  log('promise pipeline', out);
  try {
    await pipelineP(new Readable({ read() { this.destroy(new Error('source broke')); } }), collector([]));
  } catch (e) { log('promise pipeline rejected', e.message); }
  const pp = util.promisify(pipeline);
  await pp(Readable.from(['z']), collector(out));
  log('promisified', out, util.promisify(pipeline) === pipelineP);
  done();
});

scenario('pipeline with abort signal', async (done) => {
  const ac = new AbortController();
  const src = new Readable({ read() {} });
  setTimeout(() => ac.abort(), 1);
  try {
    await pipelineP(src, collector([]), { signal: ac.signal });
  } catch (e) { log('aborted', e.name, e.code, e.message, src.destroyed); }
  done();
});

scenario('finished', (done) => {
  const r = Readable.from(['a']);
  const cleanup = finished(r, (err) => log('finished readable', err));
  log(typeof cleanup);
  r.resume();
  const w = collector([]);
  finished(w, (err) => log('finished writable', err));
  w.end('x');
  const broken = new Readable({ read() {} });
  finished(broken, (err) => { log('finished error', err.message); });
  broken.on('error', () => {});
  broken.destroy(new Error('broken'));
  const early = new Readable({ read() {} });
  finished(early, (err) => { log('finished premature', err.code); done(); });
  early.destroy();
});

scenario('finished promise and already finished', async (done) => {
  const w = collector([]);
  w.end('x');
  await finishedP(w);
  log('finishedP resolved', w.writableFinished);
  await new Promise((resolve) => finished(w, (err) => { log('finished after finish', err); resolve(); }));
  try { finished(w, 'nope'); } catch (e) { log(e.code, e.message); }
  done();
});

scenario('addAbortSignal', (done) => {
  const ac = new AbortController();
  const r = stream.addAbortSignal(ac.signal, new Readable({ read() {} }));
  r.on('error', (e) => log('error', e.name, e.code, e.message, e.cause && e.cause.name));
  r.on('close', () => { log('close', r.destroyed); done(); });
  ac.abort();
  try { stream.addAbortSignal('x', r); } catch (e) { log(e.code, e.message); }
});

scenario('utilities', (done) => {
  const r = new Readable({ read() {} });
  log(stream.isReadable(r), stream.isErrored(r), stream.isDisturbed(r), stream.isDestroyed(r));
  r.on('error', () => {});
  r.destroy(new Error('x'));
  setTimeout(() => {
    log(stream.isReadable(r), stream.isErrored(r), stream.isDestroyed(r));
    log(typeof stream.Stream, stream.Stream === stream, typeof stream.promises.pipeline, stream.getDefaultHighWaterMark(false), stream.getDefaultHighWaterMark(true));
    done();
  }, 1);
});

scenario('toArray and iterator options', async (done) => {
  log(await Readable.from([1, 2, 3]).toArray());
  const r = Readable.from(['a', 'b', 'c']);
  for await (const c of r.iterator({ destroyOnReturn: false })) { log('first', c); break; }
  log('not destroyed', r.destroyed, r.read());
  done();
});

setTimeout(async () => {
  for (const [name, fn] of scenarios) {
    console.log('--', name);
    await new Promise((done) => fn(done));
  }
  console.log('-- all done');
}, 1);
module.exports = function (cb) { cb(); };
