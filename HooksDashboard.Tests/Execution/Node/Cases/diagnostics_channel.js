// diagnostics_channel: channels by name, subscribers, tracing channels around sync, promise and callback calls.
const dc = require('diagnostics_channel');
console.log(Object.keys(dc));
const c = dc.channel('x');
console.log(c, c.name, c.hasSubscribers, dc.channel('x') === c, c instanceof dc.Channel, dc.hasSubscribers('x'), dc.hasSubscribers('never'));
function onX(message, name) { console.log('x got', message, name); }
c.subscribe(onX);
console.log(c.hasSubscribers, dc.hasSubscribers('x'));
c.publish({ a: 1 });
console.log(c.unsubscribe(onX), c.unsubscribe(onX), c.hasSubscribers);
c.publish('nobody listens');
for (const bad of [() => dc.channel(1), () => c.subscribe(1), () => dc.tracingChannel(5), () => dc.tracingChannel({ start: 1 })]) {
  try { bad(); } catch (e) { console.log(e.name, e.code, e.message); }
}
dc.subscribe('z', onX);
dc.channel('z').publish(2);
console.log(dc.unsubscribe('z', onX), dc.unsubscribe('q', onX));
const sym = Symbol('s');
dc.subscribe(sym, (m, n) => console.log('symbol', m, n.toString()));
dc.channel(sym).publish('via symbol');
// A subscriber added while publishing gets the next message only.
const late = dc.channel('late');
late.subscribe((m) => { console.log('first', m); late.subscribe((n) => console.log('added', n)); });
late.publish(1);
late.publish(2);
// Stores: any object with run(store, fn); the transform's value is what run receives.
const store = { run(value, fn) { console.log('store.run', value); return fn(); } };
const s = dc.channel('stores');
s.bindStore(store, (data) => ({ wrapped: data }));
console.log(s.hasSubscribers, s.runStores({ d: 1 }, function (a, b) { return [this.t, a, b]; }, { t: 'this' }, 1, 2));
console.log(s.unbindStore(store), s.unbindStore(store), s.hasSubscribers, s.runStores(1, (v) => v * 2, null, 21));

const t = dc.tracingChannel('y');
console.log(Object.keys(t), t.start.name, t.asyncEnd.name, t.hasSubscribers);
console.log(t.traceSync((x) => x + 1, {}, null, 1), t.tracePromise(() => 7, {}), t.traceCallback((a, cb) => a, -1, {}, null, 3, () => {}));
const log = (n) => (m) => console.log(n, JSON.stringify(m), m.error ? m.error.message : '');
const handlers = { start: log('start'), end: log('end'), asyncStart: log('asyncStart'), asyncEnd: log('asyncEnd'), error: log('error') };
t.subscribe(handlers);
console.log(t.hasSubscribers, dc.hasSubscribers('tracing:y:start'));
console.log(t.traceSync(function (a, b) { return this.k + a + b; }, { ctx: 1 }, { k: 'K' }, 1, 2));
try { t.traceSync(() => { throw new Error('boom'); }, { c: 2 }); } catch (e) { console.log('caught', e.message); }
const t2 = dc.tracingChannel({ start: dc.channel('a'), end: dc.channel('b'), asyncStart: dc.channel('c'), asyncEnd: dc.channel('d'), error: dc.channel('e') });
console.log(t2.start.name, t2.error.name, t2.hasSubscribers);
t.tracePromise(async (x) => x * 2, { p: 1 }, null, 21)
  .then((v) => { console.log('resolved', v); return t.tracePromise(async () => { throw new Error('no'); }, { p: 2 }); })
  .catch((e) => {
    console.log('rejected', e.message);
    t.traceCallback(function (a, cb) { setTimeout(() => cb(null, a + 1)); }, -1, { cb: 1 }, null, 5, function (err, r) {
      console.log('callback', err, r);
      t.traceCallback((cb, a) => setTimeout(() => cb(new Error('cb failed'))), 0, { cb: 2 }, null, function (err) {
        console.log('callback error', err.message);
        setTimeout(() => console.log(t.unsubscribe(handlers), t.hasSubscribers, t.unsubscribe(handlers)));
      }, 'a');
    });
  });
module.exports = function (cb) { cb(); };
