// crypto's ECDH class (createECDH, ECDH.convertKey), as Node's lib/internal/crypto/diffiehellman.js has it: the keys
// are bytes kept here (the private scalar as OpenSSL's BIGNUM bytes, without leading zeros; the public point
// uncompressed), the curve arithmetic is the host's (binding.ecdh*). Finite-field Diffie-Hellman (createDiffieHellman,
// getDiffieHellman) is refused with a clear error. Evaluated to an init function that crypto.js calls with its binding.
(function (require) {
  'use strict';
  return function init(binding, shared) {
    var errors = shared.errors;
    var Buffer = require('buffer').Buffer;
    // The names OpenSSL 3.0's OBJ_sn2nid knows as curves (Node 20's crypto.getCurves()), case-sensitive as there.
    var OPENSSL_CURVES = ['Oakley-EC2N-3', 'Oakley-EC2N-4', 'SM2', 'brainpoolP160r1', 'brainpoolP160t1', 'brainpoolP192r1',
      'brainpoolP192t1', 'brainpoolP224r1', 'brainpoolP224t1', 'brainpoolP256r1', 'brainpoolP256t1', 'brainpoolP320r1',
      'brainpoolP320t1', 'brainpoolP384r1', 'brainpoolP384t1', 'brainpoolP512r1', 'brainpoolP512t1', 'c2pnb163v1',
      'c2pnb163v2', 'c2pnb163v3', 'c2pnb176v1', 'c2pnb208w1', 'c2pnb272w1', 'c2pnb304w1', 'c2pnb368w1', 'c2tnb191v1',
      'c2tnb191v2', 'c2tnb191v3', 'c2tnb239v1', 'c2tnb239v2', 'c2tnb239v3', 'c2tnb359v1', 'c2tnb431r1', 'prime192v1',
      'prime192v2', 'prime192v3', 'prime239v1', 'prime239v2', 'prime239v3', 'prime256v1', 'secp112r1', 'secp112r2',
      'secp128r1', 'secp128r2', 'secp160k1', 'secp160r1', 'secp160r2', 'secp192k1', 'secp224k1', 'secp224r1', 'secp256k1',
      'secp384r1', 'secp521r1', 'sect113r1', 'sect113r2', 'sect131r1', 'sect131r2', 'sect163k1', 'sect163r1', 'sect163r2',
      'sect193r1', 'sect193r2', 'sect233k1', 'sect233r1', 'sect239k1', 'sect283k1', 'sect283r1', 'sect409k1', 'sect409r1',
      'sect571k1', 'sect571r1', 'wap-wsg-idm-ecid-wtls1', 'wap-wsg-idm-ecid-wtls10', 'wap-wsg-idm-ecid-wtls11',
      'wap-wsg-idm-ecid-wtls12', 'wap-wsg-idm-ecid-wtls3', 'wap-wsg-idm-ecid-wtls4', 'wap-wsg-idm-ecid-wtls5',
      'wap-wsg-idm-ecid-wtls6', 'wap-wsg-idm-ecid-wtls7', 'wap-wsg-idm-ecid-wtls8', 'wap-wsg-idm-ecid-wtls9'];
    var POINT_CONVERSION_COMPRESSED = 2, POINT_CONVERSION_UNCOMPRESSED = 4, POINT_CONVERSION_HYBRID = 6;
    var BYTES_TYPES = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];

    var kHandle = Symbol('kHandle');
    // The handle Node keeps under kHandle: a native object of class ECDH with nothing to show (inspect prints
    // "ECDH { [Symbol(kHandle)]: ECDH {} }"); its keys live in this map.
    var Handle = ({ ECDH: function () {} }).ECDH;
    var keys = new WeakMap();

    function operationFailed(message) {
      return errors.make(Error, 'ERR_CRYPTO_OPERATION_FAILED', message);
    }

    function curveOf(curve) {
      if (OPENSSL_CURVES.indexOf(curve) < 0) throw errors.make(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
      if (!binding.ecdhKnows(curve)) {
        throw errors.make(Error, 'ERR_HOOKS_CRYPTO_UNSUPPORTED', 'The EC curve ' + curve + ' is not supported in HooksDashboard hooks');
      }
      return curve;
    }

    // Node's getArrayBufferOrView: a string in the given encoding ('buffer' meaning utf8), or any bytes.
    function bytesOf(value, name, encoding) {
      if (typeof value === 'string') return shared.viewBytes(Buffer.from(value, encoding === 'buffer' ? 'utf8' : encoding));
      if (!shared.isBytes(value)) throw errors.invalidArgType(name, BYTES_TYPES, value);
      return shared.viewBytes(value).slice();
    }

    function encode(bytes, encoding) {
      var buffer = shared.toBinaryResult(bytes);
      return encoding && encoding !== 'buffer' ? buffer.toString(encoding) : buffer;
    }

    function getFormat(format) {
      if (format) {
        if (format === 'compressed') return POINT_CONVERSION_COMPRESSED;
        if (format === 'hybrid') return POINT_CONVERSION_HYBRID;
        if (format !== 'uncompressed') {
          throw errors.make(TypeError, 'ERR_CRYPTO_ECDH_INVALID_FORMAT', 'Invalid ECDH format: ' + format);
        }
      }
      return POINT_CONVERSION_UNCOMPRESSED;
    }

    function sameBytes(a, b) {
      if (a.length !== b.length) return false;
      for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
      return true;
    }

    // OpenSSL's BN_bn2bin: the scalar without leading zero bytes.
    function trimmed(bytes) {
      var start = 0;
      while (start < bytes.length - 1 && bytes[start] === 0) start++;
      return bytes.slice(start);
    }

    function ECDH(curve) {
      if (!(this instanceof ECDH)) return new ECDH(curve);
      errors.validateString(curve, 'curve');
      var handle = new Handle();
      keys.set(handle, { curve: curveOf(curve), privateKey: undefined, publicKey: undefined });
      this[kHandle] = handle;
    }

    // The keys behind this[kHandle]; on another object, the TypeError Node's call on its missing handle gives.
    function keysOf(self, method) {
      var handle = self[kHandle];
      var k = handle === undefined || handle === null ? undefined : keys.get(handle);
      if (k === undefined) throw new TypeError('Cannot read properties of ' + handle + " (reading '" + method + "')");
      return k;
    }

    // Named as Node names these shared DiffieHellman methods.
    ECDH.prototype.computeSecret = function dhComputeSecret(key, inEnc, outEnc) {
      var k = keysOf(this, 'computeSecret');
      var peer = bytesOf(key, 'key', inEnc);
      // OpenSSL's EC_KEY_check_key first: a public key that is there, and the private key's if both are set.
      if (k.publicKey === undefined || (k.privateKey !== undefined && !sameBytes(binding.ecdhPublicOf(k.curve, k.privateKey), k.publicKey))) {
        throw errors.make(RangeError, 'ERR_CRYPTO_INVALID_KEYPAIR', 'Invalid key pair');
      }
      if (k.privateKey === undefined) throw operationFailed('Failed to compute ECDH key');
      var secret = binding.ecdhSecret(k.curve, k.privateKey, peer);
      if (secret === null) throw errors.make(Error, 'ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY', 'Public key is not valid for specified curve');
      return encode(secret, outEnc);
    };
    ECDH.prototype.setPrivateKey = function setPrivateKey(key, encoding) {
      var k = keysOf(this, 'setPrivateKey');
      var scalar = bytesOf(key, 'key', encoding);
      var point = binding.ecdhPublicOf(k.curve, scalar);
      if (point === null) throw errors.make(RangeError, 'ERR_CRYPTO_INVALID_KEYTYPE', 'Private key is not valid for specified curve.');
      k.privateKey = trimmed(scalar);
      k.publicKey = point;
      return this;
    };
    ECDH.prototype.setPublicKey = function setPublicKey(key, encoding) {
      var k = keysOf(this, 'setPublicKey');
      var point = binding.ecdhPoint(k.curve, bytesOf(key, 'key', encoding), POINT_CONVERSION_UNCOMPRESSED);
      if (point === null) throw operationFailed('Failed to convert Buffer to EC_POINT');
      k.publicKey = point;
      return this;
    };
    ECDH.prototype.getPrivateKey = function dhGetPrivateKey(encoding) {
      var k = keysOf(this, 'getPrivateKey');
      if (k.privateKey === undefined) throw operationFailed('Failed to get ECDH private key');
      return encode(k.privateKey.slice(), encoding);
    };
    ECDH.prototype.generateKeys = function generateKeys(encoding, format) {
      var k = keysOf(this, 'generateKeys');
      var generated = binding.ecdhGenerate(k.curve);
      k.privateKey = generated.privateKey;
      k.publicKey = generated.publicKey;
      return this.getPublicKey(encoding, format);
    };
    ECDH.prototype.getPublicKey = function getPublicKey(encoding, format) {
      var f = getFormat(format);
      var k = keysOf(this, 'getPublicKey');
      if (k.publicKey === undefined) throw operationFailed('Failed to get ECDH public key');
      return encode(f === POINT_CONVERSION_UNCOMPRESSED ? k.publicKey.slice() : binding.ecdhPoint(k.curve, k.publicKey, f), encoding);
    };

    ECDH.convertKey = function convertKey(key, curve, inEnc, outEnc, format) {
      errors.validateString(curve, 'curve');
      var bytes = bytesOf(key, 'key', inEnc);
      var f = getFormat(format);
      // Node answers an empty key with an empty string, whatever the encoding, before it looks at the curve.
      if (bytes.length === 0) return '';
      var point = binding.ecdhPoint(curveOf(curve), bytes, f);
      if (point === null) throw operationFailed('Failed to convert Buffer to EC_POINT');
      return encode(point, outEnc);
    };

    function createECDH(curve) {
      return new ECDH(curve);
    }

    // Finite-field Diffie-Hellman is not offered: a hook that reaches it gets a clear error instead of "not a function".
    function finiteFieldRefused(name) {
      return function () {
        throw errors.make(Error, 'ERR_HOOKS_CRYPTO_UNSUPPORTED', 'crypto.' + name + ' (finite-field Diffie-Hellman) is not supported in ' +
          'HooksDashboard hooks; crypto.createECDH and crypto.diffieHellman with ec, x25519 or x448 keys are');
      };
    }

    return {
      ECDH: ECDH,
      createECDH: createECDH,
      createDiffieHellman: finiteFieldRefused('createDiffieHellman'),
      getDiffieHellman: finiteFieldRefused('getDiffieHellman'),
      createDiffieHellmanGroup: finiteFieldRefused('createDiffieHellmanGroup'),
      DiffieHellman: finiteFieldRefused('DiffieHellman'),
      DiffieHellmanGroup: finiteFieldRefused('DiffieHellmanGroup'),
    };
  };
})
