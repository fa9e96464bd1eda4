// Web Crypto as Node 20 provides it (`crypto.webcrypto`, `crypto.subtle`, the global `crypto`): digest, importKey
// (raw, jwk, spki, pkcs8), exportKey, generateKey, sign/verify for HMAC, RSASSA-PKCS1-v1_5, RSA-PSS and ECDSA,
// deriveBits for PBKDF2 and HKDF, getRandomValues, randomUUID. A CryptoKey wraps a KeyObject (the same canonical bytes);
// every method returns a promise, rejected with Node's DOMException or TypeError. Evaluated to an init function that
// crypto.js calls with its binding.
(function (require) {
  'use strict';
  return function init(binding, shared) {
    var errors = shared.errors;
    var keys = shared.keys();
    var DOMException = require('internal/dom_exception').DOMException;
    var cryptoKeys = new WeakMap();
    var HASHES = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
    var ALGORITHMS = ['HMAC', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'ECDSA', 'PBKDF2', 'HKDF'];
    var CURVES = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };
    var CURVE_SIZES = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

    function dom(message, name) {
      return new DOMException(message, name);
    }

    function illegal() {
      return errors.make(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
    }

    var constructing = false;

    class CryptoKey {
      constructor() {
        if (!constructing) throw illegal();
      }

      get type() { return cryptoKeys.get(this).keyObject.type; }
      get extractable() { return cryptoKeys.get(this).extractable; }
      get algorithm() { return cryptoKeys.get(this).algorithm; }
      get usages() { return cryptoKeys.get(this).usages.slice(); }
    }
    Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: 'CryptoKey', configurable: true });

    function newCryptoKey(keyObject, algorithm, extractable, usages) {
      constructing = true;
      var key;
      try {
        key = new CryptoKey();
      } finally {
        constructing = false;
      }
      cryptoKeys.set(key, { keyObject: keyObject, algorithm: algorithm, extractable: extractable, usages: usages });
      return key;
    }

    function isCryptoKey(value) {
      return value !== null && typeof value === 'object' && cryptoKeys.has(value);
    }

    function missing(dictionary, member) {
      return errors.make(TypeError, 'ERR_MISSING_OPTION', "Failed to normalize algorithm: passed algorithm can not be converted to '" +
        dictionary + "' because '" + member + "' is required in '" + dictionary + "'.");
    }

    function algorithmName(algorithm) {
      var name = typeof algorithm === 'string' ? algorithm : algorithm !== null && typeof algorithm === 'object' ? algorithm.name : undefined;
      if (typeof name !== 'string') {
        throw errors.make(TypeError, 'ERR_MISSING_OPTION', "Failed to normalize algorithm: 'name' is required in 'Algorithm'.");
      }
      var upper = name.toUpperCase();
      for (var i = 0; i < ALGORITHMS.length; i++) if (ALGORITHMS[i].toUpperCase() === upper) return ALGORITHMS[i];
      for (var h in HASHES) if (h === upper) return h;
      throw dom('Unrecognized algorithm name', 'NotSupportedError');
    }

    function hashOf(hash, dictionary) {
      if (hash === undefined) throw missing(dictionary, 'hash');
      var name = algorithmName(hash);
      if (HASHES[name] === undefined) throw dom('Unrecognized algorithm name', 'NotSupportedError');
      return name;
    }

    function bufferSource(data, method, position) {
      if (shared.isBytes(data)) return shared.viewBytes(data).slice();
      throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', "Failed to execute '" + method + "' on 'SubtleCrypto': " + position +
        ' argument is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
    }

    function arrayBuffer(bytes) {
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    }

    function promise(body) {
      return new Promise(function (resolve) { resolve(body()); });
    }

    function checkUsages(usages, allowed, what) {
      if (!Array.isArray(usages)) throw errors.invalidArgType('keyUsages', 'Array', usages);
      for (var i = 0; i < usages.length; i++) {
        if (allowed.indexOf(usages[i]) < 0) throw dom('Unsupported key usage for ' + what + ' key', 'SyntaxError');
      }
    }

    function nonEmpty(usages, kind, verb) {
      if (usages.length === 0) throw dom('Usages cannot be empty when ' + verb + ' a ' + kind + ' key.', 'SyntaxError');
    }

    function article(name) {
      // Node's wording: "an HMAC", "an RSA-PSS", but "a ECDSA".
      return (name === 'HMAC' || name.indexOf('RSA') === 0 ? 'an ' : 'a ') + name;
    }

    // The usages a key of this type may have, for the algorithm.
    function allowedUsages(name, type) {
      if (name === 'PBKDF2' || name === 'HKDF') return ['deriveKey', 'deriveBits'];
      if (name === 'HMAC') return ['sign', 'verify'];
      return type === 'public' ? ['verify'] : ['sign'];
    }

    function digest(algorithm, data) {
      return promise(function () {
        var name = hashOf(algorithm, 'Algorithm');
        var bytes = bufferSource(data, 'digest', '2nd');
        return arrayBuffer(require('crypto').createHash(HASHES[name]).update(bytes).digest());
      });
    }

    function rsaAlgorithm(name, s, hash) {
      var exponent = BigInt(s.publicExponent);
      var bytes = [];
      while (exponent > 0n) {
        bytes.unshift(Number(exponent & 255n));
        exponent >>= 8n;
      }
      return { name: name, modulusLength: s.modulusLength, publicExponent: new Uint8Array(bytes), hash: { name: hash } };
    }

    function asymmetricAlgorithm(name, algorithm, keyObject) {
      var s = keys.stateOf(keyObject);
      if (name === 'ECDSA') {
        var curve = algorithm.namedCurve;
        if (typeof curve !== 'string') throw missing('EcKeyImportParams', 'namedCurve');
        if (CURVES[curve] === undefined) throw dom('Unrecognized namedCurve', 'NotSupportedError');
        if (s.asymmetricKeyType !== 'ec') throw dom('Invalid key type', 'DataError');
        if (CURVES[curve] !== s.namedCurve) throw dom('Named curve mismatch', 'DataError');
        return { name: name, namedCurve: curve };
      }
      var hash = hashOf(algorithm.hash, 'RsaHashedImportParams');
      if (s.asymmetricKeyType !== 'rsa') throw dom('Invalid key type', 'DataError');
      return rsaAlgorithm(name, s, hash);
    }

    function importKey(format, keyData, algorithm, extractable, keyUsages) {
      return promise(function () {
        var name = algorithmName(algorithm);
        if (HASHES[name] !== undefined) throw dom('Unrecognized algorithm name', 'NotSupportedError');
        var usages = Array.isArray(keyUsages) ? keyUsages.slice() : keyUsages;
        extractable = !!extractable;
        var keyObject, keyAlgorithm;
        if (name === 'HMAC' || name === 'PBKDF2' || name === 'HKDF') {
          checkUsages(usages, allowedUsages(name), article(name));
          var bytes;
          if (format === 'raw') {
            bytes = bufferSource(keyData, 'importKey', '2nd');
          } else if (format === 'jwk' && name === 'HMAC') {
            if (keyData === null || typeof keyData !== 'object') throw errors.invalidArgType('keyData', 'object', keyData);
            if (keyData.kty !== 'oct') throw dom('Invalid JWK "kty" Parameter', 'DataError');
            if (typeof keyData.k !== 'string') throw dom('Invalid JWK secret key format', 'DataError');
            bytes = binding.encode(keyData.k, 'base64url');
          } else {
            throw dom('Unable to import ' + name + ' key with format ' + format, 'NotSupportedError');
          }
          if (name === 'HMAC') {
            var hash = hashOf(algorithm.hash, 'HmacImportParams');
            if (usages.length === 0) throw dom('Usages cannot be empty when importing a secret key.', 'SyntaxError');
            if (bytes.length === 0) throw dom('Zero-length key is not supported', 'DataError');
            keyAlgorithm = { name: name, hash: { name: hash }, length: bytes.length * 8 };
          } else {
            if (extractable) throw dom(name + ' keys are not extractable', 'SyntaxError');
            keyAlgorithm = { name: name };
          }
          keyObject = keys.newKey({ type: 'secret', bytes: bytes });
          return newCryptoKey(keyObject, keyAlgorithm, extractable, usages);
        }
        if (format === 'spki' || format === 'pkcs8') {
          var der = bufferSource(keyData, 'importKey', '2nd');
          try {
            keyObject = keys.fromHost(binding.keyImport(format === 'spki' ? 'public' : 'private', 'der', der, format));
          } catch (e) {
            if (e && e.code === 'ERR_HOOKS_CRYPTO_UNSUPPORTED') throw e;
            throw dom('Invalid keyData', 'DataError');
          }
        } else if (format === 'jwk') {
          if (keyData === null || typeof keyData !== 'object') throw errors.invalidArgType('keyData', 'object', keyData);
          var expected = name === 'ECDSA' ? 'EC' : 'RSA';
          if (keyData.kty !== expected) throw dom('Invalid JWK "kty" Parameter', 'DataError');
          var isPrivate = keyData.d !== undefined;
          try {
            keyObject = keys.fromHost(binding.keyImport(isPrivate ? 'private' : 'public', 'jwk', keys.validateJwk(keyData, isPrivate)));
          } catch (e) {
            throw dom('Invalid keyData', 'DataError');
          }
        } else if (format === 'raw' && name === 'ECDSA') {
          var point = bufferSource(keyData, 'importKey', '2nd');
          var size = CURVE_SIZES[algorithm.namedCurve];
          if (size === undefined) throw dom('Unrecognized namedCurve', 'NotSupportedError');
          if (point.length !== 1 + 2 * size || point[0] !== 4) throw dom('Invalid keyData', 'DataError');
          keyObject = keys.fromHost(binding.keyImport('public', 'jwk', {
            kty: 'EC', crv: algorithm.namedCurve,
            x: binding.decode(point.subarray(1, 1 + size), 'base64url'), y: binding.decode(point.subarray(1 + size), 'base64url'),
          }));
        } else {
          throw dom('Unable to import ' + name + ' key with format ' + format, 'NotSupportedError');
        }
        keyAlgorithm = asymmetricAlgorithm(name, algorithm, keyObject);
        checkUsages(usages, allowedUsages(name, keyObject.type), article(name));
        if (keyObject.type === 'private') nonEmpty(usages, 'private', 'importing');
        return newCryptoKey(keyObject, keyAlgorithm, extractable, usages);
      });
    }

    var JWK_ALG = {
      HMAC: { 'SHA-1': 'HS1', 'SHA-256': 'HS256', 'SHA-384': 'HS384', 'SHA-512': 'HS512' },
      'RSASSA-PKCS1-v1_5': { 'SHA-1': 'RS1', 'SHA-256': 'RS256', 'SHA-384': 'RS384', 'SHA-512': 'RS512' },
      'RSA-PSS': { 'SHA-1': 'PS1', 'SHA-256': 'PS256', 'SHA-384': 'PS384', 'SHA-512': 'PS512' },
    };

    function exportKey(format, key) {
      return promise(function () {
        if (!isCryptoKey(key)) throw errors.invalidArgType('key', 'CryptoKey', key);
        var k = cryptoKeys.get(key);
        if (!k.extractable) throw dom('key is not extractable', 'InvalidAccessException');
        var s = keys.stateOf(k.keyObject);
        var name = k.algorithm.name;
        if (format === 'jwk') {
          var jwk = { key_ops: k.usages.slice(), ext: k.extractable };
          var body = k.keyObject.export({ format: 'jwk' });
          for (var member in body) jwk[member] = body[member];
          if (JWK_ALG[name]) jwk.alg = JWK_ALG[name][k.algorithm.hash.name];
          return jwk;
        }
        if (format === 'raw') {
          if (s.type === 'secret') return arrayBuffer(s.bytes);
          if (name === 'ECDSA' && s.type === 'public') {
            var ec = k.keyObject.export({ format: 'jwk' });
            var x = binding.encode(ec.x, 'base64url'), y = binding.encode(ec.y, 'base64url');
            var point = new Uint8Array(1 + x.length + y.length);
            point[0] = 4;
            point.set(x, 1);
            point.set(y, 1 + x.length);
            return point.buffer;
          }
          throw dom('Unable to export a raw ' + name + ' ' + s.type + ' key', 'InvalidAccessError');
        }
        if ((format === 'spki' && s.type === 'public') || (format === 'pkcs8' && s.type === 'private')) {
          return arrayBuffer(k.keyObject.export({ format: 'der', type: format }));
        }
        throw dom('Unable to export ' + article(name) + ' ' + s.type + ' key using ' + format + ' format', 'InvalidAccessError');
      });
    }

    function generateKey(algorithm, extractable, keyUsages) {
      return promise(function () {
        var name = algorithmName(algorithm);
        extractable = !!extractable;
        if (name === 'HMAC') {
          var hash = hashOf(algorithm.hash, 'HmacKeyGenParams');
          checkUsages(keyUsages, ['sign', 'verify'], 'an HMAC');
          nonEmpty(keyUsages, 'secret', 'creating');
          var blockBits = hash === 'SHA-384' || hash === 'SHA-512' ? 1024 : 512;
          var length = algorithm.length === undefined ? blockBits : algorithm.length;
          if (typeof length !== 'number' || length <= 0 || length % 8 !== 0) throw dom('Invalid key length', 'OperationError');
          var keyObject = keys.newKey({ type: 'secret', bytes: shared.randomBytes(length / 8) });
          return newCryptoKey(keyObject, { name: name, length: length, hash: { name: hash } }, extractable, keyUsages.slice());
        }
        if (name === 'PBKDF2' || name === 'HKDF') throw dom('Unable to generate ' + name + ' keys', 'NotSupportedError');
        checkUsages(keyUsages, ['sign', 'verify'], article(name));
        var pair;
        if (name === 'ECDSA') {
          if (typeof algorithm.namedCurve !== 'string') throw missing('EcKeyGenParams', 'namedCurve');
          if (CURVES[algorithm.namedCurve] === undefined) throw dom('Unrecognized namedCurve', 'NotSupportedError');
          pair = keys.generateKeyPairSync('ec', { namedCurve: CURVES[algorithm.namedCurve] });
        } else {
          var rsaHash = hashOf(algorithm.hash, 'RsaHashedKeyGenParams');
          if (typeof algorithm.modulusLength !== 'number') throw missing('RsaHashedKeyGenParams', 'modulusLength');
          if (!(algorithm.publicExponent instanceof Uint8Array)) throw missing('RsaHashedKeyGenParams', 'publicExponent');
          var exponent = 0;
          for (var i = 0; i < algorithm.publicExponent.length; i++) exponent = exponent * 256 + algorithm.publicExponent[i];
          pair = keys.generateKeyPairSync('rsa', { modulusLength: algorithm.modulusLength, publicExponent: exponent });
          void rsaHash;
        }
        var publicUsages = keyUsages.filter(function (u) { return u === 'verify'; });
        var privateUsages = keyUsages.filter(function (u) { return u === 'sign'; });
        if (privateUsages.length === 0) throw dom('Usages cannot be empty when creating a key.', 'SyntaxError');
        var keyAlgorithm = asymmetricAlgorithm(name, algorithm, pair.privateKey);
        return {
          publicKey: newCryptoKey(pair.publicKey, keyAlgorithm, true, publicUsages),
          privateKey: newCryptoKey(pair.privateKey, keyAlgorithm, extractable, privateUsages),
        };
      });
    }

    function signatureParams(algorithm, k) {
      var name = algorithmName(algorithm);
      if (name !== k.algorithm.name) return null;
      if (name === 'ECDSA') return { digest: HASHES[hashOf(algorithm.hash, 'EcdsaParams')], padding: undefined, saltLength: undefined, dsaEncoding: 'ieee-p1363' };
      if (name === 'RSA-PSS') {
        if (algorithm.saltLength === undefined) throw missing('RsaPssParams', 'saltLength');
        return { digest: HASHES[k.algorithm.hash.name], padding: 6, saltLength: algorithm.saltLength, dsaEncoding: 'der' };
      }
      return { digest: HASHES[k.algorithm.hash.name], padding: 1, saltLength: undefined, dsaEncoding: 'der' };
    }

    function sign(algorithm, key, data) {
      return promise(function () {
        if (!isCryptoKey(key)) throw errors.invalidArgType('key', 'CryptoKey', key);
        var bytes = bufferSource(data, 'sign', '3rd');
        var k = cryptoKeys.get(key);
        var params = signatureParams(algorithm, k);
        if (params === null || k.usages.indexOf('sign') < 0) throw dom('Unable to use this key to sign', 'InvalidAccessError');
        var s = keys.stateOf(k.keyObject);
        if (k.algorithm.name === 'HMAC') {
          return arrayBuffer(require('crypto').createHmac(HASHES[k.algorithm.hash.name], s.bytes).update(bytes).digest());
        }
        return arrayBuffer(keys.signWith(params.digest, bytes, { state: s, padding: params.padding, saltLength: params.saltLength, dsaEncoding: params.dsaEncoding }));
      });
    }

    function verify(algorithm, key, signature, data) {
      return promise(function () {
        if (!isCryptoKey(key)) throw errors.invalidArgType('key', 'CryptoKey', key);
        var sig = bufferSource(signature, 'verify', '3rd');
        var bytes = bufferSource(data, 'verify', '4th');
        var k = cryptoKeys.get(key);
        var params = signatureParams(algorithm, k);
        if (params === null || k.usages.indexOf('verify') < 0) throw dom('Unable to use this key to verify', 'InvalidAccessError');
        var s = keys.stateOf(k.keyObject);
        if (k.algorithm.name === 'HMAC') {
          var mac = require('crypto').createHmac(HASHES[k.algorithm.hash.name], s.bytes).update(bytes).digest();
          return mac.length === sig.length && binding.timingSafeEqual(mac, sig);
        }
        return keys.verifyWith(params.digest, bytes, { state: s, padding: params.padding, saltLength: params.saltLength, dsaEncoding: params.dsaEncoding }, sig);
      });
    }

    function deriveBits(algorithm, baseKey, length) {
      return promise(function () {
        if (!isCryptoKey(baseKey)) throw errors.invalidArgType('baseKey', 'CryptoKey', baseKey);
        var name = algorithmName(algorithm);
        var k = cryptoKeys.get(baseKey);
        if (name !== k.algorithm.name || k.usages.indexOf('deriveBits') < 0) throw dom('Unable to use this key to deriveBits', 'InvalidAccessError');
        if (typeof length !== 'number' || length % 8 !== 0) throw dom('length must be a multiple of 8', 'OperationError');
        var secret = keys.stateOf(k.keyObject).bytes;
        var crypto = require('crypto');
        if (name === 'PBKDF2') {
          var hash = hashOf(algorithm.hash, 'Pbkdf2Params');
          if (algorithm.salt === undefined) throw missing('Pbkdf2Params', 'salt');
          if (algorithm.iterations === undefined) throw missing('Pbkdf2Params', 'iterations');
          if (algorithm.iterations === 0) throw dom('iterations cannot be zero', 'OperationError');
          return arrayBuffer(crypto.pbkdf2Sync(secret, bufferSource(algorithm.salt, 'deriveBits', 'salt'), algorithm.iterations, length / 8, HASHES[hash]));
        }
        if (name === 'HKDF') {
          var hkdfHash = hashOf(algorithm.hash, 'HkdfParams');
          if (algorithm.salt === undefined) throw missing('HkdfParams', 'salt');
          if (algorithm.info === undefined) throw missing('HkdfParams', 'info');
          return crypto.hkdfSync(HASHES[hkdfHash], secret, bufferSource(algorithm.salt, 'deriveBits', 'salt'), bufferSource(algorithm.info, 'deriveBits', 'info'), length / 8);
        }
        throw dom('Unable to use this key to deriveBits', 'InvalidAccessError');
      });
    }

    class SubtleCrypto {
      constructor() {
        if (!constructing) throw illegal();
      }
    }
    var methods = { digest: digest, importKey: importKey, exportKey: exportKey, generateKey: generateKey, sign: sign, verify: verify, deriveBits: deriveBits };
    Object.keys(methods).forEach(function (name) {
      Object.defineProperty(SubtleCrypto.prototype, name, {
        value: function () {
          if (this !== subtle) return Promise.reject(illegal());
          return methods[name].apply(undefined, arguments);
        },
        writable: true, configurable: true,
      });
    });
    Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: 'SubtleCrypto', configurable: true });

    class Crypto {
      constructor() {
        if (!constructing) throw illegal();
      }

      get subtle() { return subtle; }

      getRandomValues(array) { return shared.getRandomValues(array); }

      randomUUID() { return require('crypto').randomUUID(); }
    }
    Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });

    constructing = true;
    var subtle, webcrypto;
    try {
      subtle = new SubtleCrypto();
      webcrypto = new Crypto();
    } finally {
      constructing = false;
    }

    return {
      webcrypto: webcrypto,
      subtle: subtle,
      Crypto: Crypto,
      CryptoKey: CryptoKey,
      SubtleCrypto: SubtleCrypto,
      isCryptoKey: isCryptoKey,
      keyObjectOf: function (key) { return cryptoKeys.get(key).keyObject; },
    };
  };
})
