// stream.Writable, Duplex, Transform and PassThrough: write callbacks, 'drain', 'finish'/'close' order, cork,
// writev, final, construct, errors; and pipe with backpressure. Scenarios run one after another from a timer.
const { Writable, Readable, Duplex, Transform, PassThrough, Stream } = require('stream');
const util = require('util');
const scenarios = [];
const scenario = (name, fn) => scenarios.push([name, fn]);
const log = (...args) => console.log(...args);

scenario('write callbacks, finish and close order', (done) => {
  const w = new Writable({
    write(chunk, enc, cb) { log('_write', chunk.toString(), enc); cb(); },
  });
  w.on('finish', () => log('finish'));
  w.on('close', () => { log('close'); done(); });
  log('write returns', w.write('a', () => log('cb a')));
  w.write(Buffer.from('b'), 'utf8', (err) => log('cb b', err));
  w.end('c', () => log('end cb'));
  log('after end', w.writableEnded, w.writableFinished, w.writable);
});

scenario('async writes buffer and drain', (done) => {
  const w = new Writable({
    highWaterMark: 3,
    write(chunk, enc, cb) { log('_write', chunk.toString(), this.writableLength); setTimeout(cb, 1); },
  });
  log(w.write('ab'), w.write('cd'), w.writableLength, w.writableNeedDrain);
  w.on('drain', () => {
    log('drain', w.writableLength);
    w.end();
  });
  w.on('finish', () => { log('finish'); done(); });
});

scenario('decodeStrings false and defaultEncoding', (done) => {
  const w = new Writable({
    decodeStrings: false,
    write(chunk, enc, cb) { log(typeof chunk, chunk, enc); cb(); },
  });
  w.write('text');
  w.write('aGk=', 'base64');
  w.setDefaultEncoding('hex');
  w.write('6869');
  w.end();
  w.on('finish', done);
});

scenario('objectMode writable', (done) => {
  const items = [];
  const w = new Writable({ objectMode: true, write(o, enc, cb) { items.push(o); cb(); } });
  w.write({ a: 1 });
  w.write([2]);
  w.write('three');
  w.end(4);
  w.on('finish', () => { log(items, w.writableObjectMode); done(); });
});

scenario('cork and writev', (done) => {
  const w = new Writable({
    writev(chunks, cb) { log('writev', chunks.map((c) => c.chunk.toString()), chunks.allBuffers); cb(); },
  });
  w.cork();
  w.write('1');
  w.write('2');
  w.write('3');
  log('corked', w.writableCorked, w.writableLength);
  process.nextTick(() => w.uncork());
  w.on('finish', () => { log('finish'); done(); });
  setTimeout(() => w.end(), 2);
});

scenario('final and construct', (done) => {
  const w = new Writable({
    construct(cb) { log('construct'); setTimeout(cb, 1); },
    write(chunk, enc, cb) { log('write', chunk.toString()); cb(); },
    final(cb) { log('final'); setTimeout(cb, 1); },
  });
  w.write('early');
  w.on('prefinish', () => log('prefinish'));
  w.on('finish', () => log('finish'));
  w.on('close', () => { log('close'); done(); });
  w.end();
});

scenario('write after end', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(); } });
  w.on('error', (e) => log('error event', e.code, e.message));
  w.end();
  w.write('x', (err) => log('write cb', err.code));
  w.on('close', done);
});

scenario('write errors', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(new Error('disk full')); } });
  w.on('error', (e) => log('error', e.message, w.destroyed, w.writableAborted));
  w.on('close', () => { log('close', w.errored && w.errored.message); done(); });
  w.write('x', (err) => log('write cb', err && err.message));
});

scenario('argument errors', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(); } });
  for (const bad of [() => w.write(null), () => w.write(5), () => w.write('x', 'nope'), () => w.setDefaultEncoding('bad')]) {
    try { bad(); } catch (e) { log(e.name, e.code, e.message); }
  }
  const noImpl = new Writable();
  try { noImpl.write('x'); } catch (e) { log('thrown', e.code, e.message); }
  done();
});

scenario('end twice and destroy', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(); } });
  w.end();
  w.on('finish', () => {
    w.end((err) => log('second end', err.code, err.message));
    setTimeout(() => {
      const w2 = new Writable({ write(c, e, cb) { setTimeout(cb, 5); } });
      w2.on('error', (e) => log('w2 error', e.message));
      w2.write('a', (err) => log('w2 cb a', err && err.code));
      w2.write('b', (err) => log('w2 cb b', err && err.code));
      w2.destroy();
      w2.on('close', () => { log('w2 close'); setTimeout(done, 10); });
    }, 1);
  });
});

