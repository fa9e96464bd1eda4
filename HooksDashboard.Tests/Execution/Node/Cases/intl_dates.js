// Dates as text: Date.prototype.toLocale*String and Intl.DateTimeFormat (ICU's patterns, as V8 uses them). The locales
// and options here print the same with ICU 72's data (the machine's libicu) and Node 20's ICU.
const d = new Date(Date.UTC(2024, 2, 5, 14, 7, 9, 45));
const midnight = new Date(Date.UTC(2024, 6, 1, 0, 5, 0));
const show = (label, value) => console.log(label, JSON.stringify(value));

for (const locale of ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'pt-BR', 'sv-SE', 'zh-CN', 'ru-RU', 'pl-PL']) {
  show(locale, [
    d.toLocaleDateString(locale, { timeZone: 'UTC' }),
    d.toLocaleTimeString(locale, { timeZone: 'UTC' }),
    d.toLocaleString(locale, { timeZone: 'UTC' }),
    d.toLocaleDateString(locale, { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }),
    d.toLocaleDateString(locale, { timeZone: 'UTC', month: 'short', day: 'numeric' }),
    d.toLocaleTimeString(locale, { timeZone: 'UTC', hour: '2-digit', minute: '2-digit' }),
  ]);
  for (const dateStyle of ['full', 'long', 'medium', 'short']) {
    show(`  ${dateStyle}`, [
      new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' }).format(d),
      new Intl.DateTimeFormat(locale, { timeStyle: dateStyle === 'full' ? 'long' : dateStyle, timeZone: 'UTC' }).format(d),
      new Intl.DateTimeFormat(locale, { dateStyle, timeStyle: 'short', timeZone: 'UTC' }).format(d),
    ]);
  }
}

// Calendars and digits of the locale (Buddhist years in th-TH, Arabic-Indic digits in ar-EG, Persian in fa-IR).
for (const locale of ['th-TH', 'ar-EG', 'fa-IR', 'ja-JP-u-ca-japanese', 'en-US-u-nu-arab', 'de-DE-u-hc-h12']) {
  show(locale, [d.toLocaleString(locale, { timeZone: 'UTC' }), new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'long' }).format(d), new Intl.DateTimeFormat(locale, { timeZone: 'UTC' }).resolvedOptions()]);
}

// The default: en-US, UTC (the hook's zone).
show('default', [d.toLocaleString(), d.toLocaleDateString(), d.toLocaleTimeString(), new Intl.DateTimeFormat().format(d)]);

// Time zones, with daylight saving and names.
// (UTC's offset reads "GMT" in ICU 72's data, "GMT+0" in Node 20's newer ICU: left out.)
for (const timeZone of ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Sydney']) {
  show(timeZone, [
    d.toLocaleString('en-US', { timeZone }),
    midnight.toLocaleString('en-GB', { timeZone, timeZoneName: 'short' }),
    new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'long' }).format(midnight),
    new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', timeZoneName: 'shortOffset' }).format(d),
    new Intl.DateTimeFormat('de-DE', { timeZone, hour: 'numeric', timeZoneName: 'longOffset' }).format(d),
  ]);
}

// Clocks.
show('hour12', [
  d.toLocaleTimeString('en-US', { timeZone: 'UTC', hour12: false }),
  d.toLocaleTimeString('en-GB', { timeZone: 'UTC', hour12: true }),
  d.toLocaleTimeString('ja-JP', { timeZone: 'UTC', hour12: true }),
  midnight.toLocaleTimeString('en-US', { timeZone: 'UTC', hourCycle: 'h23' }),
  midnight.toLocaleTimeString('en-US', { timeZone: 'UTC', hourCycle: 'h11' }),
  midnight.toLocaleTimeString('en-GB', { timeZone: 'UTC', hourCycle: 'h12' }),
  midnight.toLocaleTimeString('en-US-u-hc-h23', { timeZone: 'UTC' }),
  new Intl.DateTimeFormat('en-US', { timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' }).format(d),
]);

// Other fields.
show('fields', [
  new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', era: 'short', year: 'numeric' }).format(d),
  new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: '2-digit', month: '2-digit', day: '2-digit' }).format(d),
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(d),
  new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short' }).format(d),
  new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'narrow' }).format(d),
  new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 }).format(d),
  new Date(Date.UTC(-50, 0, 1)).toLocaleDateString('en-US', { timeZone: 'UTC', era: 'short' }),
  new Date(Date.UTC(1500, 0, 1)).toLocaleDateString('en-US', { timeZone: 'UTC' }),
]);

