// What Intl.DateTimeFormat and Intl.NumberFormat share (internal-intl_dates.js, internal-intl_numbers.js): a
// constructor callable with or without `new` (and subclassable) over a per-instance shape, a `format` getter giving
// the instance's own bound function, methods that refuse a receiver that is not one of theirs, and the language-tag
// helpers both need.
(function () {
  'use strict';

  // defineFormatter('DateTimeFormat', { shapeOf(locales, options), format(shape, value)?, methods: { name(shape, ...args) }, Native, callable? })
  function defineFormatter(name, spec) {
    const states = new WeakMap();
    const stateOf = (self, method) => {
      const state = typeof self === 'object' && self !== null ? states.get(self) : undefined;
      if (state === undefined) {
        const receiver = typeof self === 'object' && self !== null ? '#<Object>' : String(self);
        throw new TypeError(`Method Intl.${name}.prototype.${method} called on incompatible receiver ${receiver}`);
      }

      return state;
    };

    const Formatter = function () {
      // Only the two older formatters may be called without `new` (ECMA-402's legacy constructors).
      if (new.target === undefined && !spec.callable) throw new TypeError(`Constructor Intl.${name} requires 'new'`);
      const [locales, options] = arguments;
      const prototype = new.target === undefined || new.target === Formatter || Object(new.target.prototype) !== new.target.prototype
        ? Formatter.prototype
        : new.target.prototype;
      const self = Object.create(prototype);
      states.set(self, { shape: spec.shapeOf(locales, options), bound: undefined });
      return self;
    };
    Object.defineProperty(Formatter, 'name', { value: name });
    Object.defineProperty(Formatter, 'length', { value: 0 });
    Object.defineProperty(Formatter, 'prototype', { value: Object.create(Object.prototype), writable: false, enumerable: false, configurable: false });
    Object.defineProperty(Formatter, 'supportedLocalesOf', { value: spec.Native.supportedLocalesOf, writable: true, enumerable: false, configurable: true });
    const proto = Formatter.prototype;
    Object.defineProperty(proto, 'constructor', { value: Formatter, writable: true, enumerable: false, configurable: true });
    // (RelativeTimeFormat's and ListFormat's format is a method: no getter.)
    if (spec.format !== undefined) Object.defineProperty(proto, 'format', {
      get: function format() {
        const state = stateOf(this, 'format');
        if (state.bound === undefined) {
          // A fresh anonymous function (V8's is nameless, length 1), so `array.map(formatter.format)` works.
          const { shape } = state;
          state.bound = (0, function (value) { return spec.format(shape, value); });
        }

        return state.bound;
      },
      enumerable: false,
      configurable: true,
    });
    for (const method of Object.keys(spec.methods)) {
      const body = spec.methods[method];
      const wrapper = function () {
        return body(stateOf(this, method).shape, ...arguments);
      };
      Object.defineProperty(wrapper, 'name', { value: method });
      Object.defineProperty(wrapper, 'length', { value: body.length - 1 });
      Object.defineProperty(proto, method, { value: wrapper, writable: true, enumerable: false, configurable: true });
    }

    Object.defineProperty(proto, Symbol.toStringTag, { value: 'Intl.' + name, writable: false, enumerable: false, configurable: true });
    return Formatter;
  }

  // A per-engine cache of shapes (what create(locales, options) makes) by string locale and options key; an undefined
  // key (options that are not plain values) or a non-string locale is never cached, and the cache stops growing at 128.
  function shapeCache(create) {
    const shapes = new Map();
    return (locales, options, key) => {
      const full = key !== undefined && (locales === undefined || typeof locales === 'string')
        ? (locales === undefined ? '' : locales) + '\u0000' + key
        : undefined;
      let shape = full === undefined ? undefined : shapes.get(full);
      if (shape === undefined) {
        shape = create(locales, options);
        if (full !== undefined && shapes.size < 128) shapes.set(full, shape);
      }

      return shape;
    };
  }

  // A formatted value's parts ([text, category, field, start, end, ...] from the host): each character belongs to the
  // innermost span of `category` covering it (a group separator inside an integer), a run of one span is one part
  // (typeOf(field, text)), and what no span covers is a literal.
  function flattenParts(flat, category, typeOf) {
    const text = flat[0];
    const spans = [];
    for (let i = 1; i < flat.length; i += 4) {
      if (flat[i] === category) spans.push([flat[i + 1], flat[i + 2], flat[i + 3]]);
    }

    spans.sort((a, b) => (b[2] - b[1]) - (a[2] - a[1]));
    const owner = new Array(text.length).fill(-1);
    spans.forEach((span, index) => {
      for (let at = span[1]; at < span[2]; at++) owner[at] = index;
    });
    const parts = [];
    for (let at = 0; at < text.length;) {
      let end = at + 1;
      while (end < text.length && owner[end] === owner[at]) end++;
      const value = text.slice(at, end);
      parts.push(owner[at] === -1 ? { type: 'literal', value } : typeOf(spans[owner[at]][0], value));
      at = end;
    }

    return parts;
  }

  // A language tag's subtags up to its first extension ('en-US-u-hc-h23' → ['en', 'US']).
  function baseSubtags(locale) {
    const subtags = locale.split('-');
    let end = 0;
    while (end < subtags.length && (end === 0 || subtags[end].length > 1)) end++;
    return subtags.slice(0, end);
  }

  // The value of a Unicode extension keyword in a tag ('ja-JP-u-hc-h23', 'hc' → 'h23'), lower case, or undefined.
  function unicodeKeyword(locale, key) {
    const subtags = locale.toLowerCase().split('-');
    for (let i = subtags.indexOf('u') + 1; i > 0 && i < subtags.length && subtags[i].length > 1; i++) {
      if (subtags[i] === key) return i + 1 < subtags.length && subtags[i + 1].length > 2 ? subtags[i + 1] : '';
    }

    return undefined;
  }

  return { defineFormatter, shapeCache, flattenParts, baseSubtags, unicodeKeyword };
})
