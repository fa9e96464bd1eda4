// stream.Readable: flowing and paused modes, the order of 'data'/'readable'/'end'/'close', highWaterMark, objectMode,
// setEncoding, unshift, destroy(err) and the errors of push. Scenarios run one after another from a timer.
const { Readable } = require('stream');
const scenarios = [];
const scenario = (name, fn) => scenarios.push([name, fn]);
const log = (...args) => console.log(...args);

scenario('flowing with data listener', (done) => {
  const r = new Readable({ read() {} });
  r.on('data', (c) => log('data', c));
  r.on('end', () => log('end'));
  r.on('close', () => { log('close'); done(); });
  r.push('a');
  r.push(Buffer.from('b'));
  log('pushed sync');
  process.nextTick(() => { r.push('c'); r.push(null); log('pushed null'); });
});

scenario('paused mode with readable', (done) => {
  const r = new Readable({ read() {} });
  r.push('hello ');
  r.push('world');
  r.push(null);
  r.on('readable', () => {
    let chunk;
    log('readable', r.readableLength);
    while ((chunk = r.read()) !== null) log('read', chunk.toString());
  });
  r.on('end', () => log('end'));
  r.on('close', () => { log('close', r.destroyed); done(); });
});

scenario('read(n) sizes', (done) => {
  const r = new Readable({ read() {} });
  r.push('abcdef');
  r.push('ghij');
  log(String(r.read(3)), String(r.read(5)), r.read(10), r.readableLength);
  r.push(null);
  log(String(r.read(10)));
  r.on('end', () => { log('end'); done(); });
  r.resume();
});

scenario('objectMode and highWaterMark', (done) => {
  let n = 0;
  const reads = [];
  const r = new Readable({
    objectMode: true,
    highWaterMark: 2,
    read(size) {
      reads.push(size);
      n += 1;
      if (n > 5) this.push(null); else this.push({ n });
    },
  });
  log('hwm', r.readableHighWaterMark, r.readableObjectMode);
  setTimeout(() => {
    log('buffered before reading', r.readableLength, reads);
    const got = [];
    r.on('data', (o) => got.push(o.n));
    r.on('end', () => { log('got', got); done(); });
  }, 5);
});

scenario('push return value and backpressure', (done) => {
  const r = new Readable({ highWaterMark: 4, read() {} });
  log(r.push('ab'), r.push('cd'), r.push('ef'), r.readableLength);
  r.on('data', () => {});
  r.on('end', () => { log('end after', r.readableLength); done(); });
  r.push(null);
});

scenario('setEncoding splits multibyte', (done) => {
  const r = new Readable({ read() {} });
  r.setEncoding('utf8');
  const euro = Buffer.from('€uro');
  r.push(euro.subarray(0, 1));
  r.push(euro.subarray(1, 2));
  r.push(euro.subarray(2));
  r.push(null);
  const parts = [];
  r.on('data', (s) => parts.push(typeof s + ':' + s));
  r.on('end', () => { log(parts, r.readableEncoding); done(); });
});

scenario('encoding option and hex', (done) => {
  const r = new Readable({ encoding: 'hex', read() {} });
  r.push('hi');
  r.push(null);
  r.on('data', (s) => log('hex', s));
  r.on('end', done);
});

scenario('unshift puts data back', (done) => {
  const r = new Readable({ read() {} });
  r.push('header:body');
  r.push(null);
  r.once('readable', () => {
    const all = r.read().toString();
    const i = all.indexOf(':');
    r.unshift(all.slice(i + 1));
    log('header', all.slice(0, i));
    r.on('data', (c) => log('rest', c.toString()));
    r.on('end', done);
  });
});

scenario('pause and resume events', (done) => {
  const r = new Readable({ read() {} });
  r.on('pause', () => log('pause event'));
  r.on('resume', () => log('resume event'));
  r.on('data', (c) => {
    log('data', c.toString(), r.isPaused());
    r.pause();
    setTimeout(() => r.resume(), 1);
  });
  r.push('x');
  r.push('y');
  r.push(null);
  r.on('end', () => { log('end', r.readableFlowing); done(); });
});