// formatToParts and resolvedOptions.
show('parts', new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', dateStyle: 'medium', timeStyle: 'long' }).formatToParts(d));
show('parts h23', new Intl.DateTimeFormat('en-US', { hourCycle: 'h23', timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', era: 'short' }).formatToParts(midnight));
show('parts ms', new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', second: 'numeric', fractionalSecondDigits: 2 }).formatToParts(d));
show('resolved', new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin' }).resolvedOptions());
show('resolved time', new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: 'numeric', weekday: 'long' }).resolvedOptions());
show('resolved ja', new Intl.DateTimeFormat('ja-JP', { hour: 'numeric', hour12: true }).resolvedOptions());
show('resolved styles', new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeStyle: 'short' }).resolvedOptions());

// Ranges: ICU's interval format (one date when both read the same).
const later = new Date(Date.UTC(2024, 2, 7, 16, 0, 0));
const sameDay = new Date(Date.UTC(2024, 2, 5, 16, 30, 0));
for (const [locale, options] of [['en-US', {}], ['en-US', { dateStyle: 'medium' }], ['fr-FR', { dateStyle: 'long' }], ['en-US', { hour: 'numeric', minute: 'numeric' }], ['de-DE', { dateStyle: 'short', timeStyle: 'short' }], ['en-GB', { hour: 'numeric', minute: 'numeric', hour12: true }]]) {
  const range = new Intl.DateTimeFormat(locale, Object.assign({ timeZone: 'UTC' }, options));
  show(`range ${locale} ${JSON.stringify(options)}`, [range.formatRange(d, later), range.formatRange(d, sameDay), range.formatRange(d, d)]);
}
show('range parts', new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric', minute: 'numeric' }).formatRangeToParts(d, sameDay));
show('range parts same', new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric', minute: 'numeric' }).formatRangeToParts(d, d));
show('range parts dates', new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' }).formatRangeToParts(d, later));

// The object itself.
const dtf = Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC' });
show('object', [
  dtf instanceof Intl.DateTimeFormat,
  Object.prototype.toString.call(dtf),
  typeof dtf.format, dtf.format.length, dtf.format === dtf.format,
  [d, midnight].map(dtf.format),
  Intl.DateTimeFormat.length, Intl.DateTimeFormat.name,
  Intl.DateTimeFormat.supportedLocalesOf(['fr-FR', 'de']),
  Object.getOwnPropertyNames(Intl.DateTimeFormat.prototype).sort(),
  Date.prototype.toLocaleString.length, Date.prototype.toLocaleDateString.name,
  dtf.format(Date.UTC(2020, 0, 2)), typeof dtf.format(),
]);
class Sub extends Intl.DateTimeFormat {
  hello() { return 'hi ' + this.format(0); }
}
show('subclass', [new Sub('en-US', { timeZone: 'UTC' }).hello(), new Sub() instanceof Sub]);

// Each option is read once, in ECMA-402's order.
const reads = [];
const watched = new Proxy({ timeZone: 'UTC', hour: 'numeric', month: 'long' }, { get(target, name) { reads.push(name); return target[name]; } });
d.toLocaleString('en-US', watched);
show('reads toLocaleString', reads.splice(0));
new Intl.DateTimeFormat('en-US', watched).format(d);
show('reads DateTimeFormat', reads.splice(0));
d.toLocaleTimeString('en-US', watched);
d.toLocaleTimeString('en-US', watched);
show('reads twice', reads.splice(0).length);

// Errors.
const attempts = [
  () => d.toLocaleDateString('en-US', { timeStyle: 'short' }),
  () => d.toLocaleTimeString('en-US', { dateStyle: 'short' }),
  () => new Intl.DateTimeFormat('en-US').format(NaN),
  () => new Intl.DateTimeFormat('en-US', { timeZone: 'Mars/Olympus' }),
  () => new Intl.DateTimeFormat('en-US', { month: 'huge' }),
  () => new Intl.DateTimeFormat('en-US', null),
  () => Intl.DateTimeFormat.prototype.formatToParts.call({}, 0),
  () => new Date(NaN).toLocaleString('en-US'),
  () => new Intl.DateTimeFormat('en-US').formatRange(d),
  () => new Intl.DateTimeFormat('en-US').formatRange(NaN, d),
  () => Date.prototype.toLocaleString.call({}),
];
for (const attempt of attempts) {
  try {
    show('no error', attempt());
  } catch (error) {
    console.log(error.constructor.name);
  }
}
module.exports = function (cb) { cb(); };