scenario('duplex', (done) => {
  const d = new Duplex({
    read() {},
    write(chunk, enc, cb) { this.push(chunk.toString().toUpperCase()); cb(); },
    final(cb) { this.push(null); cb(); },
  });
  d.on('data', (c) => log('duplex data', c.toString()));
  d.on('end', () => log('duplex end'));
  d.on('finish', () => log('duplex finish'));
  d.on('close', () => { log('duplex close', d instanceof Writable, d instanceof Readable); done(); });
  d.write('hello');
  d.end('bye');
});

scenario('duplex allowHalfOpen false', (done) => {
  const d = new Duplex({
    allowHalfOpen: false,
    read() { this.push('only'); this.push(null); },
    write(c, e, cb) { cb(); },
  });
  d.on('finish', () => log('finish (auto end)'));
  d.on('end', () => log('end'));
  d.on('close', () => { log('close'); done(); });
  d.resume();
});

scenario('transform and flush', (done) => {
  const t = new Transform({
    transform(chunk, enc, cb) { cb(null, chunk.toString().split('').reverse().join('')); },
    flush(cb) { this.push('[flushed]'); cb(); },
  });
  t.setEncoding('utf8');
  const out = [];
  t.on('data', (s) => out.push(s));
  t.on('end', () => log('transform out', out));
  t.on('finish', () => log('transform finish'));
  t.on('close', () => { log('transform close'); done(); });
  t.write('abc');
  t.write('def');
  t.end();
});

scenario('transform objectMode push many', (done) => {
  const splitter = new Transform({
    readableObjectMode: true,
    transform(chunk, enc, cb) {
      for (const line of chunk.toString().split('\n')) if (line) this.push({ line });
      cb();
    },
  });
  const lines = [];
  splitter.on('data', (o) => lines.push(o.line));
  splitter.on('end', () => { log(lines, splitter.readableObjectMode, splitter.writableObjectMode); done(); });
  splitter.end('a\nb\nc\n');
});

scenario('transform error', (done) => {
  const t = new Transform({ transform(c, e, cb) { cb(new Error('bad input')); } });
  t.on('error', (e) => log('error', e.message));
  t.on('close', () => { log('close'); done(); });
  t.write('x');
});

scenario('passthrough and pipe with backpressure', (done) => {
  let reads = 0;
  const src = new Readable({
    highWaterMark: 4,
    read() { reads++; this.push(reads <= 6 ? 'chunk' + reads : null); },
  });
  const writes = [];
  const slow = new Writable({
    highWaterMark: 8,
    write(chunk, enc, cb) { writes.push(chunk.toString()); setTimeout(cb, 1); },
  });
  const pt = new PassThrough();
  src.on('end', () => log('src end'));
  pt.on('pipe', (s) => log('pt got pipe', s === src));
  slow.on('unpipe', () => log('slow unpipe'));
  slow.on('finish', () => { log('slow finish', writes, reads); done(); });
  src.pipe(pt).pipe(slow);
});

scenario('pipe end false and unpipe', (done) => {
  const src = new Readable({ read() {} });
  const chunks = [];
  const dest = new Writable({ write(c, e, cb) { chunks.push(c.toString()); cb(); } });
  src.pipe(dest, { end: false });
  src.push('1');
  src.push(null);
  src.on('end', () => {
    setTimeout(() => {
      log('dest still writable', dest.writable, chunks);
      const src2 = new Readable({ read() {} });
      src2.pipe(dest);
      src2.push('2');
      setTimeout(() => {
        src2.unpipe(dest);
        log('unpiped, paused', src2.isPaused(), chunks);
        dest.end();
        dest.on('finish', done);
      }, 1);
    }, 1);
  });
});

scenario('legacy Stream and util.inherits', (done) => {
  function Legacy() { Stream.call(this); this.readable = true; }
  util.inherits(Legacy, Stream);
  const l = new Legacy();
  const got = [];
  const dest = new Writable({ write(c, e, cb) { got.push(c.toString()); cb(); } });
  l.pipe(dest);
  l.emit('data', 'x');
  l.emit('data', 'y');
  l.emit('end');
  dest.on('finish', () => { log('legacy', got, l instanceof Stream, typeof Stream.prototype.pipe); done(); });
});

scenario('subclass with class syntax', (done) => {
  class Counter extends Readable {
    constructor() { super({ objectMode: true }); this.n = 0; }
    _read() { this.n++; this.push(this.n > 3 ? null : this.n); }
  }
  class Sum extends Writable {
    constructor() { super({ objectMode: true }); this.total = 0; }
    _write(v, e, cb) { this.total += v; cb(); }
  }
  const sum = new Sum();
  new Counter().pipe(sum).on('finish', () => { log('sum', sum.total); done(); });
});

setTimeout(async () => {
  for (const [name, fn] of scenarios) {
    console.log('--', name);
    await new Promise((done) => fn(done));
  }
  console.log('-- all done');
}, 1);
module.exports = function (cb) { cb(); };
