// Node's `util`. format/inspect are the host's ConsoleFormatter (what console.log prints); type tests ask the
// engine for an object's real kind; TextEncoder is UTF-8, TextDecoder reads UTF-8, UTF-16 (LE, BE) and Latin-1.
(function (require, binding) {
  'use strict';
  var errors = require('internal/errors');
  var customInspect = Symbol.for('nodejs.util.inspect.custom');
  var customPromisify = Symbol.for('nodejs.util.promisify.custom');
  var customPromisifyArgs = require('internal/util').customPromisifyArgs;

  function inspect(value, opts) {
    var options = opts;
    if (typeof opts !== 'object' || opts === null) {
      options = {};
      // Legacy signature: inspect(value, showHidden, depth, colors).
      if (arguments.length >= 3 && arguments[2] !== undefined) options.depth = arguments[2];
    }
    return binding.inspect(value, options);
  }
  inspect.custom = customInspect;
  inspect.defaultOptions = { showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false,
    maxArrayLength: 100, maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false, getters: false, numericSeparator: false };
  inspect.colors = Object.create(null);
  inspect.styles = Object.create(null);

  function format() {
    return binding.format.apply(undefined, arguments);
  }

  function formatWithOptions(inspectOptions) {
    errors.validateObject(inspectOptions, 'inspectOptions');
    return binding.format.apply(undefined, Array.prototype.slice.call(arguments, 1));
  }

  function promisify(original) {
    errors.validateFunction(original, 'original');
    if (original[customPromisify]) {
      var custom = original[customPromisify];
      errors.validateFunction(custom, 'util.promisify.custom');
      return Object.defineProperty(custom, customPromisify, { value: custom, enumerable: false, writable: false, configurable: true });
    }
    // A built-in whose callback gets several values names them (Node's kCustomPromisifyArgsSymbol): one object.
    var names = original[customPromisifyArgs];
    function fn() {
      var self = this;
      var args = Array.prototype.slice.call(arguments);
      return new Promise(function (resolve, reject) {
        args.push(function (err, value) {
          if (err) return reject(err);
          // As Node: the names apply only when the callback got more than one value (dns.lookup's `all` gives one array).
          if (names === undefined || arguments.length <= 2) return resolve(value);
          var values = {};
          for (var i = 0; i < names.length; i++) values[names[i]] = arguments[i + 1];
          resolve(values);
        });
        original.apply(self, args);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    var descriptors = Object.getOwnPropertyDescriptors(original);
    var keys = Reflect.ownKeys(descriptors);
    for (var i = 0; i < keys.length; i++) {
      if (keys[i] === 'length' || keys[i] === 'name' || keys[i] === 'prototype' || keys[i] === customPromisify) continue;
      Object.defineProperty(fn, keys[i], descriptors[keys[i]]);
    }
    return fn;
  }
  promisify.custom = customPromisify;

  function callbackify(original) {
    errors.validateFunction(original, 'original');
    function callbackified() {
      var args = Array.prototype.slice.call(arguments);
      var maybeCb = args.pop();
      errors.validateFunction(maybeCb, 'last argument');
      var cb = maybeCb.bind(this);
      var nextTick = require('process').nextTick;
      Promise.resolve(original.apply(this, args)).then(function (ret) {
        nextTick(cb, null, ret);
      }, function (rej) {
        if (!rej) {
          var wrapped = errors.make(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
          wrapped.reason = rej;
          rej = wrapped;
        }
        nextTick(cb, rej);
      });
    }
    var descriptors = Object.getOwnPropertyDescriptors(original);
    if (typeof descriptors.length.value === 'number') descriptors.length.value++;
    if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
    Object.defineProperties(callbackified, { length: descriptors.length, name: descriptors.name });
    return callbackified;
  }

  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw errors.invalidArgType('ctor', 'Function', ctor);
    if (superCtor === undefined || superCtor === null) throw errors.invalidArgType('superCtor', 'Function', superCtor);
    if (superCtor.prototype === undefined) throw errors.invalidArgType('superCtor.prototype', 'Object', superCtor.prototype);
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  function deprecate(fn, msg, code) {
    errors.validateFunction(fn, 'fn');
    var warned = false;
    function deprecated() {
      if (!warned) {
        warned = true;
        require('process').emitWarning(msg, 'DeprecationWarning', code);
      }
      if (new.target) return Reflect.construct(fn, arguments, new.target);
      return fn.apply(this, arguments);
    }
    Object.setPrototypeOf(deprecated, fn);
    if (fn.prototype) deprecated.prototype = fn.prototype;
    return deprecated;
  }

  var kind = binding.kind;
  function typed(name) {
    return function (value) { return kind(value) === 'TypedArray:' + name; };
  }
  var types = {
    isDate: function isDate(v) { return kind(v) === 'Date'; },
    isRegExp: function isRegExp(v) { return kind(v) === 'RegExp'; },
    isMap: function isMap(v) { return kind(v) === 'Map'; },
    isSet: function isSet(v) { return kind(v) === 'Set'; },
    isWeakMap: function isWeakMap(v) { return kind(v) === 'WeakMap'; },
    isWeakSet: function isWeakSet(v) { return kind(v) === 'WeakSet'; },
    isMapIterator: function isMapIterator(v) { return kind(v) === 'MapIterator'; },
    isSetIterator: function isSetIterator(v) { return kind(v) === 'SetIterator'; },
    isPromise: function isPromise(v) { return kind(v) === 'Promise'; },
    isNativeError: function isNativeError(v) { return kind(v) === 'Error'; },
    isProxy: function isProxy(v) { return kind(v) === 'Proxy'; },
    isArrayBuffer: function isArrayBuffer(v) { return kind(v) === 'ArrayBuffer'; },
    isAnyArrayBuffer: function isAnyArrayBuffer(v) { return kind(v) === 'ArrayBuffer'; },
    isSharedArrayBuffer: function isSharedArrayBuffer() { return false; },
    isDataView: function isDataView(v) { return kind(v) === 'DataView'; },
    isArgumentsObject: function isArgumentsObject(v) { return kind(v) === 'Arguments'; },
    isTypedArray: function isTypedArray(v) { return kind(v).indexOf('TypedArray:') === 0; },
    isArrayBufferView: function isArrayBufferView(v) { var k = kind(v); return k.indexOf('TypedArray:') === 0 || k === 'DataView'; },
    isUint8Array: typed('Uint8Array'), isUint8ClampedArray: typed('Uint8ClampedArray'), isUint16Array: typed('Uint16Array'),
    isUint32Array: typed('Uint32Array'), isInt8Array: typed('Int8Array'), isInt16Array: typed('Int16Array'),
    isInt32Array: typed('Int32Array'), isFloat32Array: typed('Float32Array'), isFloat64Array: typed('Float64Array'),
    isBigInt64Array: typed('BigInt64Array'), isBigUint64Array: typed('BigUint64Array'),
    isNumberObject: function isNumberObject(v) { return kind(v) === 'Number'; },
    isStringObject: function isStringObject(v) { return kind(v) === 'String'; },
    isBooleanObject: function isBooleanObject(v) { return kind(v) === 'Boolean'; },
    isSymbolObject: function isSymbolObject(v) { return kind(v) === 'Symbol'; },
    isBigIntObject: function isBigIntObject(v) { return kind(v) === 'BigInt'; },
    isBoxedPrimitive: function isBoxedPrimitive(v) { var k = kind(v); return k === 'Number' || k === 'String' || k === 'Boolean' || k === 'Symbol' || k === 'BigInt'; },
    isAsyncFunction: function isAsyncFunction(v) {
      return typeof v === 'function' && (Object.getPrototypeOf(v) === Object.getPrototypeOf(async function () {}) ||
        Object.getPrototypeOf(v) === Object.getPrototypeOf(async function* () {}));
    },
    isGeneratorFunction: function isGeneratorFunction(v) {
      return typeof v === 'function' && (Object.getPrototypeOf(v) === Object.getPrototypeOf(function* () {}) ||
        Object.getPrototypeOf(v) === Object.getPrototypeOf(async function* () {}));
    },
    isGeneratorObject: function isGeneratorObject(v) { return kind(v) === 'Generator'; },
    isModuleNamespaceObject: function isModuleNamespaceObject() { return false; },
    isExternal: function isExternal() { return false; },
    isKeyObject: function isKeyObject(v) { var r = require('internal/crypto_registry'); return r.isKeyObject !== undefined && r.isKeyObject(v); },
    isCryptoKey: function isCryptoKey(v) { var r = require('internal/crypto_registry'); return r.isCryptoKey !== undefined && r.isCryptoKey(v); },
  };

  function TextEncoder() {
    if (!(this instanceof TextEncoder)) throw new TypeError("Class constructor TextEncoder cannot be invoked without 'new'");
  }
  Object.defineProperty(TextEncoder.prototype, 'encoding', { get: function () { return 'utf-8'; }, enumerable: true, configurable: true });
  TextEncoder.prototype.encode = function encode(input) {
    return binding.encode(input === undefined ? '' : String(input));
  };
  TextEncoder.prototype.encodeInto = function encodeInto(src, dest) {
    var bytes = binding.encode(String(src));
    var read = 0;
    var written = 0;
    // Whole characters only: stop before a character whose bytes do not fit.
    for (var i = 0; i < src.length; i++) {
      var code = src.codePointAt(i);
      var size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (written + size > dest.length) break;
      for (var j = 0; j < size; j++) dest[written + j] = bytes[written + j];
      written += size;
      read += code >= 0x10000 ? 2 : 1;
      if (code >= 0x10000) i++;
    }
    return { read: read, written: written };
  };
  Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, { value: 'TextEncoder', configurable: true });

  // The WHATWG labels of the encodings decoded here, by canonical name (Node's TextDecoder#encoding).
  var LABELS = {
    'utf-8': ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'],
    'utf-16le': ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le'],
    'utf-16be': ['unicodefffe', 'utf-16be'],
    'windows-1252': ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100', 'iso8859-1',
      'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252'],
  };
  // What each encoding's byte order mark is.
  var BOMS = { 'utf-8': [0xEF, 0xBB, 0xBF], 'utf-16le': [0xFF, 0xFE], 'utf-16be': [0xFE, 0xFF], 'windows-1252': null };

  function canonicalEncoding(label) {
    for (var name in LABELS) if (LABELS[name].indexOf(label) >= 0) return name;
    return null;
  }

  function TextDecoder(encoding, options) {
    if (!(this instanceof TextDecoder)) throw new TypeError("Class constructor TextDecoder cannot be invoked without 'new'");
    var label = encoding === undefined ? 'utf-8' : String(encoding).trim().toLowerCase();
    var canonical = canonicalEncoding(label);
    if (canonical === null) {
      throw errors.make(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', 'The "' + encoding + '" encoding is not supported');
    }
    if (options !== undefined && options !== null && typeof options !== 'object') throw errors.invalidArgType('options', 'object', options);
    this._encoding = canonical;
    this._fatal = !!(options && options.fatal);
    this._ignoreBOM = !!(options && options.ignoreBOM);
    this._pending = [];
    this._bomSeen = false;
  }
  Object.defineProperty(TextDecoder.prototype, 'encoding', { get: function () { return this._encoding; }, enumerable: true, configurable: true });
  Object.defineProperty(TextDecoder.prototype, 'fatal', { get: function () { return this._fatal; }, enumerable: true, configurable: true });
  Object.defineProperty(TextDecoder.prototype, 'ignoreBOM', { get: function () { return this._ignoreBOM; }, enumerable: true, configurable: true });
  TextDecoder.prototype.decode = function decode(input, options) {
    var bytes;
    if (input === undefined) bytes = new Uint8Array(0);
    else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
    else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    else throw errors.invalidArgType('input', ['ArrayBuffer', 'ArrayBufferView'], input);
    var stream = !!(options && options.stream);
    if (this._pending.length > 0) {
      var joined = new Uint8Array(this._pending.length + bytes.length);
      joined.set(this._pending, 0);
      joined.set(bytes, this._pending.length);
      bytes = joined;
      this._pending = [];
    }
    if (stream) {
      // Keep an incomplete trailing sequence for the next call.
      var keep = this._encoding === 'utf-8' ? incompleteTail(bytes) : this._encoding === 'windows-1252' ? 0 : incompleteUtf16Tail(bytes, this._encoding === 'utf-16be');
      if (keep > 0) {
        this._pending = Array.prototype.slice.call(bytes, bytes.length - keep);
        bytes = bytes.subarray(0, bytes.length - keep);
      }
    }
    var bom = BOMS[this._encoding];
    var stripped = false;
    if (bom !== null && !this._ignoreBOM && !this._bomSeen && startsWith(bytes, bom)) {
      bytes = bytes.subarray(bom.length);
      stripped = true;
    }
    if (bytes.length > 0 || stripped) this._bomSeen = stream;
    if (!stream) this._bomSeen = false;
    return binding.decode(bytes, this._fatal, this._encoding);
  };

  function startsWith(bytes, prefix) {
    if (bytes.length < prefix.length) return false;
    for (var i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
    return true;
  }

  // UTF-16's incomplete tail: an odd byte, and a high surrogate whose low half has not come yet.
  function incompleteUtf16Tail(bytes, bigEndian) {
    var keep = bytes.length % 2;
    var end = bytes.length - keep;
    if (end >= 2) {
      var unit = bigEndian ? (bytes[end - 2] << 8) | bytes[end - 1] : (bytes[end - 1] << 8) | bytes[end - 2];
      if (unit >= 0xD800 && unit <= 0xDBFF) keep += 2;
    }
    return keep;
  }
  Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, { value: 'TextDecoder', configurable: true });

  function incompleteTail(bytes) {
    for (var back = 1; back <= 3 && back <= bytes.length; back++) {
      var b = bytes[bytes.length - back];
      if ((b & 0xC0) === 0x80) continue;
      var need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      return need > back ? back : 0;
    }
    return 0;
  }

  return {
    format: format,
    formatWithOptions: formatWithOptions,
    inspect: inspect,
    promisify: promisify,
    callbackify: callbackify,
    inherits: inherits,
    deprecate: deprecate,
    debuglog: function debuglog() { var log = function () {}; log.enabled = false; return log; },
    debug: function debug() { var log = function () {}; log.enabled = false; return log; },
    // Loaded on first use: most hooks that require util never compare deeply.
    isDeepStrictEqual: function isDeepStrictEqual(a, b) { return require('internal/comparisons').isDeepStrictEqual(a, b); },
    types: types,
    TextEncoder: TextEncoder,
    TextDecoder: TextDecoder,
    isArray: Array.isArray,
    isBoolean: function (v) { return typeof v === 'boolean'; },
    isNull: function (v) { return v === null; },
    isNullOrUndefined: function (v) { return v === null || v === undefined; },
    isNumber: function (v) { return typeof v === 'number'; },
    isString: function (v) { return typeof v === 'string'; },
    isSymbol: function (v) { return typeof v === 'symbol'; },
    isUndefined: function (v) { return v === undefined; },
    isRegExp: types.isRegExp,
    isObject: function (v) { return v !== null && typeof v === 'object'; },
    isDate: types.isDate,
    isError: function (v) { return types.isNativeError(v) || v instanceof Error; },
    isFunction: function (v) { return typeof v === 'function'; },
    isPrimitive: function (v) { return v === null || (typeof v !== 'object' && typeof v !== 'function'); },
    isBuffer: function () { return false; },
    stripVTControlCharacters: function (str) {
      errors.validateString(str, 'str');
      return str.replace(/[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g, '');
    },
    toUSVString: function (str) { return String(str).toWellFormed ? String(str).toWellFormed() : String(str); },
    _extend: function (target, source) {
      if (source === null || typeof source !== 'object') return target;
      var keys = Object.keys(source);
      for (var i = keys.length - 1; i >= 0; i--) target[keys[i]] = source[keys[i]];
      return target;
    },
  };
})
