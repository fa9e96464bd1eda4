// The HTML structured clone algorithm as Node's structuredClone: cycles kept, classes become plain objects,
// functions and symbols refused with a DataCloneError.
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  var TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);

  function fail(value) {
    var shown = typeof value === 'function' ? Function.prototype.toString.call(value) : String(value);
    var DOMException = require('internal/dom_exception').DOMException;
    throw new DOMException(shown + ' could not be cloned.', 'DataCloneError');
  }

  function clone(value, memory) {
    if (typeof value === 'symbol' || typeof value === 'function') fail(value);
    if (value === null || typeof value !== 'object') return value;
    if (memory.has(value)) return memory.get(value);
    var out;
    if (Array.isArray(value)) {
      out = new Array(value.length);
      memory.set(value, out);
      var keys = Object.keys(value);
      for (var i = 0; i < keys.length; i++) out[keys[i]] = clone(value[keys[i]], memory);
      return out;
    }
    if (value instanceof Date) return remember(memory, value, new Date(value.getTime()));
    if (value instanceof RegExp) return remember(memory, value, new RegExp(value.source, value.flags));
    if (value instanceof Boolean || value instanceof Number || value instanceof String) return remember(memory, value, Object(value.valueOf()));
    if (value instanceof ArrayBuffer) return remember(memory, value, value.slice(0));
    if (ArrayBuffer.isView(value)) {
      var buffer = clone(value.buffer, memory);
      // The built-in kind, not a subclass: Node clones a Buffer as a plain Uint8Array.
      var proto = Object.getPrototypeOf(value);
      while (proto !== null && Object.getPrototypeOf(proto) !== TypedArrayPrototype) proto = Object.getPrototypeOf(proto);
      var View = proto === null ? Uint8Array : proto.constructor;
      return remember(memory, value, value instanceof DataView
        ? new DataView(buffer, value.byteOffset, value.byteLength)
        : new View(buffer, value.byteOffset, value.length));
    }
    if (value instanceof Map) {
      out = new Map();
      memory.set(value, out);
      value.forEach(function (v, k) { out.set(clone(k, memory), clone(v, memory)); });
      return out;
    }
    if (value instanceof Set) {
      out = new Set();
      memory.set(value, out);
      value.forEach(function (v) { out.add(clone(v, memory)); });
      return out;
    }
    if (value instanceof Error) {
      var names = { EvalError: EvalError, RangeError: RangeError, ReferenceError: ReferenceError, SyntaxError: SyntaxError, TypeError: TypeError, URIError: URIError };
      var Ctor = names[value.name] || Error;
      out = new Ctor(value.message);
      memory.set(value, out);
      if (value.stack !== undefined) Object.defineProperty(out, 'stack', { value: value.stack, writable: true, configurable: true });
      if ('cause' in value) out.cause = clone(value.cause, memory);
      return out;
    }
    if (value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet) fail(value);
    out = {};
    memory.set(value, out);
    var props = Object.keys(value);
    for (var j = 0; j < props.length; j++) out[props[j]] = clone(value[props[j]], memory);
    return out;
  }

  function remember(memory, from, to) {
    memory.set(from, to);
    return to;
  }

  return {
    structuredClone: function structuredClone(value) {
      if (arguments.length === 0) throw errors.make(TypeError, 'ERR_MISSING_ARGS', 'The value argument must be specified');
      return clone(value, new Map());
    },
  };
})
