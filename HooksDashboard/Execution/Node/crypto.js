// Node's `crypto`: createHash/createHmac (md5, sha1, the SHA-2 and SHA-3 families, ripemd160, blake2, sm3), randomBytes, randomUUID, randomInt,
// timingSafeEqual, getRandomValues, getHashes here; KeyObject and signatures (internal/crypto_keys), AES ciphers and
// KDFs (internal/crypto_cipher) and Web Crypto (internal/crypto_webcrypto), each evaluated on its first use. The bytes
// given to update() are kept here and digested by the host in one call (binding.digest), so no host object outlives a
// call; keys are kept the same way, as bytes. Binary results go through toBinaryResult.
(function (require, binding) {
  'use strict';
  var errors = require('internal/errors');

  // Node 20's crypto.getHashes(): OpenSSL's names.
  var HASHES = ['RSA-MD5', 'RSA-RIPEMD160', 'RSA-SHA1', 'RSA-SHA1-2', 'RSA-SHA224', 'RSA-SHA256', 'RSA-SHA3-224', 'RSA-SHA3-256', 'RSA-SHA3-384', 'RSA-SHA3-512', 'RSA-SHA384', 'RSA-SHA512', 'RSA-SHA512/224', 'RSA-SHA512/256', 'RSA-SM3', 'blake2b512', 'blake2s256', 'id-rsassa-pkcs1-v1_5-with-sha3-224', 'id-rsassa-pkcs1-v1_5-with-sha3-256', 'id-rsassa-pkcs1-v1_5-with-sha3-384', 'id-rsassa-pkcs1-v1_5-with-sha3-512', 'md5', 'md5-sha1', 'md5WithRSAEncryption', 'ripemd', 'ripemd160', 'ripemd160WithRSA', 'rmd160', 'sha1', 'sha1WithRSAEncryption', 'sha224', 'sha224WithRSAEncryption', 'sha256', 'sha256WithRSAEncryption', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512', 'sha384', 'sha384WithRSAEncryption', 'sha512', 'sha512-224', 'sha512-224WithRSAEncryption', 'sha512-256', 'sha512-256WithRSAEncryption', 'sha512WithRSAEncryption', 'shake128', 'shake256', 'sm3', 'sm3WithRSAEncryption', 'ssl3-md5', 'ssl3-sha1'];

  // The one place binary results are made: a Buffer over the host's bytes (no copy), as Node returns.
  function toBinaryResult(bytes) {
    return require('buffer').Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  function isBytes(value) {
    return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
  }

  function viewBytes(value) {
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }

  function normalizeEncoding(encoding) {
    if (typeof encoding !== 'string') return undefined;
    switch (encoding.toLowerCase()) {
      case 'hex': return 'hex';
      case 'base64': return 'base64';
      case 'base64url': return 'base64url';
      case 'latin1': case 'binary': return 'latin1';
      case 'ascii': return 'ascii';
      case 'utf8': case 'utf-8': return 'utf8';
      case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
      default: return undefined;
    }
  }

  function toBytes(data, encoding, name, types) {
    if (typeof data === 'string') return binding.encode(data, normalizeEncoding(encoding) || 'utf8');
    if (ArrayBuffer.isView(data)) return viewBytes(data);
    throw errors.invalidArgType(name, types, data);
  }

  function output(bytes, encoding) {
    var normalized = normalizeEncoding(encoding);
    return normalized === undefined ? toBinaryResult(bytes) : binding.decode(bytes, normalized);
  }

  function finalized() {
    return errors.make(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
  }

  // The bytes written so far, bounded as the host bounds one digest.
  function Accumulator() {
    this.chunks = [];
    this.length = 0;
  }
  Accumulator.prototype.add = function (bytes) {
    if (this.length + bytes.length > binding.maxDigestInput) {
      throw errors.make(RangeError, 'ERR_HOOKS_INPUT_TOO_LARGE', 'crypto input is limited to ' + binding.maxDigestInput + ' bytes in HooksDashboard hooks');
    }
    this.chunks.push(bytes.slice());
    this.length += bytes.length;
  };
  Accumulator.prototype.bytes = function () {
    var all = new Uint8Array(this.length);
    var offset = 0;
    for (var i = 0; i < this.chunks.length; i++) {
      all.set(this.chunks[i], offset);
      offset += this.chunks[i].length;
    }
    return all;
  };

  var DATA_TYPES = ['string', 'Buffer', 'TypedArray', 'DataView'];
  var state = new WeakMap();

  function Hash(algorithm, options) {
    if (!(this instanceof Hash)) return new Hash(algorithm, options);
    errors.validateString(algorithm, 'algorithm');
    var name = binding.digestAlgorithm(algorithm);
    if (name === null) throw new Error('Digest method not supported');
    state.set(this, { algorithm: name, data: new Accumulator(), finalized: false, key: undefined });
    this._options = options; // LazyTransform's, the stream's options when it becomes one
  }

  function update(self, data, encoding) {
    var s = state.get(self);
    if (s.finalized) throw finalized();
    if (typeof data === 'string' && normalizeEncoding(encoding) === 'hex' && data.length % 2 !== 0) {
      throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE',
        "The argument 'encoding' is invalid for data of length " + data.length + '. Received ' + errors.primitive(encoding));
    }
    s.data.add(toBytes(data, encoding, 'data', DATA_TYPES));
    return self;
  }

  Hash.prototype.update = function (data, encoding) { return update(this, data, encoding); };
  Hash.prototype.digest = function (encoding) {
    var s = state.get(this);
    if (s.finalized) throw finalized();
    s.finalized = true;
    s.result = binding.digest(s.algorithm, s.data.bytes());
    return output(s.result, encoding);
  };
  Hash.prototype.copy = function (options) {
    var s = state.get(this);
    if (s.finalized) throw finalized();
    var copy = Object.create(Hash.prototype);
    var data = new Accumulator();
    data.chunks = s.data.chunks.slice();
    data.length = s.data.length;
    state.set(copy, { algorithm: s.algorithm, data: data, finalized: false, key: undefined });
    copy._options = options;
    return copy;
  };

  // Hash and Hmac are Node's LazyTransforms: streams (write/end/read, pipe, pipeline) whose stream state is made on
  // first use. The stream module loads on the first stream member a hash is asked for, so a hook that only calls
  // update/digest never pays for it: until then the prototypes hold stubs that make both classes streams, then retry.
  var STREAM_METHODS = ['write', 'end', 'pipe', 'unpipe', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener',
    'removeListener', 'off', 'removeAllListeners', 'emit', 'listeners', 'rawListeners', 'listenerCount', 'eventNames',
    'setMaxListeners', 'getMaxListeners', 'setEncoding', 'read', 'resume', 'pause', 'isPaused', 'destroy', 'cork', 'uncork',
    'setDefaultEncoding', 'push', 'unshift', 'wrap', Symbol.asyncIterator];
  var STREAM_PROPERTIES = ['_readableState', '_writableState', 'readable', 'writable', 'destroyed', 'closed', 'errored',
    'readableEnded', 'writableEnded', 'writableFinished', 'readableFlowing', 'readableLength', 'writableLength',
    'readableObjectMode', 'writableObjectMode', 'readableHighWaterMark', 'writableHighWaterMark', 'readableEncoding',
    'writableNeedDrain', 'writableCorked', 'readableAborted', 'readableDidRead'];
  var streamed = false;

  function becomeStreams() {
    if (streamed) return;
    streamed = true;
    var Transform = require('stream').Transform;
    function LazyTransform() {}
    LazyTransform.prototype = Object.create(Transform.prototype, { constructor: { value: LazyTransform, writable: true, configurable: true } });
    ['_readableState', '_writableState'].forEach(function (name) {
      Object.defineProperty(LazyTransform.prototype, name, {
        get: function () {
          Transform.call(this, this._options);
          this._writableState.decodeStrings = false;
          return this[name];
        },
        set: function (value) { Object.defineProperty(this, name, { value: value, enumerable: true, configurable: true, writable: true }); },
        enumerable: true, configurable: true,
      });
    });
    [Hash, Hmac].forEach(function (C) {
      STREAM_METHODS.concat(STREAM_PROPERTIES).forEach(function (name) { delete C.prototype[name]; });
      Object.setPrototypeOf(C.prototype, LazyTransform.prototype);
      // Node's stream side works on the handle: writes after digest() are ignored, not an error.
      Object.defineProperty(C.prototype, '_transform', {
        value: function _transform(chunk, encoding, callback) { if (!state.get(this).finalized) update(this, chunk, encoding); callback(); },
        writable: true, configurable: true,
      });
      // The handle's digest again after digest(): a Hash gives the same bytes, an Hmac nothing.
      Object.defineProperty(C.prototype, '_flush', {
        value: function _flush(callback) {
          var s = state.get(this);
          if (!s.finalized) this.push(this.digest());
          else if (s.result) this.push(toBinaryResult(s.result.slice()));
          callback();
        },
        writable: true, configurable: true,
      });
    });
  }

  function streamStubs(C) {
    STREAM_METHODS.forEach(function (name) {
      Object.defineProperty(C.prototype, name, {
        value: function () { becomeStreams(); return this[name].apply(this, arguments); },
        writable: true, configurable: true,
      });
    });
    STREAM_PROPERTIES.forEach(function (name) {
      Object.defineProperty(C.prototype, name, { get: function () { becomeStreams(); return this[name]; }, configurable: true });
    });
  }

  var KEY_TYPES = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'];

  function Hmac(hmac, key, options) {
    if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
    errors.validateString(hmac, 'hmac');
    var keyBytes;
    if (shared.isCryptoKey(key)) key = shared.webcrypto().keyObjectOf(key);
    if (typeof key === 'string') keyBytes = binding.encode(key, normalizeEncoding(options && options.encoding) || 'utf8');
    else if (isBytes(key)) keyBytes = viewBytes(key).slice();
    else if (shared.keys.loaded() && shared.keys().isKeyObject(key)) {
      var keyState = shared.keys().stateOf(key);
      if (keyState.type !== 'secret') {
        throw errors.make(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type ' + keyState.type + ', expected secret.');
      }
      keyBytes = keyState.bytes;
    }
    else throw errors.invalidArgType('key', KEY_TYPES, key);
    var name = binding.digestAlgorithm(hmac);
    // OpenSSL cannot key an extendable-output function; Node passes its empty error on.
    if (name === 'shake128' || name === 'shake256') throw new Error('error:00000000:lib(0)::reason(0)');
    if (name === null) throw errors.make(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + hmac);
    state.set(this, { algorithm: name, data: new Accumulator(), finalized: false, key: keyBytes });
    this._options = options;
  }

  Hmac.prototype.update = function (data, encoding) { return update(this, data, encoding); };
  // A second digest() gives empty output, as Node's Hmac does.
  Hmac.prototype.digest = function (encoding) {
    var s = state.get(this);
    if (s.finalized) return output(new Uint8Array(0), encoding);
    s.finalized = true;
    return output(binding.digest(s.algorithm, s.data.bytes(), s.key), encoding);
  };

  streamStubs(Hash);
  streamStubs(Hmac);

  function validateSize(size) {
    if (typeof size !== 'number') throw errors.invalidArgType('size', 'number', size);
    if (!(size >= 0 && size <= 2147483647)) {
      throw errors.outOfRange('size', '>= 0 && <= 2147483647', size);
    }
    if (size > binding.maxRandomBytes) {
      throw errors.make(RangeError, 'ERR_HOOKS_INPUT_TOO_LARGE', 'randomBytes is limited to ' + binding.maxRandomBytes + ' bytes per call in HooksDashboard hooks');
    }
  }

  function later(callback, args) {
    require('timers').setImmediate(function () { callback.apply(undefined, args); });
  }

  function randomBytes(size, callback) {
    validateSize(size);
    if (callback !== undefined) errors.validateFunction(callback, 'callback');
    // A fractional size is truncated, as Buffer's allocation truncates it.
    var bytes = toBinaryResult(binding.randomBytes(Math.floor(size)));
    if (callback === undefined) return bytes;
    later(callback, [null, bytes]);
    return undefined;
  }

  function validateSafeInteger(value, name) {
    if (!Number.isSafeInteger(value)) {
      throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" argument must be a safe integer. Received ' + errors.describe(value));
    }
  }

  function randomInt(min, max, callback) {
    var minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
    if (minNotSpecified) {
      callback = max;
      max = min;
      min = 0;
    }
    var isSync = typeof callback === 'undefined';
    if (!isSync) errors.validateFunction(callback, 'callback');
    validateSafeInteger(min, 'min');
    validateSafeInteger(max, 'max');
    if (max <= min) {
      throw errors.make(RangeError, 'ERR_OUT_OF_RANGE',
        'The value of "max" is out of range. It must be greater than the value of "min" (' + min + '). Received ' + max);
    }
    var range = max - min;
    if (!(range <= 281474976710655)) {
      throw errors.make(RangeError, 'ERR_OUT_OF_RANGE',
        'The value of "max - min" is out of range. It must be <= 281474976710655. Received ' + groupDigits(range));
    }
    var n = binding.randomInt(min, max);
    if (isSync) return n;
    later(callback, [undefined, n]);
    return undefined;
  }

  // Node prints large numbers in range errors with '_' between groups of three digits.
  function groupDigits(n) {
    var s = String(n);
    var out = '';
    var i = s.length;
    for (; i >= 4; i -= 3) out = '_' + s.slice(i - 3, i) + out;
    return s.slice(0, i) + out;
  }

  function randomUUID(options) {
    if (options !== undefined) {
      errors.validateObject(options, 'options');
      if (options.disableEntropyCache !== undefined && typeof options.disableEntropyCache !== 'boolean') {
        throw errors.invalidArgType('options.disableEntropyCache', 'boolean', options.disableEntropyCache);
      }
    }
    return binding.randomUUID();
  }

  function timingSafeEqual(buf1, buf2) {
    if (!isBytes(buf1)) {
      throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "buf1" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
    }
    if (!isBytes(buf2)) {
      throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "buf2" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
    }
    var a = viewBytes(buf1), b = viewBytes(buf2);
    if (a.length !== b.length) {
      throw errors.make(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
    }
    return binding.timingSafeEqual(a, b);
  }

  function getRandomValues(data) {
    var DOMException = require('internal/dom_exception').DOMException;
    var integer = data instanceof Int8Array || data instanceof Uint8Array || data instanceof Uint8ClampedArray ||
      data instanceof Int16Array || data instanceof Uint16Array || data instanceof Int32Array || data instanceof Uint32Array ||
      (typeof BigInt64Array !== 'undefined' && (data instanceof BigInt64Array || data instanceof BigUint64Array));
    if (!integer) throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
    if (data.byteLength > 65536) throw new DOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
    viewBytes(data).set(binding.randomBytes(data.byteLength));
    return data;
  }

  // Names Node accepts for a signature's digest: the digests' own, OpenSSL's RSA-/ecdsa-with- and *WithRSAEncryption forms.
  function signatureDigest(name) {
    var lower = name.toLowerCase();
    var match = /^(?:ecdsa-with-)?(.*?)(?:withrsaencryption)?$/.exec(lower);
    return binding.algorithm(match[1]);
  }

  var shared = {
    errors: errors,
    isBytes: isBytes,
    viewBytes: viewBytes,
    normalizeEncoding: normalizeEncoding,
    toBinaryResult: toBinaryResult,
    output: output,
    Accumulator: Accumulator,
    later: later,
    signatureDigest: signatureDigest,
    getRandomValues: getRandomValues,
    randomBytes: function (n) { return binding.randomBytes(n); },
    keys: part('internal/crypto_keys'),
    cipher: part('internal/crypto_cipher'),
    webcrypto: part('internal/crypto_webcrypto'),
    ecdh: part('internal/crypto_ecdh'),
    isCryptoKey: function (value) { return shared.webcrypto.loaded() && shared.webcrypto().isCryptoKey(value); },
  };
  var registry = require('internal/crypto_registry');
  // No KeyObject exists before the keys part is loaded: the test does not load it.
  registry.isKeyObject = function (value) { return shared.keys.loaded() && shared.keys().isKeyObject(value); };
  registry.isCryptoKey = shared.isCryptoKey;

  // A part of the module, evaluated on its first use so that a hook hashing a string does not pay for ciphers.
  function part(id) {
    var exports;
    var get = function () {
      if (exports === undefined) exports = require(id)(binding, shared);
      return exports;
    };
    get.loaded = function () { return exports !== undefined; };
    return get;
  }

  function forward(get, name) {
    var f = function () { return get()[name].apply(this, arguments); };
    Object.defineProperty(f, 'name', { value: name });
    return f;
  }

  function randomFillSync(buf, offset, size) {
    if (!isBytes(buf)) throw errors.invalidArgType('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
    var bytes = viewBytes(buf);
    var start = offset === undefined ? 0 : offset;
    errors.validateNumber(start, 'offset');
    if (!(start >= 0 && start <= bytes.length)) throw errors.outOfRange('offset', '>= 0 && <= ' + bytes.length, start);
    var count = size === undefined ? bytes.length - start : size;
    errors.validateNumber(count, 'size');
    if (!(count >= 0 && start + count <= bytes.length)) throw errors.outOfRange('size + offset', '<= ' + bytes.length, count + start);
    validateSize(count);
    bytes.set(binding.randomBytes(count), start);
    return buf;
  }

  function randomFill(buf, offset, size, callback) {
    if (typeof offset === 'function') { callback = offset; offset = undefined; size = undefined; }
    else if (typeof size === 'function') { callback = size; size = undefined; }
    errors.validateFunction(callback, 'callback');
    randomFillSync(buf, offset, size);
    later(callback, [null, buf]);
  }

  // Node 20.12's one-shot digest: a string (UTF-8) or bytes, hex unless another encoding (or 'buffer') is asked for.
  function hash(algorithm, data, outputEncoding) {
    errors.validateString(algorithm, 'algorithm');
    if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
      throw errors.invalidArgType('input', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    }
    if (outputEncoding !== undefined) errors.validateString(outputEncoding, 'outputEncoding');
    if (binding.digestAlgorithm(algorithm) === null) throw new Error('Digest method ' + algorithm + ' is not supported');
    var digest = new Hash(algorithm).update(data);
    return outputEncoding === 'buffer' ? digest.digest() : digest.digest(outputEncoding === undefined ? 'hex' : outputEncoding);
  }

  var exports = {
    createHash: function createHash(algorithm, options) { return new Hash(algorithm, options); },
    hash: Object.defineProperty(hash, 'length', { value: 2 }), // (algorithm, input, outputEncoding = 'hex')
    createHmac: function createHmac(hmac, key, options) { return new Hmac(hmac, key, options); },
    Hash: Hash,
    Hmac: Hmac,
    getHashes: function getHashes() { return HASHES.slice(); },
    getCurves: function getCurves() { return ['prime256v1', 'secp256k1', 'secp384r1', 'secp521r1']; },
    randomBytes: randomBytes,
    pseudoRandomBytes: randomBytes,
    prng: randomBytes,
    rng: randomBytes,
    randomFill: randomFill,
    randomFillSync: randomFillSync,
    randomInt: randomInt,
    randomUUID: randomUUID,
    timingSafeEqual: timingSafeEqual,
    getRandomValues: getRandomValues,
  };
  // crypto.constants as Node 20 (OpenSSL 3.0) has them, in a null-prototype object.
  var DEFAULT_CIPHERS = 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA';
  var constants = Object.create(null);
  Object.assign(constants, {
    OPENSSL_VERSION_NUMBER: 805306672, SSL_OP_ALL: 2147485776, SSL_OP_ALLOW_NO_DHE_KEX: 1024,
    SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION: 262144, SSL_OP_CIPHER_SERVER_PREFERENCE: 4194304,
    SSL_OP_CISCO_ANYCONNECT: 32768, SSL_OP_COOKIE_EXCHANGE: 8192, SSL_OP_CRYPTOPRO_TLSEXT_BUG: 2147483648,
    SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS: 2048, SSL_OP_LEGACY_SERVER_CONNECT: 4, SSL_OP_NO_COMPRESSION: 131072,
    SSL_OP_NO_ENCRYPT_THEN_MAC: 524288, SSL_OP_NO_QUERY_MTU: 4096, SSL_OP_NO_RENEGOTIATION: 1073741824,
    SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION: 65536, SSL_OP_NO_SSLv2: 0, SSL_OP_NO_SSLv3: 33554432,
    SSL_OP_NO_TICKET: 16384, SSL_OP_NO_TLSv1: 67108864, SSL_OP_NO_TLSv1_1: 268435456, SSL_OP_NO_TLSv1_2: 134217728,
    SSL_OP_NO_TLSv1_3: 536870912, SSL_OP_PRIORITIZE_CHACHA: 2097152, SSL_OP_TLS_ROLLBACK_BUG: 8388608,
    ENGINE_METHOD_RSA: 1, ENGINE_METHOD_DSA: 2, ENGINE_METHOD_DH: 4, ENGINE_METHOD_RAND: 8, ENGINE_METHOD_EC: 2048,
    ENGINE_METHOD_CIPHERS: 64, ENGINE_METHOD_DIGESTS: 128, ENGINE_METHOD_PKEY_METHS: 512,
    ENGINE_METHOD_PKEY_ASN1_METHS: 1024, ENGINE_METHOD_ALL: 65535, ENGINE_METHOD_NONE: 0,
    DH_CHECK_P_NOT_SAFE_PRIME: 2, DH_CHECK_P_NOT_PRIME: 1, DH_UNABLE_TO_CHECK_GENERATOR: 4,
    DH_NOT_SUITABLE_GENERATOR: 8, RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4,
    RSA_X931_PADDING: 5, RSA_PKCS1_PSS_PADDING: 6, RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2,
    RSA_PSS_SALTLEN_AUTO: -2, defaultCoreCipherList: DEFAULT_CIPHERS, TLS1_VERSION: 769, TLS1_1_VERSION: 770,
    TLS1_2_VERSION: 771, TLS1_3_VERSION: 772, POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4,
    POINT_CONVERSION_HYBRID: 6 });
  constants.defaultCipherList = DEFAULT_CIPHERS;
  Object.defineProperty(exports, 'constants', { value: constants, writable: false, enumerable: true, configurable: false });
  ['createPrivateKey', 'createPublicKey', 'createSecretKey', 'createSign', 'createVerify', 'sign', 'verify',
    'generateKeyPair', 'generateKeyPairSync', 'generateKey', 'generateKeySync', 'diffieHellman'].forEach(function (name) {
    exports[name] = forward(shared.keys, name);
  });
  // Node's four RSA functions are anonymous arrow functions of (options, buffer).
  ['publicEncrypt', 'privateDecrypt', 'privateEncrypt', 'publicDecrypt'].forEach(function (name) {
    var f = forward(shared.keys, name);
    Object.defineProperty(f, 'name', { value: '' });
    Object.defineProperty(f, 'length', { value: 2 });
    exports[name] = f;
  });
  Object.defineProperty(exports.generateKeyPair, require('internal/util').customPromisifyArgs, { value: ['publicKey', 'privateKey'], enumerable: false });
  // The deprecated password forms, wrapped as Node wraps them (util.deprecate: named 'deprecated', length 0).
  ['createCipher', 'createDecipher'].forEach(function (name) {
    var f = forward(shared.cipher, name);
    Object.defineProperty(f, 'name', { value: 'deprecated' });
    Object.defineProperty(f, 'length', { value: 0 });
    exports[name] = f;
  });
  ['createCipheriv', 'createDecipheriv', 'getCiphers', 'getCipherInfo', 'pbkdf2', 'pbkdf2Sync', 'scrypt', 'scryptSync',
    'hkdf', 'hkdfSync'].forEach(function (name) {
    exports[name] = forward(shared.cipher, name);
  });
  [['createECDH', 1], ['createDiffieHellman', 4], ['getDiffieHellman', 1], ['createDiffieHellmanGroup', 1]].forEach(function (entry) {
    exports[entry[0]] = forward(shared.ecdh, entry[0]);
    Object.defineProperty(exports[entry[0]], 'length', { value: entry[1] });
  });
  // Classes and Web Crypto are getters (Node's webcrypto and subtle are too), so the parts load on first read.
  [['KeyObject', shared.keys], ['Sign', shared.keys], ['Verify', shared.keys], ['Cipheriv', shared.cipher],
    ['Decipheriv', shared.cipher], ['ECDH', shared.ecdh], ['DiffieHellman', shared.ecdh],
    ['DiffieHellmanGroup', shared.ecdh], ['webcrypto', shared.webcrypto], ['subtle', shared.webcrypto]].forEach(function (entry) {
    Object.defineProperty(exports, entry[0], {
      get: function () { return entry[1]()[entry[0]]; },
      enumerable: true, configurable: true,
    });
  });
  return exports;
})
