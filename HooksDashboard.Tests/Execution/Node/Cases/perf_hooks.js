// performance (global and perf_hooks): a monotonic clock, user timing marks and measures, and what packages read.
const perf = require('perf_hooks');
console.log(Object.keys(perf).join(','), perf.performance === performance, JSON.stringify(perf.constants));
const t0 = performance.now();
let spin = 0; for (let i = 0; i < 1e5; i++) spin += i;
const t1 = performance.now();
console.log(typeof t0, t0 > 0, t1 >= t0, Math.abs(performance.timeOrigin + t1 - Date.now()) < 1000);
const m = performance.mark('start', { detail: { step: 1 } });
console.log(m.name, m.entryType, typeof m.startTime, m.duration, m.detail, m instanceof perf.PerformanceEntry);
const me = performance.measure('span', 'start');
console.log(me.name, me.entryType, me.startTime === m.startTime, me.duration >= 0, me.detail);
const byOptions = performance.measure('opts', { start: 10, duration: 5, detail: 'd' });
console.log(byOptions.startTime, byOptions.duration, byOptions.detail);
console.log(performance.getEntriesByType('mark').length, performance.getEntriesByName('span').length, performance.getEntries().map((e) => e.name));
performance.clearMarks('start');
console.log(performance.getEntries().map((e) => e.entryType));
performance.clearMeasures();
console.log(performance.getEntries().length);
try { performance.measure('x', 'nope'); } catch (e) { console.log(e.name, e.code, e.message); }
try { new perf.PerformanceEntry(); } catch (e) { console.log(e.name, e.code); }
console.log(Object.keys(performance.toJSON()), typeof performance.eventLoopUtilization().utilization, performance.timerify(Math.max)(1, 2));
const h = perf.createHistogram(); h.record(3); h.record(5);
console.log(h.count, h.min, h.max, h.mean);
const po = new perf.PerformanceObserver(() => {});
console.log(typeof po.observe, perf.PerformanceObserver.supportedEntryTypes.includes('mark'));
module.exports = function (cb) { cb(); };
