// Time zones as V8 resolves them: offsets from the current tz database (Mexico without DST since 2022, Egypt's DST
// since 2023, Paraguay, Kazakhstan and Greenland since 2024, zones added since: Ciudad_Juarez, Coyhaique), ICU's
// canonical names in resolvedOptions (any case; links such as Asia/Kolkata and US/Pacific), V8's error for unknown
// zones and offsets.
const zones = ['America/Mexico_City', 'America/Monterrey', 'Africa/Cairo', 'America/Asuncion', 'Asia/Almaty', 'America/Nuuk',
  'America/Ciudad_Juarez', 'America/Coyhaique', 'Europe/Kyiv', 'Asia/Kolkata', 'Pacific/Fiji', 'America/New_York',
  'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'asia/kolkata', 'US/Pacific', 'EST5EDT', 'Etc/GMT+5',
  'etc/gmt-14', 'UTC', 'Etc/UTC', 'gmt', 'Asia/Ho_Chi_Minh', 'Pacific/Kanton'];
const instants = ['2025-01-15T12:00:00Z', '2025-07-15T12:00:00Z', '2032-07-15T12:00:00Z'];
for (const z of zones) {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: z, dateStyle: 'short', timeStyle: 'long' });
  console.log(z, '->', f.resolvedOptions().timeZone, '|', instants.map((i) => f.format(new Date(i))).join(' | '));
}
for (const z of ['Mars/Olympus', '+05:30', 'Etc/Unknown', 'Factory', '', 'America/New York']) {
  try { new Intl.DateTimeFormat('en', { timeZone: z }); console.log(z, 'accepted'); } catch (e) { console.log(JSON.stringify(z), e.name, e.message); }
}
try { new Date(0).toLocaleString('en', { timeZone: 'Mars/X' }); } catch (e) { console.log(e.name, e.message); }
module.exports = function (cb) { cb(); };
