// Web Crypto as Node 20 provides it (`crypto.webcrypto`, `crypto.subtle`, the global `crypto`): digest, importKey
// (raw, jwk, spki, pkcs8), exportKey, generateKey, sign/verify for HMAC, RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA and Ed25519,
// encrypt/decrypt and wrapKey/unwrapKey for AES-GCM, AES-CBC, AES-CTR, AES-KW (wrapping only) and RSA-OAEP,
// deriveBits/deriveKey for PBKDF2, HKDF, ECDH and X25519, getRandomValues, randomUUID. A CryptoKey wraps a KeyObject (the same canonical bytes);
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
    var ALGORITHMS = ['HMAC', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP', 'ECDSA', 'ECDH', 'AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW',
      'PBKDF2', 'HKDF', 'Ed25519', 'X25519'];
    // The AES algorithms: Web Crypto name -> the suffix of their JWK "alg" (A128GCM...).
    var AES = { 'AES-GCM': 'GCM', 'AES-CBC': 'CBC', 'AES-CTR': 'CTR', 'AES-KW': 'KW' };
    var GCM_TAG_LENGTHS = [32, 64, 96, 104, 112, 120, 128];
    // The OKP algorithms (keys are NodeCryptoOkp's): Web Crypto name -> KeyObject asymmetricKeyType.
    var OKP = { Ed25519: 'ed25519', X25519: 'x25519' };
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
      if (name === 'X25519') return type === 'public' ? [] : ['deriveKey', 'deriveBits'];
      if (name === 'HMAC') return ['sign', 'verify'];
      if (name === 'ECDH') return type === 'public' ? [] : ['deriveKey', 'deriveBits'];
      if (name === 'RSA-OAEP') return type === 'public' ? ['encrypt', 'wrapKey'] : ['decrypt', 'unwrapKey'];
      if (AES[name] !== undefined) return name === 'AES-KW' ? ['wrapKey', 'unwrapKey'] : ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'];
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
      if (name === 'ECDSA' || name === 'ECDH') {
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
        if (OKP[name] !== undefined) return importOkp(name, format, keyData, extractable, usages);
        if (AES[name] !== undefined) return importAes(name, format, keyData, extractable, usages);
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
          var expected = name === 'ECDSA' || name === 'ECDH' ? 'EC' : 'RSA';
          if (keyData.kty !== expected) throw dom('Invalid JWK "kty" Parameter', 'DataError');
          var isPrivate = keyData.d !== undefined;
          try {
            keyObject = keys.fromHost(binding.keyImport(isPrivate ? 'private' : 'public', 'jwk', keys.validateJwk(keyData, isPrivate)));
          } catch (e) {
            throw dom('Invalid keyData', 'DataError');
          }
        } else if (format === 'raw' && (name === 'ECDSA' || name === 'ECDH')) {
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

    // The usages named in order (Node's getUsagesUnion).
    function usagesUnion(usages, names) {
      return names.filter(function (n) { return usages.indexOf(n) >= 0; });
    }

    function base64urlMember(value) {
      if (typeof value !== 'string') throw dom('Invalid keyData', 'DataError');
      var bytes = binding.encode(value, 'base64url');
      if (bytes.length !== 32) throw dom('Invalid keyData', 'DataError');
      return bytes;
    }

    // importKey for Ed25519 and X25519: raw (public, 32 bytes), spki, pkcs8 and jwk (kty OKP), with Node's checks.
    function importOkp(name, format, keyData, extractable, usages) {
      var keyObject;
      if (format === 'raw') {
        checkUsages(usages, allowedUsages(name, 'public'), 'a ' + name);
        var raw = bufferSource(keyData, 'importKey', '2nd');
        if (raw.length !== 32) throw dom(name + ' raw keys must be exactly 32-bytes', 'DataError');
        keyObject = keys.fromHost(binding.okpFromJwk(name, raw, undefined));
      } else if (format === 'spki' || format === 'pkcs8') {
        var der = bufferSource(keyData, 'importKey', '2nd');
        try {
          keyObject = keys.fromHost(binding.keyImport(format === 'spki' ? 'public' : 'private', 'der', der, format));
        } catch (e) {
          throw dom('Invalid keyData', 'DataError');
        }
        if (keys.stateOf(keyObject).asymmetricKeyType !== OKP[name]) throw dom('Invalid key type', 'DataError');
      } else if (format === 'jwk') {
        if (keyData === null || typeof keyData !== 'object') throw errors.invalidArgType('keyData', 'object', keyData);
        if (keyData.kty !== 'OKP') throw dom('Invalid JWK "kty" Parameter', 'DataError');
        if (keyData.crv !== name) throw dom('JWK "crv" Parameter and algorithm name mismatch', 'DataError');
        var isPrivate = keyData.d !== undefined;
        checkUsages(usages, allowedUsages(name, isPrivate ? 'private' : 'public'), 'a ' + name);
        if (usages.length > 0 && keyData.use !== undefined && keyData.use !== (name === 'Ed25519' ? 'sig' : 'enc')) {
          throw dom('Invalid JWK "use" Parameter', 'DataError');
        }
        if (keyData.key_ops !== undefined) {
          if (!Array.isArray(keyData.key_ops)) throw errors.invalidArgType('keyData.key_ops', 'Array', keyData.key_ops);
          for (var i = 0; i < usages.length; i++) {
            if (keyData.key_ops.indexOf(usages[i]) < 0) throw dom('Key operations and usage mismatch', 'DataError');
          }
        }
        if (keyData.ext === false && extractable) throw dom('JWK "ext" Parameter and extractable mismatch', 'DataError');
        if (keyData.alg !== undefined && name === 'Ed25519' && keyData.alg !== 'EdDSA' && keyData.alg !== 'Ed25519') {
          throw dom('JWK "alg" does not match the requested algorithm', 'DataError');
        }
        var x = base64urlMember(keyData.x);
        keyObject = keys.fromHost(binding.okpFromJwk(name, x, isPrivate ? base64urlMember(keyData.d) : undefined));
        // The public key must be the private key's.
        if (isPrivate && keyObject.export({ format: 'jwk' }).x !== binding.decode(x, 'base64url')) throw dom('Invalid keyData', 'DataError');
      } else {
        throw dom('Unable to import ' + name + ' key with format ' + format, 'NotSupportedError');
      }
      checkUsages(usages, allowedUsages(name, keyObject.type), 'a ' + name);
      if (keyObject.type === 'private') nonEmpty(usages, 'private', 'importing');
      return newCryptoKey(keyObject, { name: name }, extractable, usages);
    }

    // exportKey for Ed25519 and X25519 (Node's messages, including its wording for spki of a private key).
    function exportOkp(format, k, s) {
      var name = k.algorithm.name;
      if (format === 'jwk') {
        var jwk = { key_ops: k.usages.slice(), ext: k.extractable };
        var body = k.keyObject.export({ format: 'jwk' });
        for (var member in body) jwk[member] = body[member];
        if (name === 'Ed25519') jwk.alg = 'Ed25519';
        return jwk;
      }
      if (format === 'spki' || format === 'raw') {
        if (s.type !== 'public') throw dom('Unable to export a raw ' + name + ' private key', 'InvalidAccessError');
        var spki = k.keyObject.export({ format: 'der', type: 'spki' });
        return format === 'raw' ? arrayBuffer(spki.subarray(spki.length - 32)) : arrayBuffer(spki);
      }
      if (format === 'pkcs8') {
        if (s.type !== 'private') throw dom('Unable to export a pkcs8 ' + name + ' public key', 'InvalidAccessError');
        return arrayBuffer(k.keyObject.export({ format: 'der', type: 'pkcs8' }));
      }
      throw dom('Unable to export a ' + format + ' ' + name + ' ' + s.type + ' key', 'NotSupportedError');
    }

    var JWK_ALG = {
      HMAC: { 'SHA-1': 'HS1', 'SHA-256': 'HS256', 'SHA-384': 'HS384', 'SHA-512': 'HS512' },
      'RSASSA-PKCS1-v1_5': { 'SHA-1': 'RS1', 'SHA-256': 'RS256', 'SHA-384': 'RS384', 'SHA-512': 'RS512' },
      'RSA-PSS': { 'SHA-1': 'PS1', 'SHA-256': 'PS256', 'SHA-384': 'PS384', 'SHA-512': 'PS512' },
      'RSA-OAEP': { 'SHA-1': 'RSA-OAEP', 'SHA-256': 'RSA-OAEP-256', 'SHA-384': 'RSA-OAEP-384', 'SHA-512': 'RSA-OAEP-512' },
    };

    function exportKey(format, key) {
      return promise(function () {
        if (!isCryptoKey(key)) throw errors.invalidArgType('key', 'CryptoKey', key);
        var k = cryptoKeys.get(key);
        if (!k.extractable) throw dom('key is not extractable', 'InvalidAccessException');
        var s = keys.stateOf(k.keyObject);
        var name = k.algorithm.name;
        if (OKP[name] !== undefined) return exportOkp(format, k, s);
        if (format === 'jwk') {
          var jwk = { key_ops: k.usages.slice(), ext: k.extractable };
          var body = k.keyObject.export({ format: 'jwk' });
          for (var member in body) jwk[member] = body[member];
          if (JWK_ALG[name]) jwk.alg = JWK_ALG[name][k.algorithm.hash.name];
          if (AES[name] !== undefined) jwk.alg = 'A' + k.algorithm.length + AES[name];
          return jwk;
        }
        if (format === 'raw') {
          if (s.type === 'secret') return arrayBuffer(s.bytes);
          if ((name === 'ECDSA' || name === 'ECDH') && s.type === 'public') {
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
        if (OKP[name] !== undefined) {
          var signing = name === 'Ed25519';
          checkUsages(keyUsages, signing ? ['sign', 'verify'] : ['deriveKey', 'deriveBits'], 'an ' + name);
          var okpPrivateUsages = usagesUnion(keyUsages, signing ? ['sign'] : ['deriveKey', 'deriveBits']);
          var okpPublicUsages = signing ? usagesUnion(keyUsages, ['verify']) : [];
          if (okpPrivateUsages.length === 0) throw dom('Usages cannot be empty when creating a key.', 'SyntaxError');
          var okpPair = keys.generateKeyPairSync(OKP[name]);
          var okpAlgorithm = { name: name };
          return {
            publicKey: newCryptoKey(okpPair.publicKey, okpAlgorithm, true, okpPublicUsages),
            privateKey: newCryptoKey(okpPair.privateKey, okpAlgorithm, extractable, okpPrivateUsages),
          };
        }
        if (AES[name] !== undefined) return generateAes(name, algorithm, extractable, keyUsages);
        var deriving = name === 'ECDH', encrypting = name === 'RSA-OAEP';
        checkUsages(keyUsages, deriving ? ['deriveKey', 'deriveBits'] : encrypting ? ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'] : ['sign', 'verify'],
          deriving ? 'an ECDH' : article(name));
        var pair;
        if (name === 'ECDSA' || name === 'ECDH') {
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
        var publicUsages = usagesUnion(keyUsages, deriving ? [] : encrypting ? ['encrypt', 'wrapKey'] : ['verify']);
        var privateUsages = usagesUnion(keyUsages, deriving ? ['deriveKey', 'deriveBits'] : encrypting ? ['decrypt', 'unwrapKey'] : ['sign']);
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
      if (name === 'X25519') throw dom('Unrecognized algorithm name', 'NotSupportedError');
      if (name !== k.algorithm.name) return null;
      if (name === 'Ed25519') return { okp: true };
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
        if (params.okp) return arrayBuffer(binding.okpSign(s.bytes, 'ed25519', bytes));
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
        if (params.okp) return sig.length === 64 && binding.okpVerify(s.bytes, s.type === 'private', 'ed25519', bytes, sig);
        return keys.verifyWith(params.digest, bytes, { state: s, padding: params.padding, saltLength: params.saltLength, dsaEncoding: params.dsaEncoding }, sig);
      });
    }

    function deriveBits(algorithm, baseKey, length) {
      return promise(function () {
        if (!isCryptoKey(baseKey)) throw errors.invalidArgType('baseKey', 'CryptoKey', baseKey);
        return deriveBitsNow(algorithm, baseKey, length, 'deriveBits');
      });
    }

    // ECDH and X25519 (Node's ecdhDeriveBits): the shared secret, cut to length bits (the last byte masked), null for
    // all of it.
    function deriveAgreement(name, algorithm, k, length, usage) {
      var pub = algorithm.public;
      if (pub === undefined) throw missing('EcdhKeyDeriveParams', 'public');
      if (!isCryptoKey(pub)) {
        throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', "Failed to normalize algorithm: 'public' of 'EcdhKeyDeriveParams' (passed algorithm) is not of type CryptoKey.");
      }
      if (k.usages.indexOf(usage) < 0) throw dom('baseKey does not have ' + usage + ' usage', 'InvalidAccessError');
      if (k.algorithm.name !== name) throw dom('Key algorithm mismatch', 'InvalidAccessError');
      var p = cryptoKeys.get(pub);
      if (k.keyObject.type !== 'private') throw dom('baseKey must be a private key', 'InvalidAccessError');
      if (p.keyObject.type !== 'public') throw dom('algorithm.public must be a public key', 'InvalidAccessError');
      if (['ECDH', 'X25519', 'X448'].indexOf(p.algorithm.name) < 0) throw dom('Keys must be ECDH, X25519, or X448 keys', 'InvalidAccessError');
      if (p.algorithm.name !== name) throw dom('The public and private keys must be of the same type', 'InvalidAccessError');
      if (name === 'ECDH' && p.algorithm.namedCurve !== k.algorithm.namedCurve) throw dom('Named curve mismatch', 'InvalidAccessError');
      if (!materialFits(name, k) || !materialFits(name, p)) throw dom('Keys must be ECDH, X25519, or X448 keys', 'InvalidAccessError');
      var own = keys.stateOf(k.keyObject).bytes, other = keys.stateOf(p.keyObject).bytes;
      var secret = name === 'ECDH' ? binding.ecdhAgree(own, other) : binding.okpAgree(own, other, 'x25519');
      if (length === undefined || length === null) return arrayBuffer(secret);
      if (typeof length !== 'number') throw errors.invalidArgType('length', 'number', length);
      if (length > secret.length * 8) throw dom('derived bit length is too small', 'OperationError');
      var bits = secret.slice(0, Math.ceil(length / 8));
      if (length % 8 !== 0) bits[bits.length - 1] &= (0xff << (8 - (length % 8))) & 0xff;
      return arrayBuffer(bits);
    }

    function deriveBitsNow(algorithm, baseKey, length, usage) {
      var name = algorithmName(algorithm);
      var k = cryptoKeys.get(baseKey);
      if (name === 'X25519' || name === 'ECDH') return deriveAgreement(name, algorithm, k, length, usage);
      if (OKP[name] !== undefined) throw dom('Unrecognized algorithm name', 'NotSupportedError');
      if (usage === 'deriveKey' && k.usages.indexOf('deriveKey') < 0) throw dom('baseKey does not have deriveKey usage', 'InvalidAccessError');
      if (usage === 'deriveKey') k = { algorithm: k.algorithm, keyObject: k.keyObject, usages: ['deriveBits'] };
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
    }

    // The key length deriveKey asks for (Node's getKeyLength): AES's length, HMAC's length or its hash's block size,
    // none (null) for HKDF and PBKDF2 keys.
    function derivedLength(algorithm) {
      var name = typeof algorithm === 'string' ? algorithm.toUpperCase() : algorithm && typeof algorithm.name === 'string' ? algorithm.name.toUpperCase() : undefined;
      if (name === 'HMAC') {
        if (algorithm.length !== undefined) return algorithm.length;
        var hash = hashOf(algorithm.hash, 'HmacImportParams');
        return hash === 'SHA-384' || hash === 'SHA-512' ? 1024 : 512;
      }
      if (name === 'AES-CBC' || name === 'AES-CTR' || name === 'AES-GCM' || name === 'AES-KW') return algorithm.length;
      return null;
    }

    // deriveKey: deriveBits of the derived key's length, imported as a raw key of derivedKeyAlgorithm.
    function deriveKey(algorithm, baseKey, derivedKeyAlgorithm, extractable, keyUsages) {
      return promise(function () {
        if (!isCryptoKey(baseKey)) throw errors.invalidArgType('baseKey', 'CryptoKey', baseKey);
        var length = derivedLength(derivedKeyAlgorithm);
        var bits = deriveBitsNow(algorithm, baseKey, length, 'deriveKey');
        return importKey('raw', bits, derivedKeyAlgorithm, extractable, keyUsages);
      });
    }

    function validAesLength(bits) {
      if (bits !== 128 && bits !== 192 && bits !== 256) throw dom('Invalid key length', 'DataError');
    }

    // importKey for the AES algorithms (Node's aesImportKey): raw or jwk (kty oct, use, key_ops, ext and alg checked).
    function importAes(name, format, keyData, extractable, usages) {
      checkUsages(usages, allowedUsages(name), 'an AES');
      var bytes;
      if (format === 'raw') {
        bytes = bufferSource(keyData, 'importKey', '2nd');
        validAesLength(bytes.length * 8);
      } else if (format === 'jwk') {
        if (keyData === null || typeof keyData !== 'object') throw errors.invalidArgType('keyData', 'object', keyData);
        if (!keyData.kty) throw dom('Invalid keyData', 'DataError');
        if (keyData.kty !== 'oct') throw dom('Invalid JWK "kty" Parameter', 'DataError');
        if (usages.length > 0 && keyData.use !== undefined && keyData.use !== 'enc') throw dom('Invalid JWK "use" Parameter', 'DataError');
        if (keyData.key_ops !== undefined) {
          if (!Array.isArray(keyData.key_ops)) throw errors.invalidArgType('keyData.key_ops', 'Array', keyData.key_ops);
          for (var i = 0; i < usages.length; i++) {
            if (keyData.key_ops.indexOf(usages[i]) < 0) throw dom('Key operations and usage mismatch', 'DataError');
          }
        }
        if (keyData.ext === false && extractable) throw dom('JWK "ext" Parameter and extractable mismatch', 'DataError');
        if (typeof keyData.k !== 'string') throw dom('Invalid keyData', 'DataError');
        bytes = binding.encode(keyData.k, 'base64url');
        validAesLength(bytes.length * 8);
        if (keyData.alg !== undefined && keyData.alg !== 'A' + bytes.length * 8 + AES[name]) {
          throw dom('JWK "alg" does not match the requested algorithm', 'DataError');
        }
      } else {
        throw dom('Unable to import AES key with format ' + format, 'NotSupportedError');
      }
      if (usages.length === 0) throw dom('Usages cannot be empty when importing a secret key.', 'SyntaxError');
      return newCryptoKey(keys.newKey({ type: 'secret', bytes: bytes }), { name: name, length: bytes.length * 8 }, extractable, usages);
    }

    function generateAes(name, algorithm, extractable, keyUsages) {
      if (algorithm.length === undefined) throw missing('AesKeyGenParams', 'length');
      var length = algorithm.length;
      if (length !== 128 && length !== 192 && length !== 256) throw dom('AES key length must be 128, 192, or 256 bits', 'OperationError');
      checkUsages(keyUsages, allowedUsages(name), 'an AES');
      var usages = keyUsages.filter(function (u, i) { return keyUsages.indexOf(u) === i; });
      if (usages.length === 0) throw dom('Usages cannot be empty when creating a key.', 'SyntaxError');
      return newCryptoKey(keys.newKey({ type: 'secret', bytes: shared.randomBytes(length / 8) }), { name: name, length: length }, extractable, usages);
    }

    function failed() {
      return dom('The operation failed for an operation-specific reason', 'OperationError');
    }

    function concatBytes(parts) {
      var total = 0;
      parts.forEach(function (p) { total += p.length; });
      var out = new Uint8Array(total), at = 0;
      parts.forEach(function (p) { out.set(p, at); at += p.length; });
      return out;
    }

    // The parameters encrypt/decrypt need, normalized as Node's WebIDL converters do (members in lexicographic order,
    // each converted when present or refused when required and absent): BufferSource members copied as bytes, octet
    // members ([EnforceRange]) truncated and range-checked. AES-KW only wraps.
    var CIPHER_PARAMS = {
      'AES-GCM': ['AesGcmParams', [['additionalData', 'bytes'], ['iv', 'bytes', true], ['tagLength', 'octet']]],
      'AES-CBC': ['AesCbcParams', [['iv', 'bytes', true]]],
      'AES-CTR': ['AesCtrParams', [['counter', 'bytes', true], ['length', 'octet', true]]],
      'RSA-OAEP': ['RsaOaepParams', [['label', 'bytes']]],
      'AES-KW': ['Algorithm', []],
    };

    function cipherParams(algorithm, op) {
      var name = algorithmName(algorithm);
      var wrapping = op === 'wrapKey' || op === 'unwrapKey';
      var spec = CIPHER_PARAMS[name];
      if (spec === undefined || (name === 'AES-KW' && !wrapping)) throw dom('Unrecognized algorithm name', 'NotSupportedError');
      var source = typeof algorithm === 'string' ? {} : algorithm;
      var params = { name: name };
      spec[1].forEach(function (member) {
        var value = source[member[0]];
        var what = "Failed to normalize algorithm: '" + member[0] + "' of '" + spec[0] + "' (passed algorithm)";
        if (value === undefined) {
          if (member[2]) throw missing(spec[0], member[0]);
          return;
        }
        if (member[1] === 'bytes') {
          if (!shared.isBytes(value)) throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', what + ' is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
          params[member[0]] = shared.viewBytes(value).slice();
          return;
        }
        var number = Number(value);
        if (!isFinite(number)) throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', what + ' is not a finite number.');
        number = Math.trunc(number);
        if (number < 0 || number > 255) throw errors.make(TypeError, 'ERR_OUT_OF_RANGE', what + ' is outside the expected range of 0 to 255.');
        params[member[0]] = number + 0;
      });
      return params;
    }

    function aesName(k, mode) {
      return 'aes-' + k.algorithm.length + '-' + mode;
    }

    // AES-CTR with a counter whose low `length` bits count the blocks (and wrap, never repeating): one run, or two
    // where the count wraps.
    function aesCtr(k, secret, data, counter, length) {
      var crypto = require('crypto');
      var blocks = BigInt(Math.ceil(data.length / 16));
      var value = BigInt('0x' + binding.decode(counter, 'hex'));
      var span = 1n << BigInt(length);
      if (blocks > span) throw failed();
      var low = value & (span - 1n);
      var first = blocks <= span - low ? data.length : Number(span - low) * 16;
      var parts = [crypto.createCipheriv(aesName(k, 'ctr'), secret, counter).update(data.subarray(0, first))];
      if (first < data.length) {
        var wrapped = binding.encode((value - low).toString(16).padStart(32, '0'), 'hex');
        parts.push(crypto.createCipheriv(aesName(k, 'ctr'), secret, wrapped).update(data.subarray(first)));
      }
      return concatBytes(parts);
    }

    // RFC 3394 key wrap (AES-KW): the cipher part's, with the default integrity value.
    var KW_IV = new Uint8Array(8).fill(0xa6);
    function aesKw(secret, data, decrypt) {
      var out = shared.cipher().keyWrap(secret, KW_IV, data, decrypt, false);
      if (out === null) throw failed();
      return out;
    }

    function aesCipher(decrypt, params, k, data) {
      var secret = keys.stateOf(k.keyObject).bytes;
      var crypto = require('crypto');
      var cipher;
      if (params.name === 'AES-KW') return aesKw(secret, data, decrypt);
      if (params.name === 'AES-CTR') {
        var counter = params.counter;
        if (counter.length !== 16) throw dom('algorithm.counter must contain exactly 16 bytes', 'OperationError');
        if (params.length === 0 || params.length > 128) throw dom('AES-CTR algorithm.length must be between 1 and 128', 'OperationError');
        return aesCtr(k, secret, data, counter, params.length);
      }
      if (params.name === 'AES-CBC') {
        var iv = params.iv;
        if (iv.length !== 16) throw dom('algorithm.iv must contain exactly 16 bytes', 'OperationError');
        try {
          cipher = decrypt ? crypto.createDecipheriv(aesName(k, 'cbc'), secret, iv) : crypto.createCipheriv(aesName(k, 'cbc'), secret, iv);
          return concatBytes([cipher.update(data), cipher.final()]);
        } catch (e) {
          throw failed();
        }
      }
      var tagLength = params.tagLength === undefined ? 128 : params.tagLength;
      if (GCM_TAG_LENGTHS.indexOf(tagLength) < 0) throw dom(tagLength + ' is not a valid AES-GCM tag length', 'OperationError');
      var gcmIv = params.iv;
      var aad = params.additionalData;
      var tagBytes = tagLength / 8;
      if (decrypt && data.length < tagBytes) throw dom('The provided data is too small.', 'OperationError');
      if (gcmIv.length < 12 || gcmIv.length > 128) throw failed();
      try {
        var options = { authTagLength: tagBytes };
        if (!decrypt) {
          cipher = crypto.createCipheriv(aesName(k, 'gcm'), secret, gcmIv, options);
          if (aad !== undefined) cipher.setAAD(aad);
          var sealed = concatBytes([cipher.update(data), cipher.final()]);
          return concatBytes([sealed, cipher.getAuthTag()]);
        }
        cipher = crypto.createDecipheriv(aesName(k, 'gcm'), secret, gcmIv, options);
        cipher.setAuthTag(data.subarray(data.length - tagBytes));
        if (aad !== undefined) cipher.setAAD(aad);
        return concatBytes([cipher.update(data.subarray(0, data.length - tagBytes)), cipher.final()]);
      } catch (e) {
        throw failed();
      }
    }

    function rsaOaepCipher(decrypt, params, k, data) {
      if (k.keyObject.type !== (decrypt ? 'private' : 'public')) throw dom('The requested operation is not valid for the provided key', 'InvalidAccessError');
      var label = params.label;
      var s = keys.stateOf(k.keyObject);
      try {
        return binding.rsaCipher(decrypt ? 'decrypt' : 'encrypt', s.bytes, s.type === 'private', 'rsa', data, 4, HASHES[k.algorithm.hash.name], label);
      } catch (e) {
        throw failed();
      }
    }

    // Whether the key material is of the kind the algorithm needs: key.algorithm is an ordinary object the hook can
    // change, so it alone must not decide what the host is handed.
    function materialFits(name, k) {
      var s = keys.stateOf(k.keyObject);
      if (AES[name] !== undefined) return s.type === 'secret' && (s.bytes.length === 16 || s.bytes.length === 24 || s.bytes.length === 32);
      if (name === 'RSA-OAEP') return s.asymmetricKeyType === 'rsa';
      if (name === 'ECDH') return s.asymmetricKeyType === 'ec';
      if (name === 'X25519') return s.asymmetricKeyType === 'x25519';
      return true;
    }

    // Node's cipherOrWrap: the algorithm must be the key's and the key must allow the operation.
    function cipherOrWrap(decrypt, params, key, data, op) {
      var k = cryptoKeys.get(key);
      if (params.name !== k.algorithm.name || k.usages.indexOf(op) < 0 || !materialFits(params.name, k)) {
        throw dom('The requested operation is not valid for the provided key', 'InvalidAccessError');
      }
      return arrayBuffer(params.name === 'RSA-OAEP' ? rsaOaepCipher(decrypt, params, k, data) : aesCipher(decrypt, params, k, data));
    }

    function cipherMethod(decrypt) {
      var method = decrypt ? 'decrypt' : 'encrypt';
      return function (algorithm, key, data) {
        return promise(function () {
          if (!isCryptoKey(key)) {
            throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', "Failed to execute '" + method + "' on 'SubtleCrypto': 2nd argument is not of type CryptoKey.");
          }
          var bytes = bufferSource(data, method, '3rd');
          return cipherOrWrap(decrypt, cipherParams(algorithm, method), key, bytes, method);
        });
      };
    }

    function wrapKey(format, key, wrappingKey, wrapAlgorithm) {
      return promise(function () {
        if (!isCryptoKey(key)) throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', "Failed to execute 'wrapKey' on 'SubtleCrypto': 2nd argument is not of type CryptoKey.");
        if (!isCryptoKey(wrappingKey)) throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', "Failed to execute 'wrapKey' on 'SubtleCrypto': 3rd argument is not of type CryptoKey.");
        var params = cipherParams(wrapAlgorithm, 'wrapKey');
        return exportKey(format, key).then(function (exported) {
          var bytes;
          if (format === 'jwk') {
            var text = JSON.stringify(exported);
            // AES-KW wraps whole 8-byte blocks: Node pads the JWK's text with spaces.
            if (params.name === 'AES-KW' && text.length % 8 !== 0) text += '        '.slice(text.length % 8);
            bytes = new (require('util').TextEncoder)().encode(text);
          } else {
            bytes = new Uint8Array(exported);
          }
          return cipherOrWrap(false, params, wrappingKey, bytes, 'wrapKey');
        });
      });
    }

    function unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
      return promise(function () {
        var bytes = bufferSource(wrappedKey, 'unwrapKey', '2nd');
        if (!isCryptoKey(unwrappingKey)) throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', "Failed to execute 'unwrapKey' on 'SubtleCrypto': 3rd argument is not of type CryptoKey.");
        var keyData = new Uint8Array(cipherOrWrap(true, cipherParams(unwrapAlgorithm, 'unwrapKey'), unwrappingKey, bytes, 'unwrapKey'));
        if (format === 'jwk') {
          try {
            keyData = JSON.parse(new (require('util').TextDecoder)('utf-8', { fatal: true }).decode(keyData));
          } catch (e) {
            throw dom('Invalid wrapped JWK key', 'DataError');
          }
        }
        return importKey(format, keyData, unwrappedKeyAlgorithm, extractable, keyUsages);
      });
    }

    class SubtleCrypto {
      constructor() {
        if (!constructing) throw illegal();
      }
    }
    var methods = {
      digest: digest, importKey: importKey, exportKey: exportKey, generateKey: generateKey, sign: sign, verify: verify,
      deriveBits: deriveBits, deriveKey: deriveKey, encrypt: cipherMethod(false), decrypt: cipherMethod(true), wrapKey: wrapKey,
      unwrapKey: unwrapKey,
    };
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
