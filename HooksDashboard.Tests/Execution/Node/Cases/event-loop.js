// Node's order: nextTick queue before promise jobs, queueMicrotask with promise jobs, then immediates and timers.
// Run from a timer callback, where hooks do their asynchronous work (the module body's own promise jobs run when
// the body ends, before its ticks: see docs/design.md, known gaps).
// The lazily built globals are touched first: building them (cold, on a busy machine) inside the timer below could
// reorder the timers, in Node as here. The order is printed from an immediate queued by the last timer, so no two
// timers race (a second timer at 20 ms could expire together with the first one on a busy machine).
void process.nextTick;
void queueMicrotask;
setTimeout(() => {
const order = [];
setTimeout(() => {
  order.push('timeout 0');
  setImmediate(() => order.push('immediate from timeout'));
  setTimeout(() => {
    order.push('timeout from timeout');
    setImmediate(() => console.log(order.join('\n')));
  }, 0);
  process.nextTick(() => order.push('tick from timeout'));
  Promise.resolve().then(() => order.push('promise from timeout'));
}, 0);
Promise.resolve().then(() => order.push('promise 1')).then(() => order.push('promise 2'));
process.nextTick(() => {
  order.push('tick 1');
  Promise.resolve().then(() => order.push('promise from tick'));
  process.nextTick(() => order.push('tick from tick'));
});
process.nextTick((a, b) => order.push('tick 2 ' + a + b), 'x', 'y');
queueMicrotask(() => {
  order.push('microtask');
  process.nextTick(() => order.push('tick from microtask'));
});
order.push('sync');
}, 1);
module.exports = function (cb) { cb(); };
