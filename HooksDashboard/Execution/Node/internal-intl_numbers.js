// Intl.NumberFormat, Number.prototype.toLocaleString and BigInt.prototype.toLocaleString as V8 makes them: the
// resolved options become an ICU number skeleton ('currency/EUR unit-width-iso-code rounding-mode-half-up') and ICU
// formats the number in the locale (binding.formatNumber). The engine's own constructor still checks the options and
// resolves them (currency digits, defaults), so its errors read as before; formatRange and formatRangeToParts are its own.
(function (require, binding) {
  'use strict';

  const { defineFormatter, shapeCache, flattenParts, baseSubtags, unicodeKeyword } = require('internal/intl_formatter');
  const Native = binding.NumberFormat;
  const nativeResolvedOptions = Native.prototype.resolvedOptions;
  const nativeFormatRange = Native.prototype.formatRange;
  const nativeFormatRangeToParts = Native.prototype.formatRangeToParts;
  const numberValue = Number.prototype.valueOf;
  const bigintValue = typeof BigInt === 'function' ? BigInt.prototype.valueOf : undefined;

  const ROUNDING = {
    ceil: 'ceiling', floor: 'floor', expand: 'up', trunc: 'down', halfCeil: 'half-ceiling', halfFloor: 'half-floor',
    halfExpand: 'half-up', halfTrunc: 'half-down', halfEven: 'half-even',
  };
  const SIGN = { auto: '', always: 'sign-always', never: 'sign-never', exceptZero: 'sign-except-zero', negative: 'sign-negative' };
  const ACCOUNTING = {
    auto: 'sign-accounting', always: 'sign-accounting-always', never: 'sign-never',
    exceptZero: 'sign-accounting-except-zero', negative: 'sign-accounting-negative',
  };
  const CURRENCY_WIDTH = { symbol: '', narrowSymbol: 'unit-width-narrow', code: 'unit-width-iso-code', name: 'unit-width-full-name' };
  const UNIT_WIDTH = { short: '', narrow: 'unit-width-narrow', long: 'unit-width-full-name' };
  const GROUPING = { auto: '', always: 'group-on-aligned', min2: 'group-min2' };

  // ICU's UNumberFormatFields → formatToParts' types (as V8 names them).
  const PART_TYPES = ['integer', 'fraction', 'decimal', 'exponentSeparator', 'exponentMinusSign', 'exponentInteger', 'group',
    'currency', 'percentSign', 'percentSign', 'minusSign', 'unit', 'compact', 'approximatelySign'];
  const NUMBER_CATEGORY = 2;
  const SIGN_FIELD = 10;
  const INTEGER_FIELD = 0;

  // A string is formatted as the exact decimal it spells (Intl.NumberFormat v3), anything else as a number.
  const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;


  function askedNumberingSystem(snapshot, locale) {
    return snapshot.numberingSystem !== undefined || unicodeKeyword(locale, 'nu') !== undefined;
  }

  function precision(r, compactDefault) {
    if (compactDefault) return '';
    const significant = '@'.repeat(r.minimumSignificantDigits || 1) + '#'.repeat((r.maximumSignificantDigits || 1) - (r.minimumSignificantDigits || 1));
    const fraction = r.maximumFractionDigits === 0
      ? 'precision-integer'
      : '.' + '0'.repeat(r.minimumFractionDigits) + '#'.repeat(r.maximumFractionDigits - r.minimumFractionDigits);
    let stem;
    if (r.roundingIncrement !== undefined && r.roundingIncrement > 1) {
      const digits = String(r.roundingIncrement).padStart(r.maximumFractionDigits + 1, '0');
      stem = 'precision-increment/' + (r.maximumFractionDigits === 0 ? digits : digits.slice(0, -r.maximumFractionDigits) + '.' + digits.slice(-r.maximumFractionDigits));
    } else if (r.minimumSignificantDigits !== undefined && r.roundingPriority === 'auto') {
      stem = significant;
    } else if (r.minimumSignificantDigits !== undefined) {
      stem = (r.maximumFractionDigits === 0 ? '.' : fraction) + '/' + significant + (r.roundingPriority === 'morePrecision' ? 'r' : 's');
    } else {
      stem = fraction;
    }

    return r.trailingZeroDisplay === 'stripIfInteger' && stem !== 'precision-integer' ? stem + '/w' : stem;
  }

  function create(locales, snapshot) {
    const inner = new Native(locales, snapshot);
    const r = nativeResolvedOptions.call(inner);
    const asked = askedNumberingSystem(snapshot, r.locale);
    const localeId = binding.localeId(baseSubtags(r.locale).join('-') + (asked ? '-u-nu-' + r.numberingSystem : ''));
    // V8's compact notation without digit options rounds as ICU's compact default (1.2M, 123K): up to two
    // significant digits, whole numbers from 100 up.
    const compactDefault = r.notation === 'compact' && r.minimumSignificantDigits === undefined
      && r.minimumFractionDigits === 0 && r.maximumFractionDigits === 0;
    const stems = [];
    if (r.style === 'currency') stems.push('currency/' + r.currency, CURRENCY_WIDTH[r.currencyDisplay] || '');
    if (r.style === 'percent') stems.push('percent', 'scale/100');
    if (r.style === 'unit') stems.push('unit/' + r.unit, UNIT_WIDTH[r.unitDisplay] || '');
    if (r.notation === 'scientific') stems.push('scientific');
    if (r.notation === 'engineering') stems.push('engineering');
    if (r.notation === 'compact') stems.push(r.compactDisplay === 'long' ? 'compact-long' : 'compact-short');
    stems.push(precision(r, compactDefault));
    stems.push('rounding-mode-' + (ROUNDING[r.roundingMode] || 'half-up'));
    if (r.minimumIntegerDigits > 1) stems.push('integer-width/*' + '0'.repeat(r.minimumIntegerDigits));
    stems.push(r.useGrouping === false ? 'group-off' : GROUPING[r.useGrouping] || '');
    stems.push((r.currencySign === 'accounting' ? ACCOUNTING : SIGN)[r.signDisplay] || '');
    return {
      inner,
      localeId,
      skeleton: stems.filter((stem) => stem !== '').join(' '),
      resolved: resolvedFrom(r, asked ? r.numberingSystem : binding.numberingSystem(localeId), compactDefault),
    };
  }

  // resolvedOptions() in V8's order and with its figures (compact's default rounding, significant digits alone).
  function resolvedFrom(r, numberingSystem, compactDefault) {
    const out = { locale: r.locale, numberingSystem, style: r.style };
    for (const name of ['currency', 'currencyDisplay', 'currencySign', 'unit', 'unitDisplay', 'minimumIntegerDigits']) {
      if (r[name] !== undefined) out[name] = r[name];
    }

    if (compactDefault) {
      out.minimumSignificantDigits = 1;
      out.maximumSignificantDigits = 2;
    } else if (r.minimumSignificantDigits !== undefined) {
      out.minimumSignificantDigits = r.minimumSignificantDigits;
      out.maximumSignificantDigits = r.maximumSignificantDigits;
    }

    if (compactDefault || r.minimumSignificantDigits === undefined || r.roundingPriority !== 'auto') {
      out.minimumFractionDigits = r.minimumFractionDigits;
      out.maximumFractionDigits = r.maximumFractionDigits;
    }

    for (const name of ['useGrouping', 'notation', 'compactDisplay', 'signDisplay', 'roundingMode', 'roundingIncrement', 'trailingZeroDisplay']) {
      if (r[name] !== undefined) out[name] = r[name];
    }

    out.roundingPriority = compactDefault ? 'morePrecision' : r.roundingPriority;
    return out;
  }

  // ECMA-402's ToIntlMathematicalValue: BigInts and decimal strings exactly, anything else as a number.
  function mathematical(value) {
    const primitive = typeof value === 'object' && value !== null
      ? (bigintValue !== undefined && Object.prototype.toString.call(value) === '[object BigInt]' ? bigintValue.call(value) : Number(value))
      : value;
    if (typeof primitive === 'bigint') return String(primitive);
    if (typeof primitive === 'string' && DECIMAL.test(primitive)) {
      const trimmed = primitive.trim();
      return trimmed[0] === '+' ? trimmed.slice(1) : trimmed;
    }

    return Number(primitive);
  }

  function formatText(shape, value) {
    return binding.formatNumberText(shape.localeId, shape.skeleton, mathematical(value));
  }

  // A format's shape depends only on the locales and the options read (binding.readNumberOptions: once each, in V8's
  // order), so it is made once per engine for each string locale and options of plain values.
  const cachedShape = shapeCache(create);

  function shapeFor(locales, options) {
    const [snapshot, key] = binding.readNumberOptions(options);
    return cachedShape(locales, snapshot, key);
  }

  function formatParts(shape, value) {
    const x = mathematical(value);
    return partsOf(binding.formatNumber(shape.localeId, shape.skeleton, x), typeof x === 'number' && Number.isNaN(x) ? 'nan' : x === Infinity || x === -Infinity ? 'infinity' : undefined);
  }

  function partsOf(flat, special) {
    return flattenParts(flat, NUMBER_CATEGORY, (field, value) => ({
      type: field === SIGN_FIELD ? (value === '+' ? 'plusSign' : 'minusSign')
        : field === INTEGER_FIELD && special !== undefined ? special
          : PART_TYPES[field] || 'literal',
      value,
    }));
  }

  const NumberFormat = defineFormatter('NumberFormat', {
    callable: true,
    Native,
    shapeOf: shapeFor,
    format: formatText,
    methods: {
      formatToParts: formatParts,
      formatRange(shape, start, end) {
        return nativeFormatRange.call(shape.inner, start, end);
      },
      formatRangeToParts(shape, start, end) {
        return nativeFormatRangeToParts.call(shape.inner, start, end);
      },
      resolvedOptions(shape) {
        return Object.assign({}, shape.resolved);
      },
    },
  });

  // Intl.PluralRules: the engine's constructor checks and resolves the options; ICU's rules pick the category of the
  // number as the resolved digits format it (en's 1 is 'one', 1.0 with minimumFractionDigits: 1 is 'other').
  const PluralNative = binding.PluralRules;
  const pluralResolved = PluralNative.prototype.resolvedOptions;
  const nativeSelectRange = PluralNative.prototype.selectRange;

  const PluralRules = defineFormatter('PluralRules', {
    Native: PluralNative,
    shapeOf(locales, options) {
      const inner = new PluralNative(locales, options);
      const r = pluralResolved.call(inner);
      const localeId = binding.localeId(baseSubtags(r.locale).join('-'));
      const type = r.type === 'ordinal' ? 1 : 0;
      const stems = [precision(r, false), 'rounding-mode-' + (ROUNDING[r.roundingMode] || 'half-up')];
      if (r.minimumIntegerDigits > 1) stems.push('integer-width/*' + '0'.repeat(r.minimumIntegerDigits));
      const categories = binding.selectPlural(localeId, type, undefined, 0);
      // What Node 20 reports, in its order; the categories alphabetical, 'other' last.
      const resolved = { locale: r.locale, type: r.type, minimumIntegerDigits: r.minimumIntegerDigits };
      if (r.minimumSignificantDigits !== undefined) {
        resolved.minimumSignificantDigits = r.minimumSignificantDigits;
        resolved.maximumSignificantDigits = r.maximumSignificantDigits;
      } else {
        resolved.minimumFractionDigits = r.minimumFractionDigits;
        resolved.maximumFractionDigits = r.maximumFractionDigits;
      }

      resolved.pluralCategories = categories.filter((c) => c !== 'other').sort().concat(categories.includes('other') ? ['other'] : []);
      return { inner, localeId, type, skeleton: stems.join(' '), resolved };
    },
    methods: {
      select: (shape, value) => binding.selectPlural(shape.localeId, shape.type, shape.skeleton, Number(value))[0],
      selectRange: (shape, start, end) => nativeSelectRange.call(shape.inner, start, end),
      resolvedOptions: (shape) => Object.assign({}, shape.resolved, { pluralCategories: shape.resolved.pluralCategories.slice() }),
    },
  });

  function toLocale(value, locales, options) {
    return formatText(shapeFor(locales, options), value);
  }

  return {
    NumberFormat,
    PluralRules,
    numberToLocaleString(locales, options) {
      return toLocale(numberValue.call(this), locales, options);
    },
    bigintToLocaleString(locales, options) {
      return toLocale(bigintValue.call(this), locales, options);
    },
  };
})
