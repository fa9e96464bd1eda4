// Intl.RelativeTimeFormat and Intl.ListFormat as V8 makes them: ICU's relative-time formatter ("in 2 weeks",
// "yesterday") and list formatter ("a, b et c") for the locale (binding.formatRelative, binding.formatList). The
// engine's own constructors still check the options and resolve the locale.
(function (require, binding) {
  'use strict';

  const { defineFormatter, flattenParts, baseSubtags, unicodeKeyword } = require('internal/intl_formatter');
  const RelativeNative = binding.RelativeTimeFormat;
  const ListNative = binding.ListFormat;
  const relativeResolved = RelativeNative.prototype.resolvedOptions;
  const listResolved = ListNative.prototype.resolvedOptions;

  // ICU's URelativeDateTimeUnit, by the unit names ECMA-402 takes (singular and plural).
  const UNITS = { year: 0, quarter: 1, month: 2, week: 3, day: 4, hour: 5, minute: 6, second: 7 };
  const SINGULAR = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];
  const WIDTHS = { long: 0, short: 1, narrow: 2 };
  const LIST_TYPES = { conjunction: 0, disjunction: 1, unit: 2 };
  // ICU's UNumberFormatFields → formatToParts' types, for the number inside a relative time.
  const NUMBER_PARTS = ['integer', 'fraction', 'decimal', 'exponentSeparator', 'exponentMinusSign', 'exponentInteger', 'group',
    'currency', 'percentSign', 'percentSign', 'minusSign', 'unit', 'compact', 'approximatelySign'];
  const NUMBER_CATEGORY = 2;
  const LIST_CATEGORY = 3;

  function localeIdOf(resolved, options) {
    const asked = unicodeKeyword(resolved.locale, 'nu') !== undefined
      || (options !== undefined && options !== null && Object(options).numberingSystem !== undefined);
    return { localeId: binding.localeId(baseSubtags(resolved.locale).join('-') + (asked ? '-u-nu-' + resolved.numberingSystem : '')), asked };
  }

  const method = 'Intl.RelativeTimeFormat.prototype.format()';

  function relative(shape, value, unit) {
    const number = Number(value);
    const name = String(unit);
    if (!Number.isFinite(number)) throw new RangeError(`Value need to be finite number for ${method}`);
    const singular = name.endsWith('s') ? name.slice(0, -1) : name;
    const code = Object.prototype.hasOwnProperty.call(UNITS, singular) ? UNITS[singular] : undefined;
    if (code === undefined) throw new RangeError(`Invalid unit argument for ${method} '${name}'`);

    return { flat: binding.formatRelative(shape.localeId, WIDTHS[shape.resolved.style], shape.resolved.numeric === 'always', number, code), code };
  }

  const RelativeTimeFormat = defineFormatter('RelativeTimeFormat', {
    Native: RelativeNative,
    shapeOf(locales, options) {
      const r = relativeResolved.call(new RelativeNative(locales, options));
      const { localeId, asked } = localeIdOf(r, options);
      return {
        localeId,
        resolved: { locale: r.locale, style: r.style, numeric: r.numeric, numberingSystem: asked ? r.numberingSystem : binding.numberingSystem(localeId) },
      };
    },
    methods: {
      format: (shape, value, unit) => relative(shape, value, unit).flat[0],
      formatToParts(shape, value, unit) {
        const { flat, code } = relative(shape, value, unit);
        return flattenParts(flat, NUMBER_CATEGORY, (field, text) => ({ type: NUMBER_PARTS[field] || 'literal', value: text, unit: SINGULAR[code] }));
      },
      resolvedOptions: (shape) => Object.assign({}, shape.resolved),
    },
  });

  // ECMA-402's StringListFromIterable: every item a string.
  function strings(list) {
    const out = [];
    if (list === undefined) return out;
    for (const item of list) {
      if (typeof item !== 'string') throw new TypeError(`Iterable yielded ${typeof item === 'symbol' ? item.toString() : item} which is not a string`);
      out.push(item);
    }

    return out;
  }

  function list(shape, items) {
    return binding.formatList(shape.localeId, LIST_TYPES[shape.resolved.type], WIDTHS[shape.resolved.style], strings(items));
  }

  const ListFormat = defineFormatter('ListFormat', {
    Native: ListNative,
    shapeOf(locales, options) {
      const r = listResolved.call(new ListNative(locales, options));
      return { localeId: binding.localeId(baseSubtags(r.locale).join('-')), resolved: { locale: r.locale, type: r.type, style: r.style } };
    },
    methods: {
      format: (shape, items) => list(shape, items)[0],
      formatToParts: (shape, items) => flattenParts(list(shape, items), LIST_CATEGORY, (field, text) => ({ type: field === 1 ? 'element' : 'literal', value: text })),
      resolvedOptions: (shape) => Object.assign({}, shape.resolved),
    },
  });

  return { RelativeTimeFormat, ListFormat };
})