scenario('destroy with error', (done) => {
  const r = new Readable({ read() {} });
  r.on('error', (e) => log('error', e.message, r.destroyed, r.errored === e));
  r.on('close', () => { log('close', r.readableAborted, r.closed); done(); });
  r.push('data');
  r.destroy(new Error('boom'));
  log('after destroy', r.destroyed, r.push('more'));
});

scenario('destroy without error and _destroy', (done) => {
  const r = new Readable({
    read() {},
    destroy(err, cb) { log('_destroy', err); setTimeout(() => cb(err), 1); },
  });
  r.on('close', () => { log('close'); done(); });
  r.destroy();
  r.destroy();
  log('destroyed', r.destroyed);
});

scenario('push after EOF', (done) => {
  const r = new Readable({ read() {} });
  r.on('error', (e) => { log(e.code, e.message); });
  r.on('close', done);
  r.push(null);
  r.push('late');
});

scenario('read not implemented', (done) => {
  const r = new Readable();
  r.on('error', (e) => log(e.code, e.message));
  r.on('close', done);
  r.resume();
});

scenario('invalid chunk', (done) => {
  const r = new Readable({ read() {} });
  r.on('error', (e) => log(e.code, e.message));
  r.on('close', done);
  r.push(42);
});

scenario('highWaterMark validation', (done) => {
  try { new Readable({ highWaterMark: -1 }); } catch (e) { log(e.code, e.message); }
  try { new Readable({ highWaterMark: 1.5 }); } catch (e) { log(e.code, e.message); }
  log(new Readable({ highWaterMark: 0 }).readableHighWaterMark, new Readable().readableHighWaterMark);
  done();
});

scenario('Readable.from array and strings', (done) => {
  const r = Readable.from(['a', 'b', 'c']);
  const seen = [];
  r.on('data', (c) => seen.push(c));
  r.on('end', () => {
    log('from array', seen, r.readableObjectMode);
    const s = Readable.from('whole string');
    s.on('data', (c) => log('from string', c));
    s.on('end', done);
  });
});

scenario('Readable.from generator and async generator', (done) => {
  function* gen() { yield 1; yield 2; }
  async function* agen() { yield 'x'; await null; yield 'y'; }
  const out = [];
  Readable.from(gen()).on('data', (v) => out.push(v)).on('end', () => {
    Readable.from(agen()).on('data', (v) => out.push(v)).on('end', () => { log(out); done(); });
  });
});

scenario('Readable.from rejects null and non iterables', (done) => {
  try { Readable.from(5); } catch (e) { log(e.code, e.message); }
  const r = Readable.from([1, null, 3]);
  r.on('data', (v) => log('got', v));
  r.on('error', (e) => log(e.code, e.message));
  r.on('close', done);
});

scenario('async iteration', async (done) => {
  const r = Readable.from(['one', 'two', 'three']);
  for await (const chunk of r) log('iter', chunk);
  log('after loop', r.destroyed);
  const r2 = new Readable({ read() {} });
  r2.push('p');
  setTimeout(() => r2.destroy(new Error('mid-iteration')), 2);
  try {
    for await (const chunk of r2) log('iter2', chunk.toString());
  } catch (e) { log('caught', e.message); }
  const r3 = Readable.from([1, 2, 3, 4]);
  for await (const v of r3) { log('break at', v); if (v === 2) break; }
  log('r3 destroyed', r3.destroyed);
  done();
});

scenario('state getters', (done) => {
  const r = new Readable({ read() {} });
  log(r.readable, r.readableFlowing, r.readableEnded, r.readableDidRead, r.isPaused());
  r.on('data', () => {});
  log(r.readableFlowing, r.isPaused());
  r.pause();
  log(r.readableFlowing, r.isPaused());
  r.push('z');
  r.push(null);
  r.resume();
  r.on('end', () => { log(r.readable, r.readableEnded, r.readableDidRead); done(); });
});

setTimeout(async () => {
  for (const [name, fn] of scenarios) {
    console.log('--', name);
    await new Promise((done) => fn(done));
  }
  console.log('-- all done');
}, 1);
module.exports = function (cb) { cb(); };
