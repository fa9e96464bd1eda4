// Node's default locale is en-US (resolvedOptions().locale of every Intl service, and the fallback for an unknown tag).
console.log(new Intl.DateTimeFormat().resolvedOptions().locale, new Intl.NumberFormat().resolvedOptions().locale,
  new Intl.Collator().resolvedOptions().locale, new Intl.PluralRules().resolvedOptions().locale,
  new Intl.RelativeTimeFormat().resolvedOptions().locale, new Intl.ListFormat().resolvedOptions().locale);
console.log(new Intl.DateTimeFormat('xx').resolvedOptions().locale, new Intl.NumberFormat('zz-ZZ').resolvedOptions().locale,
  Intl.DateTimeFormat.supportedLocalesOf(['xx', 'en-US', 'de']), Intl.getCanonicalLocales('EN-us'));
console.log((1234.5).toLocaleString(), new Date(0).toLocaleString(), 'a'.localeCompare('B'), ['b', 'A', 'a', 'B'].sort(new Intl.Collator().compare));
module.exports = function (cb) { cb(); };
