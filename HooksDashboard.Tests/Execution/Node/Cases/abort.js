// AbortController, AbortSignal (abort, timeout, any, throwIfAborted, reasons), Event/EventTarget as globals, and
// events.on / events.once with signals.
const { EventEmitter, on, once } = require('events');

setTimeout(async () => {
  // AbortSignal.timeout's timer is unref'd, as in Node: this one keeps the run alive meanwhile.
  const keepAlive = setTimeout(() => {}, 5000);
  const ac = new AbortController();
  const { signal } = ac;
  console.log(signal.aborted, signal.reason, typeof signal.addEventListener, signal instanceof EventTarget);
  signal.onabort = (e) => console.log('onabort', e.type);
  signal.addEventListener('abort', (e) => console.log('listener', e.type, e.target === signal, signal.aborted));
  signal.addEventListener('abort', () => console.log('once listener'), { once: true });
  ac.abort();
  ac.abort('again');
  console.log(signal.reason.name, signal.reason.message, signal.reason.code, signal.reason instanceof Error);
  try { signal.throwIfAborted(); } catch (e) { console.log('throwIfAborted', e.name); }

  const custom = new AbortController();
  custom.abort(new Error('my reason'));
  console.log(custom.signal.reason.message);
  const s = AbortSignal.abort('why');
  console.log(s.aborted, s.reason);
  try { new AbortSignal(); } catch (e) { console.log(e.name, e.code, e.message); }

  const timed = AbortSignal.timeout(5);
  await new Promise((resolve) => timed.addEventListener('abort', resolve));
  console.log('timeout', timed.reason.name, timed.reason.message, timed.reason.code);
  try { AbortSignal.timeout(-1); } catch (e) { console.log(e.code, e.message); }

  const a = new AbortController();
  const b = new AbortController();
  const any = AbortSignal.any([a.signal, b.signal]);
  any.addEventListener('abort', () => console.log('any aborted with', any.reason));
  b.abort('b first');
  a.abort('a second');
  console.log(AbortSignal.any([AbortSignal.abort('pre')]).reason);

  const target = new EventTarget();
  const handler = { handleEvent(e) { console.log('handleEvent', e.type, e.cancelable); } };
  target.addEventListener('ping', handler);
  target.addEventListener('ping', (e) => { console.log('fn', e.type); e.preventDefault(); });
  console.log('dispatch returns', target.dispatchEvent(new Event('ping', { cancelable: true })));
  target.removeEventListener('ping', handler);
  target.dispatchEvent(new Event('ping'));
  const e = new Event('x');
  console.log(e.type, e.bubbles, e.cancelable, e.defaultPrevented, e.target, typeof e.timeStamp);

  const emitter = new EventEmitter();
  setTimeout(() => { emitter.emit('data', 1, 'a'); emitter.emit('data', 2, 'b'); emitter.emit('end'); }, 1);
  const seen = [];
  const endSeen = once(emitter, 'end');
  for await (const args of on(emitter, 'data')) {
    seen.push(args);
    if (seen.length === 2) break;
  }
  await endSeen;
  console.log('events.on', seen, emitter.listenerCount('data'), emitter.listenerCount('error'));

  const failing = new EventEmitter();
  setTimeout(() => failing.emit('error', new Error('emitter failed')), 1);
  try {
    for await (const x of on(failing, 'data')) { void x; }
  } catch (err) { console.log('events.on error', err.message); }

  const stop = new AbortController();
  setTimeout(() => stop.abort(), 1);
  try {
    for await (const x of on(new EventEmitter(), 'data', { signal: stop.signal })) { void x; }
  } catch (err) { console.log('events.on aborted', err.name); }
  clearTimeout(keepAlive);
  console.log('done');
}, 1);
module.exports = function (cb) { cb(); };
