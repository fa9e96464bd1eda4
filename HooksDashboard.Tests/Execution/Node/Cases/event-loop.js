// Node's order: nextTick queue before promise jobs, queueMicrotask with promise jobs, then immediates and timers.
// Run from a timer callback, where hooks do their asynchronous work (the module body's own promise jobs run when
// the body ends, before its ticks: see docs/design.md, known gaps).
// The lazily built globals are touched first: building them (cold, on a busy machine) inside the timer below could
// take longer than its 20 ms and reorder the timers, in Node as here.
void process.nextTick;
void queueMicrotask;
setTimeout(() => {
const order = [];
setTimeout(() => {
  order.push('timeout 0');
  setImmediate(() => order.push('immediate from timeout'));
  setTimeout(() => order.push('timeout from timeout'), 0);
  process.nextTick(() => order.push('tick from timeout'));
  Promise.resolve().then(() => order.push('promise from timeout'));
}, 0);
setTimeout(() => { order.push('timeout 20'); console.log(order.join('\n')); }, 20);
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
