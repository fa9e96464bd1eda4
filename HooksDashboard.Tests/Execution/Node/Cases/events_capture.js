// EventEmitter's captureRejections: an async listener's rejection becomes 'error' or the [nodejs.rejection] call.
const EventEmitter = require('events');
const e = new EventEmitter({ captureRejections: true });
e.on('error', (er) => console.log('captured', er.message));
e.on('x', async () => { throw new Error('async listener'); });
e.on('x', () => 5);
console.log(e.emit('x', 1));
const f = new EventEmitter({ captureRejections: true });
f[Symbol.for('nodejs.rejection')] = function (err, type, a) { console.log('rejection hook', err.message, type, a); };
f.on('y', async () => { throw new Error('boom'); });
f.emit('y', 7);
try { new EventEmitter({ captureRejections: 1 }); } catch (x) { console.log(x.code, x.message); }
EventEmitter.captureRejections = true;
const g = new EventEmitter();
g.on('error', (er) => console.log('default captured', er.message));
g.on('z', () => Promise.reject(new Error('z')));
g.emit('z');
setTimeout(() => { EventEmitter.captureRejections = false; try { EventEmitter.captureRejections = 'x'; } catch (x) { console.log(x.code); } }, 10);
module.exports = function (cb) { setTimeout(cb, 50); };
