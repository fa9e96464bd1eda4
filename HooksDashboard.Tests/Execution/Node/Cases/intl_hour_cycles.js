// hour12 against each locale's default clock, as V8 11.3 resolves it (en-US with hour12: false shows midnight as 24).
const midnight = new Date('2025-07-01T00:30:00Z'), noon = new Date('2025-07-01T12:05:00Z');
for (const l of ['en-US', 'en-GB', 'ja-JP', 'de', 'fr', 'en-IN', 'zh-CN', 'ar-EG']) {
  const out = [l];
  for (const hour12 of [true, false]) {
    const f = new Intl.DateTimeFormat(l, { hour: 'numeric', minute: '2-digit', hour12, timeZone: 'UTC' });
    out.push(hour12, f.resolvedOptions().hourCycle, f.format(midnight), f.format(noon), midnight.toLocaleTimeString(l, { hour12, timeZone: 'UTC' }));
  }
  out.push(new Intl.DateTimeFormat(l, { hour: 'numeric', hourCycle: 'h11', hour12: false, timeZone: 'UTC' }).resolvedOptions().hourCycle);
  console.log(out.join(' | '));
}
// dayPeriod beside an hour: the flexible day period ('in the afternoon'), not AM/PM.
const afternoon = new Date('2025-07-01T14:30:00Z');
for (const o of [{ hour: 'numeric', dayPeriod: 'short' }, { hour: 'numeric', minute: 'numeric', dayPeriod: 'long' }, { hour: '2-digit', dayPeriod: 'narrow' },
  { dayPeriod: 'short' }, { hour: 'numeric', dayPeriod: 'short', hour12: false }]) {
  const f = new Intl.DateTimeFormat('en-US', Object.assign({ timeZone: 'UTC' }, o));
  console.log(JSON.stringify(o), f.format(afternoon), f.resolvedOptions().dayPeriod, f.resolvedOptions().hourCycle);
}
module.exports = function (cb) { cb(); };
