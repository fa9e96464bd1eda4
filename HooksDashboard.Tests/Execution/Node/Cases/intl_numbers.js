// Numbers as text: Number.prototype.toLocaleString, BigInt.prototype.toLocaleString and Intl.NumberFormat (ICU's
// number formatter, as V8 uses it). The locales and options here print the same with ICU 72's data and Node 20's ICU.
const show = (label, value) => console.log(label, JSON.stringify(value));
const n = 1234567.891;

for (const locale of ['en-US', 'de-DE', 'fr-FR', 'ja-JP', 'en-IN', 'pt-BR', 'es-ES', 'ar-EG', 'hi-IN', 'sv-SE', 'zh-CN', 'ru-RU']) {
  show(locale, [
    n.toLocaleString(locale), (-0.5).toLocaleString(locale), (0.256).toLocaleString(locale, { style: 'percent' }),
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(n),
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(-42.5),
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'JPY' }).format(n),
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP', currencyDisplay: 'name' }).format(2),
    new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(2.25),
    new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer-per-hour' }).format(50),
    new Intl.NumberFormat(locale, { style: 'unit', unit: 'liter', unitDisplay: 'long' }).format(16),
  ]);
}

show('default', [n.toLocaleString(), (12345678901234567890n).toLocaleString(), (5).toLocaleString(undefined, { minimumFractionDigits: 2 })]);

const us = (options) => new Intl.NumberFormat('en-US', options);
show('digits', [
  us({ maximumSignificantDigits: 3 }).format(n), us({ minimumSignificantDigits: 5 }).format(1.5),
  us({ minimumIntegerDigits: 4, useGrouping: false }).format(42), us({ minimumFractionDigits: 3 }).format(1.5),
  us({ maximumFractionDigits: 0 }).format(2.5), us({ maximumFractionDigits: 2, roundingMode: 'floor' }).format(1.239),
  us({ maximumFractionDigits: 2, roundingMode: 'halfEven' }).format(1.245), us({ maximumFractionDigits: 2, roundingMode: 'trunc' }).format(-1.239),
  us({ minimumFractionDigits: 2, maximumFractionDigits: 2, roundingIncrement: 5 }).format(1.233), us({ minimumFractionDigits: 2, trailingZeroDisplay: 'stripIfInteger' }).format(3),
  us({ minimumFractionDigits: 2, trailingZeroDisplay: 'stripIfInteger' }).format(3.1),
  us({ maximumFractionDigits: 2, maximumSignificantDigits: 2, roundingPriority: 'lessPrecision' }).format(1.2345),
  us({ maximumFractionDigits: 2, maximumSignificantDigits: 2, roundingPriority: 'morePrecision' }).format(1.2345),
]);
show('grouping', [us({ useGrouping: false }).format(n), us({ useGrouping: 'min2' }).format(1234), us({ useGrouping: 'always' }).format(1234), new Intl.NumberFormat('es-ES').format(1234)]);
show('notation', [
  us({ notation: 'scientific' }).format(n), us({ notation: 'engineering' }).format(n), us({ notation: 'compact' }).format(n),
  us({ notation: 'compact', compactDisplay: 'long' }).format(n), us({ notation: 'compact' }).format(999), us({ notation: 'compact' }).format(15300),
  new Intl.NumberFormat('de-DE', { notation: 'compact', compactDisplay: 'long' }).format(2500000), us({ notation: 'compact', maximumFractionDigits: 2 }).format(1234567),
]);
show('sign', [
  us({ signDisplay: 'always' }).format(5), us({ signDisplay: 'exceptZero' }).format(0), us({ signDisplay: 'never' }).format(-5),
  us({ signDisplay: 'negative' }).format(-0), us({ style: 'currency', currency: 'USD', currencySign: 'accounting' }).format(-5),
  us({ style: 'currency', currency: 'USD', currencySign: 'accounting', signDisplay: 'always' }).format(5),
]);
show('currency display', [
  us({ style: 'currency', currency: 'EUR', currencyDisplay: 'code' }).format(1), us({ style: 'currency', currency: 'CAD', currencyDisplay: 'narrowSymbol' }).format(1),
  us({ style: 'currency', currency: 'CAD' }).format(1), new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' }).format(1),
]);
show('values', [
  us().format(NaN), us().format(Infinity), us().format(-Infinity), us().format(-0), us().format('1234.5678'),
  us().format('12345678901234567890.123'), us().format(12345678901234567890n), us().format('abc'), us().format(' 42 '),
  us().format(new Number(7)), us().format(true), us().format(null), us().format(), us({ maximumFractionDigits: 20 }).format(0.1),
]);

// formatToParts and resolvedOptions.
show('parts', us({ style: 'currency', currency: 'USD' }).formatToParts(-1234.5));
show('parts de', new Intl.NumberFormat('de-DE', { style: 'percent', minimumFractionDigits: 1 }).formatToParts(0.12345));
show('parts compact', us({ notation: 'compact' }).formatToParts(1234567));
show('parts sci', us({ notation: 'scientific' }).formatToParts(-0.00012));
show('parts unit', us({ style: 'unit', unit: 'kilometer-per-hour', signDisplay: 'always' }).formatToParts(50));
show('parts special', [us().formatToParts(NaN), us().formatToParts(-Infinity)]);
for (const [locale, options] of [['en-US', {}], ['de-DE', { style: 'currency', currency: 'EUR' }], ['ja-JP', { style: 'currency', currency: 'JPY' }], ['en-US', { notation: 'compact' }], ['en-US', { style: 'percent' }], ['en-US', { maximumSignificantDigits: 3 }], ['ar-EG', {}], ['en-US', { style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'long' }]]) {
  show(`resolved ${locale} ${JSON.stringify(options)}`, new Intl.NumberFormat(locale, options).resolvedOptions());
}

// The object itself.
const nf = Intl.NumberFormat('de-DE');
show('object', [
  nf instanceof Intl.NumberFormat, Object.prototype.toString.call(nf), nf.format === nf.format, [1000, 2.5].map(nf.format),
  Intl.NumberFormat.length, Intl.NumberFormat.name, Intl.NumberFormat.supportedLocalesOf(['de-DE', 'fr']),
  Object.getOwnPropertyNames(Intl.NumberFormat.prototype).sort(), Number.prototype.toLocaleString.length, Number.prototype.toLocaleString.name,
]);
class Money extends Intl.NumberFormat {
  constructor(currency) { super('en-US', { style: 'currency', currency }); }
  twice(x) { return this.format(x * 2); }
}
show('subclass', [new Money('EUR').twice(21), new Money('USD') instanceof Money]);

// Each option is read once, in V8's order.
const reads = [];
const watched = new Proxy({ style: 'currency', currency: 'EUR', maximumFractionDigits: 1 }, { get(target, name) { reads.push(name); return target[name]; } });
show('reads', [(12.34).toLocaleString('de-DE', watched), new Intl.NumberFormat('en-US', watched).format(5), reads.length, reads.slice(0, 21)]);

// Errors.
for (const attempt of [
  () => us({ style: 'currency' }), () => us({ style: 'currency', currency: 'EURO' }), () => us({ style: 'unit' }),
  () => us({ style: 'unit', unit: 'parsec' }), () => us({ maximumFractionDigits: 200 }), () => us({ notation: 'fancy' }),
  () => Number.prototype.toLocaleString.call('5'), () => Intl.NumberFormat.prototype.formatToParts.call({}, 1),
  () => new Intl.NumberFormat('en-US', null),
]) {
  try {
    show('no error', attempt());
  } catch (error) {
    console.log(error.constructor.name);
  }
}
module.exports = function (cb) { cb(); };
