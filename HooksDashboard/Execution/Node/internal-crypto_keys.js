// crypto's KeyObject (createPrivateKey/createPublicKey/createSecretKey, export, equals), signatures (sign/verify,
// createSign/createVerify), RSA encryption (publicEncrypt/privateDecrypt/privateEncrypt/publicDecrypt) and key
// generation. A key is its canonical bytes kept here (PKCS#8 DER for private keys,
// SPKI DER for public ones, the raw bytes of a secret): the host parses input into that form and imports it again for
// each operation, for that call only. Evaluated to an init function that crypto.js calls with its binding.
(function (require) {
  'use strict';
  return function init(binding, shared) {
    var errors = shared.errors;
    var state = new WeakMap();
    var BYTES_TYPES = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];
    var SIGN_KEY_TYPES = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'];
    var RSA_PKCS1_PADDING = 1;
    var RSA_PKCS1_PSS_PADDING = 6;

    function invalidValue(name, value, reason) {
      var what = name.indexOf('.') >= 0 ? "The property '" + name + "'" : "The argument '" + name + "'";
      return errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', what + ' ' + (reason || 'is invalid') + '. Received ' + errors.primitive(value));
    }

    function invalidKeyObjectType(actual, expected) {
      return errors.make(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type ' + actual + ', expected ' + expected + '.');
    }

    class KeyObject {
      constructor(type, handle) {
        if (type !== 'secret' && type !== 'public' && type !== 'private') throw invalidValue('type', type);
        if (!handle || !state.has(handle)) throw errors.invalidArgType('handle', 'object', handle);
        state.set(this, state.get(handle));
      }

      get type() { return state.get(this).type; }

      static from(key) {
        var webcrypto = shared.webcrypto();
        if (!webcrypto.isCryptoKey(key)) throw errors.invalidArgType('key', 'CryptoKey', key);
        return webcrypto.keyObjectOf(key);
      }

      equals(otherKeyObject) {
        if (!isKeyObject(otherKeyObject)) throw errors.invalidArgType('otherKeyObject', 'KeyObject', otherKeyObject);
        var a = state.get(this), b = state.get(otherKeyObject);
        return a.type === b.type && a.bytes.length === b.bytes.length && binding.keyEquals(a.bytes, b.bytes);
      }
    }

    // Node prints a key as its class and its private kKeyType symbol, never its material.
    Object.defineProperty(KeyObject.prototype, Symbol.for('nodejs.util.inspect.custom'), {
      value: function () { return this.constructor.name + " [KeyObject] { [Symbol(kKeyType)]: '" + state.get(this).type + "' }"; },
      writable: true, configurable: true,
    });

    class SecretKeyObject extends KeyObject {
      get symmetricKeySize() { return state.get(this).bytes.length; }

      export(options) {
        if (options !== undefined) errors.validateObject(options, 'options');
        var s = state.get(this);
        var format = options === undefined ? 'buffer' : options.format;
        if (format === 'jwk') return { kty: 'oct', k: binding.decode(s.bytes, 'base64url') };
        if (format !== undefined && format !== 'buffer') throw invalidValue('options.format', format);
        return shared.toBinaryResult(s.bytes.slice());
      }
    }

    class AsymmetricKeyObject extends KeyObject {
      get asymmetricKeyType() { return state.get(this).asymmetricKeyType; }

      get asymmetricKeyDetails() {
        var s = state.get(this);
        if (s.asymmetricKeyType === 'rsa') return { modulusLength: s.modulusLength, publicExponent: BigInt(s.publicExponent) };
        if (isOkp(s.asymmetricKeyType)) return {};
        return { namedCurve: s.namedCurve };
      }

      export(options) {
        if (options === null || typeof options !== 'object') throw errors.invalidArgType('options', 'object', options);
        var s = state.get(this);
        var isPrivate = s.type === 'private';
        if (options.format === 'jwk') {
          if (options.passphrase !== undefined) {
            throw errors.make(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding jwk does not support encryption.');
          }
          if (isOkp(s.asymmetricKeyType)) return binding.okpJwk(s.bytes, isPrivate, s.asymmetricKeyType);
          return binding.keyJwk(s.bytes, isPrivate, s.asymmetricKeyType);
        }
        var format = options.format === undefined ? 'pem' : options.format;
        if (format !== 'pem' && format !== 'der') throw invalidValue('options.format', options.format);
        var type = options.type;
        var allowed = isPrivate ? ['pkcs1', 'pkcs8', 'sec1'] : ['pkcs1', 'spki'];
        if (allowed.indexOf(type) < 0) throw invalidValue('options.type', type);
        if (type === 'pkcs1' && s.asymmetricKeyType !== 'rsa') {
          throw errors.make(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding pkcs1 can only be used for RSA keys.');
        }
        if (type === 'sec1' && s.asymmetricKeyType !== 'ec') {
          throw errors.make(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding sec1 can only be used for EC keys.');
        }
        var cipher, passphrase;
        if (isPrivate && options.cipher !== undefined) {
          errors.validateString(options.cipher, 'options.cipher');
          cipher = options.cipher;
          passphrase = passphraseBytes(options.passphrase, 'options.passphrase');
          if (passphrase === undefined) throw invalidValue('options.passphrase', options.passphrase);
        }
        if (isOkp(s.asymmetricKeyType)) {
          // The canonical DER is already PKCS#8 v1 / SPKI, what node writes for these keys.
          if (cipher !== undefined) {
            throw errors.make(Error, 'ERR_HOOKS_CRYPTO_UNSUPPORTED', 'Encrypting ' + s.asymmetricKeyType + ' private keys is not supported in HooksDashboard hooks');
          }
          if (format === 'der') return shared.toBinaryResult(s.bytes.slice());
          return pem(isPrivate ? 'PRIVATE KEY' : 'PUBLIC KEY', s.bytes);
        }
        var exported = binding.keyExport(s.bytes, isPrivate, s.asymmetricKeyType, format, type, cipher, passphrase);
        return typeof exported === 'string' ? exported : shared.toBinaryResult(exported);
      }
    }

    class PublicKeyObject extends AsymmetricKeyObject {}
    class PrivateKeyObject extends AsymmetricKeyObject {}

    function isKeyObject(value) {
      return value !== null && typeof value === 'object' && state.has(value) && value instanceof KeyObject;
    }

    function newKey(s) {
      var Class = s.type === 'secret' ? SecretKeyObject : s.type === 'public' ? PublicKeyObject : PrivateKeyObject;
      var key = Object.create(Class.prototype);
      state.set(key, s);
      return key;
    }

    var OKP_CURVES = ['Ed25519', 'Ed448', 'X25519', 'X448'];
    var OKP_TYPES = ['ed25519', 'ed448', 'x25519', 'x448'];
    function isOkp(type) { return OKP_TYPES.indexOf(type) >= 0; }

    // PEM of a DER (64-character base64 lines, as OpenSSL writes them).
    function pem(label, der) {
      var b64 = binding.decode(der, 'base64');
      var lines = [];
      for (var i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
      return '-----BEGIN ' + label + '-----\n' + lines.join('\n') + '\n-----END ' + label + '-----\n';
    }

    function fromHost(described) {
      return newKey({
        type: described.type,
        asymmetricKeyType: described.asymmetricKeyType,
        bytes: described.der,
        modulusLength: described.modulusLength,
        publicExponent: described.publicExponent,
        namedCurve: described.namedCurve,
      });
    }

    function passphraseBytes(passphrase, name) {
      if (passphrase === undefined || passphrase === null) return undefined;
      if (typeof passphrase === 'string') return binding.encode(passphrase, 'utf8');
      if (shared.isBytes(passphrase)) return shared.viewBytes(passphrase).slice();
      throw errors.invalidArgType(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], passphrase);
    }

    function validateJwk(jwk, isPrivate) {
      if (jwk === null || typeof jwk !== 'object') throw errors.invalidArgType('key.key', 'object', jwk);
      var kty = jwk.kty;
      if (kty !== 'RSA' && kty !== 'EC' && kty !== 'OKP') {
        throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'key.kty' must be one of: 'RSA', 'EC', 'OKP'. Received " + errors.primitive(kty));
      }
      if (kty === 'OKP') {
        if (OKP_CURVES.indexOf(jwk.crv) < 0) {
          throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'key.crv' must be one of: 'Ed25519', 'Ed448', 'X25519', 'X448'. Received " + errors.primitive(jwk.crv));
        }
        if (typeof jwk.x !== 'string') throw errors.invalidArgType('key.x', 'string', jwk.x);
        if (isPrivate && typeof jwk.d !== 'string') throw errors.invalidArgType('key.d', 'string', jwk.d);
        return { kty: 'OKP', crv: jwk.crv, x: jwk.x, d: isPrivate ? jwk.d : undefined };
      }
      var members;
      if (kty === 'RSA') {
        members = ['n', 'e'];
        if (isPrivate || jwk.d !== undefined) members = members.concat(['d', 'p', 'q', 'dp', 'dq', 'qi']);
      } else {
        var curves = ['P-256', 'secp256k1', 'P-384', 'P-521'];
        if (curves.indexOf(jwk.crv) < 0) {
          throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'key.crv' must be one of: 'P-256', 'secp256k1', 'P-384', 'P-521'. Received " + errors.primitive(jwk.crv));
        }
        members = ['x', 'y'];
        if (isPrivate) members.push('d');
      }
      var copy = { kty: kty, crv: jwk.crv };
      for (var i = 0; i < members.length; i++) {
        if (typeof jwk[members[i]] !== 'string') throw errors.invalidArgType('key.' + members[i], 'string', jwk[members[i]]);
        copy[members[i]] = jwk[members[i]];
      }
      return copy;
    }

    // Node's prepareAsymmetricKey: a PEM string or buffer, or { key, format, type, passphrase, encoding }.
    function parseAsymmetric(key, kind, typesForError) {
      var data = key, format = 'pem', type, passphrase, encoding;
      if (isKeyObject(key) || shared.isCryptoKey(key)) throw errors.invalidArgType('key', typesForError, key);
      if (key !== null && typeof key === 'object' && !shared.isBytes(key)) {
        data = key.key;
        format = key.format === undefined ? 'pem' : key.format;
        type = key.type;
        encoding = key.encoding;
        passphrase = passphraseBytes(key.passphrase, 'key.passphrase');
        if (format === 'jwk') {
          var checked = validateJwk(data, kind === 'private');
          if (checked.kty === 'OKP') {
            return fromHost(binding.okpFromJwk(checked.crv, binding.encode(checked.x, 'base64url'), checked.d === undefined ? undefined : binding.encode(checked.d, 'base64url')));
          }
          return fromHost(binding.keyImport(kind, 'jwk', checked));
        }
        if (format !== 'pem' && format !== 'der') throw invalidValue('key.format', format);
        if (typeof data !== 'string' && !shared.isBytes(data)) throw errors.invalidArgType('key.key', BYTES_TYPES, data);
      } else if (typeof key !== 'string' && !shared.isBytes(key)) {
        throw errors.invalidArgType('key', typesForError, key);
      }
      if (format === 'der') {
        var allowed = kind === 'private' ? ['pkcs1', 'pkcs8', 'sec1'] : ['pkcs1', 'spki', 'pkcs8', 'sec1'];
        if (allowed.indexOf(type) < 0) throw invalidValue('key.type', type);
        var der = typeof data === 'string' ? binding.encode(data, shared.normalizeEncoding(encoding) || 'utf8') : shared.viewBytes(data);
        return fromHost(binding.keyImport(kind, 'der', der, type, passphrase));
      }
      var text = typeof data === 'string' ? data : binding.decode(shared.viewBytes(data), 'utf8');
      return fromHost(binding.keyImport(kind, 'pem', text, undefined, passphrase));
    }

    function createPrivateKey(key) {
      return parseAsymmetric(key, 'private', BYTES_TYPES);
    }

    function createPublicKey(key) {
      var inner = key !== null && typeof key === 'object' && !isKeyObject(key) && !shared.isBytes(key) && isKeyObject(key.key) ? key.key : key;
      if (isKeyObject(inner)) {
        var s = state.get(inner);
        if (s.type !== 'private') throw invalidKeyObjectType(s.type, 'private');
        return publicOf(s);
      }
      if (shared.webcrypto && shared.isCryptoKey(inner)) return createPublicKey(shared.webcrypto().keyObjectOf(inner));
      return parseAsymmetric(key, 'public', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey']);
    }

    function publicOf(s) {
      return fromHost(binding.keyImport('public', 'der', s.bytes, 'pkcs8'));
    }

    function createSecretKey(key, encoding) {
      var bytes;
      if (typeof key === 'string') bytes = binding.encode(key, shared.normalizeEncoding(encoding) || 'utf8');
      else if (shared.isBytes(key)) bytes = shared.viewBytes(key).slice();
      // Node's message leaves out the string it accepts.
      else throw errors.invalidArgType('key', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
      return newKey({ type: 'secret', bytes: bytes });
    }

    // The key of sign/verify (a KeyObject, CryptoKey, PEM, DER or JWK, bare or as { key, ...options }) and its options.
    function signingKey(key, kind) {
      var options = {};
      var material = key;
      if (key !== null && typeof key === 'object' && !shared.isBytes(key) && !isKeyObject(key) && !shared.isCryptoKey(key)) {
        options = key;
        material = key.key;
      }
      if (shared.isCryptoKey(material)) material = shared.webcrypto().keyObjectOf(material);
      var s;
      if (isKeyObject(material)) {
        s = state.get(material);
        if (s.type === 'secret' || (kind === 'private' && s.type !== 'private')) throw invalidKeyObjectType(s.type, kind === 'private' ? 'private' : 'private or public');
      } else if (material === key) {
        if (typeof key !== 'string' && !shared.isBytes(key)) throw errors.invalidArgType('key', SIGN_KEY_TYPES, key);
        s = state.get(kind === 'private' ? createPrivateKey(key) : parseEither(key));
      } else {
        s = state.get(kind === 'private' ? createPrivateKey(options) : parseEither(options));
      }
      var padding = options.padding;
      var saltLength = options.saltLength;
      var dsaEncoding = options.dsaEncoding === undefined ? 'der' : options.dsaEncoding;
      if (padding !== undefined && typeof padding !== 'number') throw invalidValue('options.padding', padding);
      if (saltLength !== undefined && typeof saltLength !== 'number') throw invalidValue('options.saltLength', saltLength);
      if (dsaEncoding !== 'der' && dsaEncoding !== 'ieee-p1363') throw invalidValue('options.dsaEncoding', dsaEncoding);
      return { state: s, padding: padding, saltLength: saltLength, dsaEncoding: dsaEncoding };
    }

    // verify() takes public or private material; a PEM holding a private key verifies with its public half.
    function parseEither(key) {
      return createPublicKey(key);
    }

    function digestOf(algorithm, withName) {
      if (algorithm === null || algorithm === undefined) return null;
      errors.validateString(algorithm, 'algorithm');
      var name = shared.signatureDigest(algorithm);
      if (name === null) throw errors.make(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', withName ? 'Invalid digest: ' + algorithm : 'Invalid digest');
      return name;
    }

    function dataBytes(data, name, encoding) {
      if (typeof data === 'string') return binding.encode(data, shared.normalizeEncoding(encoding) || 'utf8');
      if (ArrayBuffer.isView(data)) return shared.viewBytes(data);
      throw errors.invalidArgType(name, ['Buffer', 'TypedArray', 'DataView'], data);
    }

    function notForThisKeyType() {
      return keys_openSsl('ERR_OSSL_EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE', 'error:03000096:digital envelope routines::operation not supported for this keytype', 'digital envelope routines', 'operation not supported for this keytype');
    }
    function keys_openSsl(code, message, library, reason) {
      var e = new Error(message);
      e.library = library;
      e.reason = reason;
      e.code = code;
      return e;
    }

    function signWith(digest, data, k) {
      if (k.state.type !== 'private') throw invalidKeyObjectType(k.state.type, 'private');
      var t = k.state.asymmetricKeyType;
      if (t === 'x25519' || t === 'x448') throw notForThisKeyType();
      if (t === 'ed25519' || t === 'ed448') {
        if (digest !== null) throw errors.make(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + digest);
        return binding.okpSign(k.state.bytes, t, data);
      }
      return binding.sign(digest, k.state.bytes, k.state.asymmetricKeyType, data, k.padding, k.saltLength, k.dsaEncoding);
    }

    function verifyWith(digest, data, k, signature) {
      var s = k.state;
      if (s.asymmetricKeyType === 'x25519' || s.asymmetricKeyType === 'x448') throw notForThisKeyType();
      if (s.asymmetricKeyType === 'ed25519' || s.asymmetricKeyType === 'ed448') {
        if (digest !== null) throw errors.make(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + digest);
        return binding.okpVerify(s.bytes, s.type === 'private', s.asymmetricKeyType, data, signature);
      }
      return binding.verify(digest, s.bytes, s.type === 'private', s.asymmetricKeyType, data, signature, k.padding, k.saltLength, k.dsaEncoding);
    }

    function sign(algorithm, data, key, callback) {
      var digest = digestOf(algorithm, true);
      var bytes = dataBytes(data, 'data');
      if (callback !== undefined) errors.validateFunction(callback, 'callback');
      var k = signingKey(key, 'private');
      var signature;
      try {
        signature = shared.toBinaryResult(signWith(digest, bytes, k));
      } catch (e) {
        if (callback === undefined) throw e;
        shared.later(callback, [e]);
        return undefined;
      }
      if (callback === undefined) return signature;
      shared.later(callback, [null, signature]);
      return undefined;
    }

    function verify(algorithm, data, key, signature, callback) {
      var digest = digestOf(algorithm, true);
      var bytes = dataBytes(data, 'data');
      if (!ArrayBuffer.isView(signature)) throw errors.invalidArgType('signature', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], signature);
      if (callback !== undefined) errors.validateFunction(callback, 'callback');
      var k = signingKey(key, 'public');
      var ok = verifyWith(digest, bytes, k, shared.viewBytes(signature));
      if (callback === undefined) return ok;
      shared.later(callback, [null, ok]);
      return undefined;
    }

    // publicEncrypt/privateDecrypt/privateEncrypt/publicDecrypt, as Node's rsaFunctionFor: the key as Node prepares it
    // (a private operation takes a KeyObject only if private, but PEM, DER or JWK text of either kind), padding (or the
    // operation's default), oaepHash, oaepLabel and the data, read in Node's order; the host does OpenSSL's part.
    var PUBLIC_PEM = /-----BEGIN (?:RSA PUBLIC KEY|PUBLIC KEY|CERTIFICATE)-----/;
    var RSA_PKCS1_OAEP_PADDING = 4;

    function cipherKey(options, kind) {
      var material = options, name = 'key';
      if (options !== null && typeof options === 'object' && !shared.isBytes(options) && !isKeyObject(options) && !shared.isCryptoKey(options)) {
        material = options.key;
        name = 'key.key';
      }
      if (shared.isCryptoKey(material)) material = shared.webcrypto().keyObjectOf(material);
      if (isKeyObject(material)) {
        var s = state.get(material);
        if (kind === 'private' ? s.type !== 'private' : s.type === 'secret') throw invalidKeyObjectType(s.type, kind === 'private' ? 'private' : 'private or public');
        return s;
      }
      var jwk = name === 'key.key' && options.format === 'jwk';
      if (!jwk && typeof material !== 'string' && !shared.isBytes(material)) throw errors.invalidArgType(name, SIGN_KEY_TYPES, material);
      if (kind === 'private') {
        var format = name === 'key' ? 'pem' : options.format;
        var text = format === undefined || format === 'pem' ? (typeof material === 'string' ? material : binding.decode(shared.viewBytes(material), 'utf8')) : '';
        if (!PUBLIC_PEM.test(text)) return state.get(createPrivateKey(options));
      }
      return state.get(createPublicKey(options));
    }

    function cipherBytes(value, name, encoding) {
      if (typeof value === 'string') return binding.encode(value, shared.normalizeEncoding(encoding) || 'utf8');
      if (shared.isBytes(value)) return shared.viewBytes(value);
      throw errors.invalidArgType(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], value);
    }

    function rsaCipher(operation, defaultPadding, kind) {
      return function (options, buffer) {
        var s = cipherKey(options, kind);
        var padding = options.padding || defaultPadding;
        var oaepHash = options.oaepHash, oaepLabel = options.oaepLabel, encoding = options.encoding;
        if (oaepHash !== undefined) errors.validateString(oaepHash, 'key.oaepHash');
        if (oaepLabel !== undefined) oaepLabel = cipherBytes(oaepLabel, 'key.oaepLabel', encoding);
        var data = cipherBytes(buffer, 'buffer', encoding);
        padding = padding >>> 0;
        if (operation === 'decrypt' && padding === 1 && s.asymmetricKeyType === 'rsa') {
          throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', 'RSA_PKCS1_PADDING is no longer supported for private decryption, this can be reverted with --security-revert=CVE-2023-46809');
        }
        var digest = null;
        if (oaepHash !== undefined) {
          digest = binding.algorithm(oaepHash);
          if (digest === null) throw errors.make(Error, 'ERR_OSSL_EVP_INVALID_DIGEST', 'Invalid digest used');
        }
        return shared.toBinaryResult(binding.rsaCipher(operation, s.bytes, s.type === 'private', s.asymmetricKeyType, data, padding, digest, oaepLabel));
      };
    }

    var signState = new WeakMap();

    function Sign(algorithm, options) {
      if (!(this instanceof Sign)) return new Sign(algorithm, options);
      errors.validateString(algorithm, 'algorithm');
      signState.set(this, { digest: digestOf(algorithm, false), data: new shared.Accumulator(), done: false });
    }

    function update(self, data, encoding) {
      var s = signState.get(self);
      if (s.done) throw errors.make(Error, 'ERR_CRYPTO_INVALID_STATE', 'Not initialised');
      if (typeof data !== 'string' && !ArrayBuffer.isView(data)) throw errors.invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
      s.data.add(dataBytes(data, 'data', encoding));
      return self;
    }

    Sign.prototype.update = function (data, encoding) { return update(this, data, encoding); };
    Sign.prototype.sign = function (privateKey, outputEncoding) {
      var s = signState.get(this);
      if (s.done) throw errors.make(Error, 'ERR_CRYPTO_INVALID_STATE', 'Not initialised');
      var k = signingKey(privateKey, 'private');
      var signature = signWith(s.digest, s.data.bytes(), k);
      s.done = true;
      return shared.output(signature, outputEncoding);
    };

    function Verify(algorithm, options) {
      if (!(this instanceof Verify)) return new Verify(algorithm, options);
      errors.validateString(algorithm, 'algorithm');
      signState.set(this, { digest: digestOf(algorithm, false), data: new shared.Accumulator(), done: false });
    }

    Verify.prototype.update = function (data, encoding) { return update(this, data, encoding); };
    Verify.prototype.verify = function (object, signature, signatureEncoding) {
      var s = signState.get(this);
      if (s.done) throw errors.make(Error, 'ERR_CRYPTO_INVALID_STATE', 'Not initialised');
      var k = signingKey(object, 'public');
      var sig;
      if (typeof signature === 'string') sig = binding.encode(signature, shared.normalizeEncoding(signatureEncoding) || 'utf8');
      else if (ArrayBuffer.isView(signature)) sig = shared.viewBytes(signature);
      else throw errors.invalidArgType('signature', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], signature);
      s.done = true;
      return verifyWith(s.digest, s.data.bytes(), k, sig);
    };

    var CURVES = { 'P-256': 'prime256v1', prime256v1: 'prime256v1', secp256r1: 'prime256v1', 'P-384': 'secp384r1', secp384r1: 'secp384r1',
      'P-521': 'secp521r1', secp521r1: 'secp521r1', secp256k1: 'secp256k1' };

    function generatePair(type, options) {
      errors.validateString(type, 'type');
      if (isOkp(type)) {
        if (options !== undefined) errors.validateObject(options, 'options');
        var okpPrivate = fromHost(binding.okpGenerate(type));
        var okpPublic = publicOf(state.get(okpPrivate));
        return {
          publicKey: encodeGenerated(okpPublic, options && options.publicKeyEncoding, 'publicKeyEncoding'),
          privateKey: encodeGenerated(okpPrivate, options && options.privateKeyEncoding, 'privateKeyEncoding'),
        };
      }
      if (type === 'rsa-pss' || type === 'dsa' || type === 'dh') {
        throw errors.make(Error, 'ERR_HOOKS_CRYPTO_UNSUPPORTED', type + ' keys are not supported in HooksDashboard hooks (rsa, ec, ed25519, ed448, x25519 and x448 keys are)');
      }
      if (type !== 'rsa' && type !== 'ec') {
        throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'type' must be a supported key type. Received " + errors.primitive(type));
      }
      errors.validateObject(options, 'options');
      var described;
      if (type === 'rsa') {
        if (typeof options.modulusLength !== 'number') throw errors.invalidArgType('options.modulusLength', 'number', options.modulusLength);
        if (!Number.isInteger(options.modulusLength) || options.modulusLength < 0 || options.modulusLength > 4294967295) {
          throw errors.outOfRange('options.modulusLength', '>= 0 && <= 4294967295', options.modulusLength);
        }
        var exponent = options.publicExponent === undefined ? 65537 : options.publicExponent;
        if (typeof exponent !== 'number') throw errors.invalidArgType('options.publicExponent', 'number', exponent);
        described = binding.keyGenerate('rsa', options.modulusLength, exponent);
      } else {
        if (typeof options.namedCurve !== 'string') throw errors.invalidArgType('options.namedCurve', 'string', options.namedCurve);
        var curve = CURVES[options.namedCurve];
        if (curve === undefined) throw errors.make(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
        described = binding.keyGenerate('ec', curve);
      }
      var privateKey = fromHost(described);
      var publicKey = publicOf(state.get(privateKey));
      return {
        publicKey: encodeGenerated(publicKey, options.publicKeyEncoding, 'publicKeyEncoding'),
        privateKey: encodeGenerated(privateKey, options.privateKeyEncoding, 'privateKeyEncoding'),
      };
    }

    function encodeGenerated(key, encoding, name) {
      if (encoding === undefined) return key;
      errors.validateObject(encoding, 'options.' + name);
      return key.export(encoding);
    }

    // crypto.diffieHellman({ privateKey, publicKey }) for EC (any offered curve), X25519 and X448 keys.
    function diffieHellman(options) {
      errors.validateObject(options, 'options');
      var privateKey = options.privateKey, publicKey = options.publicKey;
      if (!isKeyObject(privateKey)) throw errors.invalidArgType('options.privateKey', 'KeyObject', privateKey);
      if (!isKeyObject(publicKey)) throw errors.invalidArgType('options.publicKey', 'KeyObject', publicKey);
      var a = state.get(privateKey), b = state.get(publicKey);
      if (a.type !== 'private') throw invalidKeyObjectType(a.type, 'private');
      if (b.type !== 'public' && b.type !== 'private') throw invalidKeyObjectType(b.type, 'private or public');
      if (a.asymmetricKeyType !== b.asymmetricKeyType) {
        throw errors.make(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY', 'Incompatible key types for Diffie-Hellman: ' + a.asymmetricKeyType + ' and ' + b.asymmetricKeyType);
      }
      if (a.asymmetricKeyType !== 'x25519' && a.asymmetricKeyType !== 'x448' && a.asymmetricKeyType !== 'ec') {
        throw errors.make(Error, 'ERR_HOOKS_CRYPTO_UNSUPPORTED', 'crypto.diffieHellman with ' + a.asymmetricKeyType + ' keys is not supported in HooksDashboard hooks (ec, x25519 and x448 keys are)');
      }
      var publicState = b.type === 'private' ? state.get(publicOf(b)) : b;
      if (a.asymmetricKeyType === 'ec') return shared.toBinaryResult(binding.ecdhAgree(a.bytes, publicState.bytes));
      return shared.toBinaryResult(binding.okpAgree(a.bytes, publicState.bytes, a.asymmetricKeyType));
    }

    function generateKeyPairSync(type, options) {
      return generatePair(type, options);
    }

    function generateKeyPair(type, options, callback) {
      if (typeof options === 'function') {
        callback = options;
        options = undefined;
      }
      errors.validateFunction(callback, 'callback');
      var pair;
      try {
        pair = generatePair(type, options);
      } catch (e) {
        if (e && typeof e.code === 'string' && e.code.indexOf('ERR_INVALID_ARG') === 0) throw e;
        shared.later(callback, [e]);
        return;
      }
      shared.later(callback, [null, pair.publicKey, pair.privateKey]);
    }

    function generateSecret(type, options) {
      errors.validateString(type, 'type');
      errors.validateObject(options, 'options');
      var length = options.length;
      if (typeof length !== 'number') throw errors.invalidArgType('options.length', 'number', length);
      if (type === 'hmac') {
        if (!Number.isInteger(length) || length < 8 || length > 2147483647) throw errors.outOfRange('options.length', '>= 8 && <= 2147483647', length);
      } else if (type === 'aes') {
        if (length !== 128 && length !== 192 && length !== 256) {
          throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.length' must be one of: 128, 192, 256. Received " + errors.primitive(length));
        }
      } else {
        throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'type' must be a supported key type. Received " + errors.primitive(type));
      }
      return newKey({ type: 'secret', bytes: shared.randomBytes(Math.floor(length / 8)) });
    }

    return {
      KeyObject: KeyObject,
      Sign: Sign,
      Verify: Verify,
      createPrivateKey: createPrivateKey,
      createPublicKey: createPublicKey,
      createSecretKey: createSecretKey,
      sign: sign,
      verify: verify,
      createSign: function createSign(algorithm, options) { return new Sign(algorithm, options); },
      createVerify: function createVerify(algorithm, options) { return new Verify(algorithm, options); },
      generateKeyPair: generateKeyPair,
      generateKeyPairSync: generateKeyPairSync,
      generateKeySync: function generateKeySync(type, options) { return generateSecret(type, options); },
      generateKey: function generateKey(type, options, callback) {
        errors.validateFunction(callback, 'callback');
        var key = generateSecret(type, options);
        shared.later(callback, [null, key]);
      },
      // For webcrypto and the cipher module (not exported to hooks).
      isKeyObject: isKeyObject,
      stateOf: function (key) { return state.get(key); },
      newKey: newKey,
      fromHost: fromHost,
      publicOf: publicOf,
      signWith: signWith,
      verifyWith: verifyWith,
      validateJwk: validateJwk,
      diffieHellman: diffieHellman,
      publicEncrypt: rsaCipher('encrypt', RSA_PKCS1_OAEP_PADDING, 'public'),
      privateDecrypt: rsaCipher('decrypt', RSA_PKCS1_OAEP_PADDING, 'private'),
      privateEncrypt: rsaCipher('sign', RSA_PKCS1_PADDING, 'private'),
      publicDecrypt: rsaCipher('verify', RSA_PKCS1_PADDING, 'public'),
    };
  };
})
