// setInterval/clearInterval (global and `timers`), Timeout objects (ref/unref/hasRef/refresh/close,
// Symbol.toPrimitive), timers/promises.setInterval as an async iterator, and the order of intervals among timers.
const timers = require('timers');
const { setInterval: every, setTimeout: sleep } = require('timers/promises');

setTimeout(async () => {
  const t = setTimeout(() => {}, 1000);
  console.log(typeof t, t.hasRef(), t.unref() === t, t.hasRef(), t.ref().hasRef(), typeof t[Symbol.toPrimitive]());
  console.log(typeof t.refresh, typeof t.close, t.close() === t);
  clearTimeout(t);

  await new Promise((resolve) => {
    let n = 0;
    const order = [];
    const iv = setInterval((a, b) => {
      n++;
      order.push('interval ' + n + ' ' + a + b);
      if (n === 3) {
        clearInterval(iv);
        setTimeout(() => { console.log(order.join(', ')); resolve(); }, 20);
      }
    }, 5, 'x', 'y');
  });

  await new Promise((resolve) => {
    let n = 0;
    const iv = timers.setInterval(() => {
      n++;
      if (n === 2) { iv.close(); setTimeout(() => { console.log('closed after', n); resolve(); }, 20); }
    }, 1);
    console.log('timers.setInterval is global', timers.setInterval === setInterval, timers.clearInterval === clearInterval);
  });

  await new Promise((resolve) => {
    const fired = [];
    const t1 = setTimeout(() => fired.push('t1'), 5);
    clearTimeout(+t1);
    const t2 = setTimeout(() => fired.push('t2 cleared by primitive'), 5);
    clearTimeout(t2[Symbol.toPrimitive]());
    setTimeout(() => { console.log('fired', fired); resolve(); }, 15);
  });

  await new Promise((resolve) => {
    const start = Date.now();
    let ran = 0;
    // Wide margins: a turn delayed by load must not let the refreshed timer's first deadline (60) pass before 6.
    const t = setTimeout(() => { ran++; }, 60);
    setTimeout(() => {
      t.refresh();
      setTimeout(() => console.log('refreshed, not yet run', ran), 5);
      setTimeout(() => { console.log('refreshed ran', ran, Date.now() - start >= 65); resolve(); }, 150);
    }, 6);
  });

  let i = 0;
  for await (const value of every(2, 'tick')) {
    i++;
    console.log('async interval', i, value);
    if (i === 3) break;
  }
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 5);
  try {
    for await (const v of every(1, 'v', { signal: ac.signal })) { void v; }
  } catch (e) { console.log('aborted interval', e.name, e.code); }
  console.log(await sleep(1, 'slept'), await require('util').promisify(setTimeout)(1, 'promisified setTimeout'));

  for (const bad of [() => setInterval('code', 1), () => setTimeout(null)]) {
    try { bad(); } catch (e) { console.log(e.code, e.message); }
  }
  // An unref'd interval does not keep the process (here: the invocation) alive.
  setInterval(() => console.log('never printed'), 1000).unref();
  console.log('done');
}, 1);
module.exports = function (cb) { cb(); };
