// Plural categories: Intl.PluralRules (ICU's rules, as V8 uses them).
const show = (label, value) => console.log(label, JSON.stringify(value));
const numbers = [0, 1, 2, 3, 4, 5, 6, 11, 12, 21, 22, 23, 101, 111, 1.5, 0.5, 1000000];
for (const locale of ['en-US', 'fr-FR', 'de-DE', 'ru-RU', 'pl-PL', 'ar-EG', 'ja-JP', 'sv-SE', 'it-IT', 'cy', 'ga', 'es-ES', 'pt-BR', 'cs-CZ', 'he-IL', 'uk-UA']) {
  const cardinal = new Intl.PluralRules(locale);
  const ordinal = new Intl.PluralRules(locale, { type: 'ordinal' });
  show(locale, [numbers.map((n) => cardinal.select(n)).join(','), numbers.map((n) => ordinal.select(n)).join(','),
    cardinal.resolvedOptions().pluralCategories, ordinal.resolvedOptions().pluralCategories]);
}
show('digits', [
  new Intl.PluralRules('en', { minimumFractionDigits: 1 }).select(1), new Intl.PluralRules('en').select(1.0),
  new Intl.PluralRules('en', { maximumSignificantDigits: 1 }).select(1.4), new Intl.PluralRules('fr', { maximumFractionDigits: 0 }).select(1.6),
  new Intl.PluralRules('en').select('1'), new Intl.PluralRules('en').select(NaN), new Intl.PluralRules('en').select(-1),
]);
show('resolved', [new Intl.PluralRules('en').resolvedOptions(), new Intl.PluralRules('fr', { type: 'ordinal', maximumSignificantDigits: 2 }).resolvedOptions()]);
show('object', [Object.prototype.toString.call(new Intl.PluralRules('en')), Intl.PluralRules.length, Object.getOwnPropertyNames(Intl.PluralRules.prototype).sort(),
  Intl.PluralRules.prototype.select.length, Intl.PluralRules.supportedLocalesOf(['fr'])]);
for (const attempt of [() => new Intl.PluralRules('en', { type: 'weird' }), () => Intl.PluralRules.prototype.select.call({}, 1), () => Intl.PluralRules('en')]) {
  try {
    show('no error', attempt());
  } catch (error) {
    console.log(error.constructor.name);
  }
}
module.exports = function (cb) { cb(); };
