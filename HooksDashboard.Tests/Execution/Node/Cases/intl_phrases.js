// Relative times and lists as text: Intl.RelativeTimeFormat and Intl.ListFormat (ICU's formatters, as V8 uses them).
const show = (label, value) => console.log(label, JSON.stringify(value));

for (const locale of ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'ja-JP', 'sv-SE', 'pt-BR', 'ru-RU', 'ar-EG', 'zh-CN']) {
  const always = new Intl.RelativeTimeFormat(locale);
  const auto = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const short = new Intl.RelativeTimeFormat(locale, { style: 'short' });
  show(locale, [
    always.format(-1, 'day'), always.format(2, 'weeks'), always.format(-3, 'month'), always.format(1.5, 'hour'), always.format(-12345, 'years'),
    auto.format(-1, 'day'), auto.format(0, 'day'), auto.format(1, 'week'), auto.format(-1, 'quarter'), auto.format(0, 'second'),
    short.format(-5, 'minutes'), short.format(3, 'second'),
    new Intl.ListFormat(locale).format(['a', 'b', 'c']), new Intl.ListFormat(locale, { type: 'disjunction' }).format(['a', 'b']),
    new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(['1 m', '2 cm']), new Intl.ListFormat(locale).format(['solo']),
  ]);
}

show('parts', [
  new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).formatToParts(-1234.5, 'days'),
  new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).formatToParts(-1, 'day'),
  new Intl.RelativeTimeFormat('de').formatToParts(100, 'year'),
  new Intl.ListFormat('fr').formatToParts(['x', 'y', 'z']),
]);
show('resolved', [
  new Intl.RelativeTimeFormat('en').resolvedOptions(), new Intl.RelativeTimeFormat('ar-EG', { style: 'narrow', numeric: 'auto' }).resolvedOptions(),
  new Intl.ListFormat('de', { type: 'unit', style: 'short' }).resolvedOptions(),
]);
show('values', [
  new Intl.RelativeTimeFormat('en').format(-0, 'day'), new Intl.RelativeTimeFormat('en').format('3', 'days'),
  new Intl.ListFormat('en').format(), new Intl.ListFormat('en').format(new Set(['x', 'y'])), new Intl.ListFormat('en').format([]),
]);
show('object', [
  Object.prototype.toString.call(new Intl.RelativeTimeFormat('en')), Object.prototype.toString.call(Intl.ListFormat ? new Intl.ListFormat('en') : 0),
  Intl.RelativeTimeFormat.length, Intl.ListFormat.name, Object.getOwnPropertyNames(Intl.RelativeTimeFormat.prototype).sort(),
  Object.getOwnPropertyNames(Intl.ListFormat.prototype).sort(), Intl.RelativeTimeFormat.prototype.format.length,
  Intl.ListFormat.supportedLocalesOf(['fr', 'de-AT']),
]);
for (const attempt of [
  () => new Intl.RelativeTimeFormat('en').format(NaN, 'day'), () => new Intl.RelativeTimeFormat('en').format(1, 'fortnight'),
  () => new Intl.RelativeTimeFormat('en', { style: 'tiny' }), () => new Intl.ListFormat('en').format(['a', 5]),
  () => new Intl.ListFormat('en', { type: 'both' }), () => Intl.ListFormat.prototype.format.call({}, []),
  () => Intl.RelativeTimeFormat('en'), () => Intl.ListFormat('en'),
]) {
  try {
    show('no error', attempt());
  } catch (error) {
    // (The messages of option errors are the engine's own.)
    console.log(error.constructor.name, error instanceof RangeError && /option/.test(error.message) ? '' : error.message);
  }
}
module.exports = function (cb) { cb(); };
