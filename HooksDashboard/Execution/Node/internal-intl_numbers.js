// Intl.NumberFormat, Number.prototype.toLocaleString and BigInt.prototype.toLocaleString as V8 makes them: the
// resolved options become an ICU number skeleton ('currency/EUR unit-width-iso-code rounding-mode-half-up') and ICU
// formats the number in the locale (binding.formatNumber). The engine's own constructor still checks the options and
// resolves them (currency digits, defaults), so its errors read as before; formatRange and formatRangeToParts are its own.
(function (require, binding) {
  'use strict';

  const Native = binding.Native;
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
  const SIGN_FIELD = 10;
  const INTEGER_FIELD = 0;

  // A string is formatted as the exact decimal it spells (Intl.NumberFormat v3), anything else as a number.
  const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

  const states = new WeakMap();

  function askedNumberingSystem(snapshot, locale) {
    if (snapshot.numberingSystem !== undefined) return true;
    const subtags = locale.toLowerCase().split('-');
    for (let i = subtags.indexOf('u') + 1; i > 0 && i < subtags.length - 1 && subtags[i].length > 1; i++) {
      if (subtags[i] === 'nu') return true;
    }

    return false;
  }

  function baseTag(locale) {
    const subtags = locale.split('-');
    let end = 0;
    while (end < subtags.length && (end === 0 || subtags[end].length > 1)) end++;
    return subtags.slice(0, end).join('-');
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
    const localeId = binding.localeId(baseTag(r.locale) + (asked ? '-u-nu-' + r.numberingSystem : ''));
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

  function stateOf(self, method) {
    const state = typeof self === 'object' && self !== null ? states.get(self) : undefined;
    if (state === undefined) {
      throw new TypeError(`Method Intl.NumberFormat.prototype.${method} called on incompatible receiver ${typeof self === 'object' && self !== null ? '#<Object>' : String(self)}`);
    }

    return state;
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
  // order): made once per engine for each string locale and options of plain values.
  const shapes = new Map();

  function shapeFor(locales, options) {
    const [snapshot, key] = binding.readNumberOptions(options);
    const full = key !== undefined && (locales === undefined || typeof locales === 'string')
      ? (locales === undefined ? '' : locales) + '\u0000' + key
      : undefined;
    let shape = full === undefined ? undefined : shapes.get(full);
    if (shape === undefined) {
      shape = create(locales, snapshot);
      if (full !== undefined && shapes.size < 128) shapes.set(full, shape);
    }

    return shape;
  }

  function formatParts(shape, value) {
    const x = mathematical(value);
    return partsOf(binding.formatNumber(shape.localeId, shape.skeleton, x), typeof x === 'number' && Number.isNaN(x) ? 'nan' : x === Infinity || x === -Infinity ? 'infinity' : undefined);
  }

  // ICU's fields nest (a group separator inside the integer): each character belongs to the innermost field that
  // covers it, and a run of characters of one field is one part.
  function partsOf(flat, special) {
    const text = flat[0];
    const owner = new Array(text.length).fill(-1);
    const spans = [];
    for (let i = 1; i < flat.length; i += 3) spans.push([flat[i], flat[i + 1], flat[i + 2]]);
    spans.sort((a, b) => (b[2] - b[1]) - (a[2] - a[1]));
    spans.forEach((span, index) => {
      for (let at = span[1]; at < span[2]; at++) owner[at] = index;
    });
    const parts = [];
    for (let at = 0; at < text.length;) {
      let end = at + 1;
      while (end < text.length && owner[end] === owner[at]) end++;
      const value = text.slice(at, end);
      const span = owner[at] === -1 ? undefined : spans[owner[at]];
      let type = span === undefined ? 'literal' : PART_TYPES[span[0]] || 'literal';
      if (span !== undefined && span[0] === SIGN_FIELD) type = value === '+' ? 'plusSign' : 'minusSign';
      if (span !== undefined && span[0] === INTEGER_FIELD && special !== undefined) type = special;
      parts.push({ type, value });
      at = end;
    }

    return parts;
  }

  function NumberFormat() {
    const [locales, options] = arguments;
    const prototype = new.target === undefined || new.target === NumberFormat
      ? NumberFormat.prototype
      : (Object(new.target.prototype) === new.target.prototype ? new.target.prototype : NumberFormat.prototype);
    const self = Object.create(prototype);
    states.set(self, { shape: shapeFor(locales, options), bound: undefined });
    return self;
  }

  const methods = {
    formatToParts(value) {
      return formatParts(stateOf(this, 'formatToParts').shape, value);
    },
    formatRange(start, end) {
      return nativeFormatRange.call(stateOf(this, 'formatRange').shape.inner, start, end);
    },
    formatRangeToParts(start, end) {
      return nativeFormatRangeToParts.call(stateOf(this, 'formatRangeToParts').shape.inner, start, end);
    },
    resolvedOptions() {
      return Object.assign({}, stateOf(this, 'resolvedOptions').shape.resolved);
    },
  };

  Object.defineProperty(NumberFormat, 'prototype', { value: Object.create(Object.prototype), writable: false, enumerable: false, configurable: false });
  const proto = NumberFormat.prototype;
  Object.defineProperty(proto, 'constructor', { value: NumberFormat, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(proto, 'format', {
    get: function format() {
      const state = stateOf(this, 'format');
      if (state.bound === undefined) {
        const { shape } = state;
        state.bound = (0, function (value) { return formatText(shape, value); });
      }

      return state.bound;
    },
    enumerable: false,
    configurable: true,
  });
  for (const name of Object.keys(methods)) {
    Object.defineProperty(proto, name, { value: methods[name], writable: true, enumerable: false, configurable: true });
  }

  Object.defineProperty(proto, Symbol.toStringTag, { value: 'Intl.NumberFormat', writable: false, enumerable: false, configurable: true });
  Object.defineProperty(NumberFormat, 'supportedLocalesOf', { value: Native.supportedLocalesOf, writable: true, enumerable: false, configurable: true });

  function toLocale(value, locales, options) {
    return formatText(shapeFor(locales, options), value);
  }

  return {
    NumberFormat,
    numberToLocaleString(locales, options) {
      return toLocale(numberValue.call(this), locales, options);
    },
    bigintToLocaleString(locales, options) {
      return toLocale(bigintValue.call(this), locales, options);
    },
  };
})
