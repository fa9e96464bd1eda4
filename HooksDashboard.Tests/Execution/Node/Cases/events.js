// EventEmitter with Node's semantics.
const EventEmitter = require('events');
const { once } = require('events');
const e = new EventEmitter();
console.log(e);
e.on('x', (v) => console.log('on', v));
e.once('x', (v) => console.log('once', v));
e.prependListener('x', (v) => console.log('prepended', v));
e.prependOnceListener('x', (v) => console.log('prepended once', v));
console.log(e.emit('x', 1), e.emit('x', 2), e.emit('nothing'));
console.log(e.listenerCount('x'), e.eventNames(), e.listeners('x').length, e.rawListeners('x').length);
const handler = () => console.log('removed?');
e.on('y', handler);
e.on('removeListener', (name) => console.log('removeListener event', name));
e.removeListener('y', handler);
e.emit('y');
e.on('newListener', (name) => console.log('newListener event', name));
e.on('z', () => {});
try { e.emit('error', new Error('boom')); } catch (x) { console.log('thrown', x.message); }
try { e.emit('error', 'str'); } catch (x) { console.log(x.name, '|', x.message, '|', x.code, '|', x.context); }
try { e.emit('error'); } catch (x) { console.log(x.name, '|', x.message, '|', x.code); }
try { e.on('x', 5); } catch (x) { console.log(x.name, '|', x.message, '|', x.code); }
try { e.setMaxListeners(-1); } catch (x) { console.log(x.name, '|', x.message, '|', x.code); }
console.log(EventEmitter.defaultMaxListeners, e.getMaxListeners(), e.setMaxListeners(1) === e, e.getMaxListeners());
console.log(typeof EventEmitter.EventEmitter, EventEmitter.errorMonitor, EventEmitter.listenerCount(e, 'x'));
e.removeAllListeners('x');
console.log(e.listenerCount('x'));
class Child extends EventEmitter {}
const c = new Child();
c.on('error', (err) => console.log('handled', err.message));
c.emit('error', new Error('via listener'));
once(c, 'ready').then((args) => console.log('events.once resolved', args));
once(c, 'fail').catch((err) => console.log('events.once rejected', err.message));
c.emit('ready', 1, 2);
c.emit('error', new Error('rejects once'));
// events.once with a signal: an abort before or while waiting rejects (the reason as cause) and removes the listeners.
const waiting = new EventEmitter();
const controller = new AbortController();
once(waiting, 'x', { signal: controller.signal }).catch((err) => console.log('once aborted', err.name, err.code, err.message, err.cause));
controller.abort('why');
console.log('listeners after abort', waiting.listenerCount('x'), waiting.listenerCount('error'));
once(waiting, 'x', { signal: AbortSignal.abort() }).catch((err) => console.log('once pre-aborted', err.name, err.cause && err.cause.name));
const later = new AbortController();
once(waiting, 'y', { signal: later.signal }).then((args) => { later.abort(); console.log('once resolved before abort', args); });
waiting.emit('y', 1);
module.exports = function (cb) { cb(); };
