// crypto's AES ciphers (createCipheriv/createDecipheriv: ecb, cbc, ctr, gcm, wrap and wrap-pad with 128/192/256-bit keys;
// the deprecated createCipher/createDecipher with a password) and key
// derivation (pbkdf2, scrypt, hkdf). The cipher's state (key, IV, chaining block, the bytes held back, the ciphertext
// GCM's tag covers) is kept here; the host does the block work of one call at a time. Evaluated to an init function
// that crypto.js calls with its binding.
(function (require) {
  'use strict';
  return function init(binding, shared) {
    var errors = shared.errors;
    // OpenSSL's names, numeric ids (nid) and block sizes as getCipherInfo reports them.
    var CIPHERS = {};
    var NIDS = { cbc: [419, 423, 427], ecb: [418, 422, 426], ctr: [904, 905, 906], gcm: [895, 898, 901] };
    ['128', '192', '256'].forEach(function (bits, index) {
      ['cbc', 'ctr', 'ecb', 'gcm'].forEach(function (mode) {
        var canonical = mode === 'gcm' ? 'id-aes' + bits + '-gcm' : 'aes-' + bits + '-' + mode;
        CIPHERS['aes-' + bits + '-' + mode] = { mode: mode, keyLength: bits / 8, name: canonical, nid: NIDS[mode][index] };
      });
      CIPHERS['aes' + bits] = CIPHERS['aes-' + bits + '-cbc'];
      CIPHERS['id-aes' + bits + '-gcm'] = CIPHERS['aes-' + bits + '-gcm'];
    });

    // AES key wrap (RFC 3394) and key wrap with padding (RFC 5649), as OpenSSL's wrap ciphers: each update wraps (or
    // unwraps) its input whole, the IV being the integrity value (8 bytes; 4 with padding, the message length after).
    var WRAP_NIDS = [[788, 897], [789, 900], [790, 903]];
    ['128', '192', '256'].forEach(function (bits, index) {
      var wrap = { mode: 'wrap', keyLength: bits / 8, name: 'id-aes' + bits + '-wrap', nid: WRAP_NIDS[index][0], ivLength: 8, padded: false };
      var pad = { mode: 'wrap', keyLength: bits / 8, name: 'id-aes' + bits + '-wrap-pad', nid: WRAP_NIDS[index][1], ivLength: 4, padded: true };
      CIPHERS['id-aes' + bits + '-wrap'] = CIPHERS['aes' + bits + '-wrap'] = wrap;
      CIPHERS['id-aes' + bits + '-wrap-pad'] = CIPHERS['aes' + bits + '-wrap-pad'] = pad;
    });

    // The wrapped (or unwrapped) bytes, over the host's AES-ECB blocks; null for input of a length the mode refuses or
    // that fails the integrity check.
    function keyWrap(secret, iv, data, decrypt, padded) {
      var integrity;
      if (!padded) {
        if (data.length % 8 !== 0 || data.length < (decrypt ? 24 : 16)) return null;
        integrity = iv;
      } else if (!decrypt) {
        if (data.length === 0) return null;
        integrity = new Uint8Array(8);
        integrity.set(iv, 0);
        new DataView(integrity.buffer).setUint32(4, data.length);
        var padding = (8 - data.length % 8) % 8;
        var filled = new Uint8Array(data.length + padding);
        filled.set(data, 0);
        data = filled;
        // One block of plaintext: RFC 5649 encrypts the integrity value and it as one AES block.
        if (data.length === 8) return binding.aesBlocks('ecb', secret, undefined, concat(integrity, data), false);
      } else if (data.length % 8 !== 0 || data.length < 16) {
        return null;
      }
      var a, r;
      if (padded && decrypt && data.length === 16) {
        var single = binding.aesBlocks('ecb', secret, undefined, data, true);
        a = single.slice(0, 8);
        r = single.slice(8);
      } else {
        var n = data.length / 8 - (decrypt ? 1 : 0);
        a = decrypt ? data.slice(0, 8) : integrity.slice();
        r = decrypt ? data.slice(8) : data.slice();
        var block = new Uint8Array(16);
        var xorCounter = function (t) {
          for (var b = 7; b >= 0 && t > 0; b--) {
            a[b] ^= t & 0xff;
            t = Math.floor(t / 256);
          }
        };
        for (var step = 0; step < 6; step++) {
          var j = decrypt ? 5 - step : step;
          for (var m = 0; m < n; m++) {
            var i = decrypt ? n - 1 - m : m;
            if (decrypt) xorCounter(n * j + i + 1);
            block.set(a, 0);
            block.set(r.subarray(i * 8, i * 8 + 8), 8);
            var out = binding.aesBlocks('ecb', secret, undefined, block, decrypt);
            a = out.slice(0, 8);
            if (!decrypt) xorCounter(n * j + i + 1);
            r.set(out.subarray(8), i * 8);
          }
        }
        if (!decrypt) return concat(a, r);
      }
      // Unwrapped: the integrity value must come back (constant time); with padding, then the length and zero padding.
      var difference = 0;
      for (var c = 0; c < iv.length; c++) difference |= a[c] ^ iv[c];
      if (difference !== 0) return null;
      if (!padded) return r;
      var length = new DataView(a.buffer, a.byteOffset, 8).getUint32(4);
      if (length > r.length || length <= r.length - 8) return null;
      for (var z = length; z < r.length; z++) if (r[z] !== 0) return null;
      return r.slice(0, length);
    }

    var state = new WeakMap();

    function keyBytes(key, encoding) {
      if (shared.isCryptoKey(key)) key = shared.webcrypto().keyObjectOf(key);
      if (shared.keys().isKeyObject(key)) {
        var s = shared.keys().stateOf(key);
        if (s.type !== 'secret') {
          throw errors.make(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type ' + s.type + ', expected secret.');
        }
        return s.bytes;
      }
      if (typeof key === 'string') return binding.encode(key, shared.normalizeEncoding(encoding) || 'utf8');
      if (shared.isBytes(key)) return shared.viewBytes(key).slice();
      throw errors.invalidArgType('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'], key);
    }

    function ivBytes(iv, encoding) {
      if (iv === null) return null;
      if (typeof iv === 'string') return binding.encode(iv, shared.normalizeEncoding(encoding) || 'utf8');
      if (shared.isBytes(iv)) return shared.viewBytes(iv).slice();
      throw errors.invalidArgType('iv', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], iv);
    }

    function invalidState(what) {
      return errors.make(Error, 'ERR_CRYPTO_INVALID_STATE', what ? 'Invalid state for operation ' + what : 'Invalid state');
    }

    function openSslError(code, message, reason) {
      var error = new Error(message);
      error.library = 'Provider routines';
      error.reason = reason;
      error.code = code;
      return error;
    }

    function Cipheriv(cipher, key, iv, options, decrypt) {
      errors.validateString(cipher, 'cipher');
      var info = CIPHERS[cipher.toLowerCase()];
      var k = keyBytes(key, options && options.encoding);
      var ivb = ivBytes(iv, options && options.encoding);
      if (info === undefined) throw errors.make(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
      if (k.length !== info.keyLength) throw errors.make(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
      var needsIv = info.mode !== 'ecb';
      var ivLength = info.mode === 'wrap' ? info.ivLength : 16;
      if (needsIv ? (ivb === null || (info.mode === 'gcm' ? ivb.length === 0 : ivb.length !== ivLength)) : (ivb !== null && ivb.length !== 0)) {
        throw errors.make(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
      }
      var tagLength = 16;
      if (info.mode === 'gcm' && options && options.authTagLength !== undefined) {
        tagLength = options.authTagLength;
        if (typeof tagLength !== 'number') throw errors.invalidArgType('options.authTagLength', 'number', tagLength);
        if ([4, 8, 12, 13, 14, 15, 16].indexOf(tagLength) < 0) {
          throw errors.make(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', 'Invalid authentication tag length: ' + tagLength);
        }
      }
      state.set(this, {
        mode: info.mode, key: k, iv: ivb, chain: ivb, decrypt: decrypt, pending: new Uint8Array(0), offset: 0,
        autoPadding: true, aad: new Uint8Array(0), ciphertext: info.mode === 'gcm' ? new shared.Accumulator() : null,
        tagLength: tagLength, tag: null, tagSet: false, finalized: false, started: false, decoder: null, padded: info.padded === true,
      });
    }

    function concat(a, b) {
      if (a.length === 0) return b;
      var all = new Uint8Array(a.length + b.length);
      all.set(a, 0);
      all.set(b, a.length);
      return all;
    }

    function blocks(s, bytes) {
      if (bytes.length === 0) return bytes;
      var out = binding.aesBlocks(s.mode, s.key, s.chain, bytes, s.decrypt);
      if (s.mode === 'cbc') s.chain = (s.decrypt ? bytes : out).slice(bytes.length - 16);
      return out;
    }

    function process(s, bytes) {
      if (s.mode === 'wrap') {
        if (bytes.length === 0) return bytes; // OpenSSL answers an empty update with nothing, not an error
        var wrapped = keyWrap(s.key, s.iv, bytes, s.decrypt, s.padded);
        if (wrapped === null) throw new Error('Trying to add data in unsupported state');
        return wrapped;
      }
      if (s.mode === 'ctr' || s.mode === 'gcm') {
        if (s.mode === 'gcm' && s.decrypt) s.ciphertext.add(bytes);
        var out = binding.aesStream(s.mode, s.key, s.iv, s.offset, bytes);
        if (s.mode === 'gcm' && !s.decrypt) s.ciphertext.add(out);
        s.offset += bytes.length;
        return out;
      }
      var all = concat(s.pending, bytes);
      var n = all.length - (all.length % 16);
      // Decrypting with padding holds the last whole block back: final() removes the padding from it.
      if (s.decrypt && s.autoPadding && n === all.length && n > 0) n -= 16;
      s.pending = all.slice(n);
      return blocks(s, all.subarray(0, n));
    }

    function encoded(s, bytes, outputEncoding, end) {
      if (!outputEncoding || outputEncoding === 'buffer') return shared.toBinaryResult(bytes);
      var StringDecoder = require('string_decoder').StringDecoder;
      var normalized = shared.normalizeEncoding(outputEncoding) || outputEncoding;
      if (s.decoder === null) s.decoder = { encoding: normalized, decoder: new StringDecoder(outputEncoding) };
      else if (s.decoder.encoding !== normalized) throw new Error('Cannot change encoding');
      var buffer = shared.toBinaryResult(bytes);
      return end ? s.decoder.decoder.end(buffer) : s.decoder.decoder.write(buffer);
    }

    function update(data, inputEncoding, outputEncoding) {
      var s = state.get(this);
      if (s.finalized) throw new Error('Trying to add data in unsupported state');
      var bytes;
      if (typeof data === 'string') {
        var enc = shared.normalizeEncoding(inputEncoding);
        if (enc === 'hex' && data.length % 2 !== 0) {
          throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'encoding' is invalid for data of length " + data.length + '. Received ' + errors.primitive(inputEncoding));
        }
        bytes = binding.encode(data, enc || 'utf8');
      } else if (ArrayBuffer.isView(data)) {
        bytes = shared.viewBytes(data).slice();
      } else {
        throw errors.invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
      }
      if (s.offset + s.pending.length + bytes.length > binding.maxDigestInput) {
        throw errors.make(RangeError, 'ERR_HOOKS_INPUT_TOO_LARGE', 'crypto input is limited to ' + binding.maxDigestInput + ' bytes in HooksDashboard hooks');
      }
      s.started = true;
      return encoded(s, process(s, bytes), outputEncoding, false);
    }

    function final(outputEncoding) {
      var s = state.get(this);
      if (s.finalized) throw invalidState();
      s.finalized = true;
      var out = new Uint8Array(0);
      if (s.mode === 'gcm') {
        var tag = binding.gcmTag(s.key, s.iv, s.aad, s.ciphertext.bytes(), s.tagLength);
        if (s.decrypt) {
          if (!s.tagSet || s.tag.length !== tag.length || !binding.timingSafeEqual(s.tag, tag)) {
            throw new Error('Unsupported state or unable to authenticate data');
          }
        } else {
          s.tag = tag;
        }
      } else if (s.mode === 'ecb' || s.mode === 'cbc') {
        if (!s.decrypt) {
          var last = s.pending;
          if (s.autoPadding) {
            var pad = 16 - (last.length % 16);
            var padded = new Uint8Array(last.length + pad);
            padded.set(last, 0);
            padded.fill(pad, last.length);
            last = padded;
          } else if (last.length !== 0) {
            throw openSslError('ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', 'error:1C80006B:Provider routines::wrong final block length', 'wrong final block length');
          }
          out = blocks(s, last);
        } else if (s.autoPadding) {
          if (s.pending.length !== 16) {
            throw openSslError('ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', 'error:1C80006B:Provider routines::wrong final block length', 'wrong final block length');
          }
          var plain = blocks(s, s.pending);
          var n = plain[15];
          var good = n >= 1 && n <= 16;
          for (var i = 16 - n; good && i < 16; i++) good = plain[i] === n;
          if (!good) throw openSslError('ERR_OSSL_BAD_DECRYPT', 'error:1C800064:Provider routines::bad decrypt', 'bad decrypt');
          out = plain.slice(0, 16 - n);
        } else if (s.pending.length !== 0) {
          throw openSslError('ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', 'error:1C80006B:Provider routines::wrong final block length', 'wrong final block length');
        }
        s.pending = new Uint8Array(0);
      }
      return encoded(s, out, outputEncoding, true);
    }

    function setAutoPadding(ap) {
      var s = state.get(this);
      if (s.finalized) throw invalidState('setAutoPadding');
      s.autoPadding = ap === undefined ? true : !!ap;
      return this;
    }

    function setAAD(buffer, options) {
      var s = state.get(this);
      if (!ArrayBuffer.isView(buffer)) throw errors.invalidArgType('buffer', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], buffer);
      if (s.mode !== 'gcm' || s.started || s.finalized) throw invalidState('setAAD');
      void options;
      s.aad = concat(s.aad, shared.viewBytes(buffer).slice());
      return this;
    }

    function Cipheriv_(cipher, key, iv, options) {
      if (!(this instanceof Cipheriv_)) return new Cipheriv_(cipher, key, iv, options);
      Cipheriv.call(this, cipher, key, iv, options, false);
    }
    Cipheriv_.prototype.update = update;
    Cipheriv_.prototype.final = final;
    Cipheriv_.prototype.setAutoPadding = setAutoPadding;
    Cipheriv_.prototype.setAAD = setAAD;
    Cipheriv_.prototype.getAuthTag = function getAuthTag() {
      var s = state.get(this);
      if (s.mode !== 'gcm' || !s.finalized || s.tag === null) throw invalidState('getAuthTag');
      return shared.toBinaryResult(s.tag.slice());
    };
    Object.defineProperty(Cipheriv_, 'name', { value: 'Cipheriv' });

    function Decipheriv(cipher, key, iv, options) {
      if (!(this instanceof Decipheriv)) return new Decipheriv(cipher, key, iv, options);
      Cipheriv.call(this, cipher, key, iv, options, true);
    }
    Decipheriv.prototype.update = update;
    Decipheriv.prototype.final = final;
    Decipheriv.prototype.setAutoPadding = setAutoPadding;
    Decipheriv.prototype.setAAD = setAAD;
    Decipheriv.prototype.setAuthTag = function setAuthTag(tagbuf, encoding) {
      var s = state.get(this);
      var tag;
      if (typeof tagbuf === 'string') tag = binding.encode(tagbuf, shared.normalizeEncoding(encoding) || 'utf8');
      else if (ArrayBuffer.isView(tagbuf)) tag = shared.viewBytes(tagbuf).slice();
      else throw errors.invalidArgType('buffer', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], tagbuf);
      if (s.mode !== 'gcm' || s.finalized || s.tagSet) throw invalidState('setAuthTag');
      var allowed = s.tagLength !== 16 ? [s.tagLength] : [4, 8, 12, 13, 14, 15, 16];
      if (allowed.indexOf(tag.length) < 0) {
        throw errors.make(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', 'Invalid authentication tag length: ' + tag.length);
      }
      s.tag = tag;
      s.tagLength = tag.length;
      s.tagSet = true;
      return this;
    };

    function getCiphers() {
      // OpenSSL lists the wrap ciphers under their id- names (and aesNNN-wrap), not aesNNN-wrap-pad.
      return Object.keys(CIPHERS).filter(function (name) {
        return name.indexOf('id-') !== 0 ? !/-wrap-pad$/.test(name) : /-wrap(-pad)?$/.test(name);
      }).sort();
    }

    function getCipherInfo(nameOrNid, options) {
      void options;
      if (typeof nameOrNid !== 'string') return undefined;
      var name = nameOrNid.toLowerCase();
      var info = CIPHERS[name];
      if (info === undefined) return undefined;
      var result = { mode: info.mode, name: info.name, nid: info.nid, blockSize: info.mode === 'cbc' || info.mode === 'ecb' ? 16 : info.mode === 'wrap' ? 8 : 1 };
      if (info.mode !== 'ecb') result.ivLength = info.mode === 'gcm' ? 12 : info.mode === 'wrap' ? info.ivLength : 16;
      result.keyLength = info.keyLength;
      return result;
    }

    // Node 20's deprecated createCipher/createDecipher (DEP0106): the key and IV come from the password as OpenSSL's
    // EVP_BytesToKey makes them (MD5, one round, no salt), then it is createCipheriv's cipher. Counter modes warn, as
    // Node does, that a password's fixed IV repeats.
    var warnedPassword = false;
    function passwordCipher(Make, cipher, password, options) {
      if (!warnedPassword) {
        warnedPassword = true; // once for both: util.deprecate warns once per code (DEP0106), naming the first called
        require('process').emitWarning('crypto.' + (Make === Cipheriv_ ? 'createCipher' : 'createDecipher') + ' is deprecated.', 'DeprecationWarning', 'DEP0106');
      }
      errors.validateString(cipher, 'cipher');
      var pass = kdfBytes(password, 'password');
      var info = getCipherInfo(cipher);
      if (info === undefined) throw errors.make(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
      var ivLength = info.ivLength || 0;
      var material = new Uint8Array(0);
      var block = new Uint8Array(0);
      while (material.length < info.keyLength + ivLength) {
        var input = new Uint8Array(block.length + pass.length);
        input.set(block, 0);
        input.set(pass, block.length);
        block = binding.digest('md5', input);
        var grown = new Uint8Array(material.length + block.length);
        grown.set(material, 0);
        grown.set(block, material.length);
        material = grown;
      }
      if (Make === Cipheriv_ && (info.mode === 'ctr' || info.mode === 'gcm')) require('process').emitWarning('Use Cipheriv for counter mode of ' + cipher);
      var key = Buffer.from(material.buffer, 0, info.keyLength);
      var iv = ivLength ? Buffer.from(material.buffer, info.keyLength, ivLength) : null;
      return new Make(cipher, key, iv, options);
    }

    // Key derivation --------------------------------------------------------------------------------------------------

    function kdfBytes(value, name) {
      if (typeof value === 'string') return binding.encode(value, 'utf8');
      if (shared.isBytes(value)) return shared.viewBytes(value).slice();
      if (shared.keys().isKeyObject(value) && shared.keys().stateOf(value).type === 'secret') return shared.keys().stateOf(value).bytes;
      throw errors.invalidArgType(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], value);
    }

    function validateInt32(value, name, min, max) {
      if (typeof value !== 'number') throw errors.invalidArgType(name, 'number', value);
      if (!Number.isInteger(value)) throw errors.outOfRange(name, 'an integer', value);
      if (value < min || value > max) throw errors.outOfRange(name, '>= ' + min + ' && <= ' + max, value);
    }

    function tooLarge(what, limit) {
      return errors.make(RangeError, 'ERR_HOOKS_INPUT_TOO_LARGE', what + ' is limited to ' + limit + ' in HooksDashboard hooks');
    }

    function checkKeylen(keylen) {
      validateInt32(keylen, 'keylen', 0, 2147483647);
      if (keylen > binding.maxDerivedBytes) throw tooLarge('a derived key', binding.maxDerivedBytes + ' bytes');
    }

    function pbkdf2Args(password, salt, iterations, keylen, digest) {
      var p = kdfBytes(password, 'password');
      var s = kdfBytes(salt, 'salt');
      validateInt32(iterations, 'iterations', 1, 2147483647);
      checkKeylen(keylen);
      errors.validateString(digest, 'digest');
      var name = binding.algorithm(digest);
      if (name === null) throw errors.make(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + digest);
      if (iterations > binding.maxPbkdf2Iterations) throw tooLarge('pbkdf2', binding.maxPbkdf2Iterations + ' iterations');
      return [p, s, iterations, keylen, name];
    }

    function pbkdf2Sync(password, salt, iterations, keylen, digest) {
      return shared.toBinaryResult(binding.pbkdf2.apply(undefined, pbkdf2Args(password, salt, iterations, keylen, digest)));
    }

    function pbkdf2(password, salt, iterations, keylen, digest, callback) {
      if (typeof digest === 'function') {
        callback = digest;
        digest = undefined;
      }
      var args = pbkdf2Args(password, salt, iterations, keylen, digest);
      errors.validateFunction(callback, 'callback');
      shared.later(function () { callback(null, shared.toBinaryResult(binding.pbkdf2.apply(undefined, args))); }, []);
    }

    function invalidScrypt(detail) {
      return errors.make(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', 'Invalid scrypt params' + (detail ? ': ' + detail : ''));
    }

    function scryptArgs(password, salt, keylen, options) {
      var p = kdfBytes(password, 'password');
      var s = kdfBytes(salt, 'salt');
      checkKeylen(keylen);
      var N = 16384, r = 8, par = 1, maxmem = 32 * 1024 * 1024;
      if (options !== undefined && options !== null) {
        errors.validateObject(options, 'options');
        var pairs = [['N', 'cost'], ['r', 'blockSize'], ['p', 'parallelization']];
        for (var i = 0; i < pairs.length; i++) {
          var a = options[pairs[i][0]], b = options[pairs[i][1]];
          if (a !== undefined && b !== undefined) {
            throw errors.make(Error, 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter');
          }
        }
        var n = options.N !== undefined ? options.N : options.cost;
        // 0 means the default, as in Node.
        if (n !== undefined) { validateInt32(n, 'N', 0, 4294967295); N = n || N; }
        var rr = options.r !== undefined ? options.r : options.blockSize;
        if (rr !== undefined) { validateInt32(rr, 'r', 0, 4294967295); r = rr || r; }
        var pp = options.p !== undefined ? options.p : options.parallelization;
        if (pp !== undefined) { validateInt32(pp, 'p', 0, 4294967295); par = pp || par; }
        if (options.maxmem !== undefined) {
          if (typeof options.maxmem !== 'number') throw errors.invalidArgType('options.maxmem', 'number', options.maxmem);
          if (!Number.isSafeInteger(options.maxmem) || options.maxmem < 0) throw errors.outOfRange('maxmem', '>= 0 && <= 9007199254740991', options.maxmem);
          maxmem = options.maxmem || maxmem;
        }
      }
      // OpenSSL's checks: N a power of two above 1, r and p positive, p·r below 2^30.
      if (N < 2 || (N & (N - 1)) !== 0 || r < 1 || par < 1 || par * r >= 1073741824) throw invalidScrypt();
      // OpenSSL counts p·128·r bytes of blocks and 128·r·(N + 2) of ROMix state against maxmem.
      var memory = 128 * r * par + 128 * r * (N + 2);
      if (memory > maxmem) throw invalidScrypt('error:030000AC:digital envelope routines::memory limit exceeded');
      if (memory > binding.maxScryptMemory) throw tooLarge('scrypt memory (128 * N * r bytes)', binding.maxScryptMemory + ' bytes');
      return [p, s, keylen, N, r, par];
    }

    function scryptSync(password, salt, keylen, options) {
      return shared.toBinaryResult(binding.scrypt.apply(undefined, scryptArgs(password, salt, keylen, options)));
    }

    function scrypt(password, salt, keylen, options, callback) {
      if (typeof options === 'function') {
        callback = options;
        options = undefined;
      }
      var args = scryptArgs(password, salt, keylen, options);
      errors.validateFunction(callback, 'callback');
      shared.later(function () { callback(null, shared.toBinaryResult(binding.scrypt.apply(undefined, args))); }, []);
    }

    var HASH_LENGTHS = { md5: 16, sha1: 20, sha256: 32, sha384: 48, sha512: 64 };

    function hkdfArgs(digest, key, salt, info, keylen) {
      errors.validateString(digest, 'digest');
      var ikm = kdfBytes(key, 'ikm');
      var s = kdfBytes(salt, 'salt');
      var i = kdfBytes(info, 'info');
      validateInt32(keylen, 'length', 0, 2147483647);
      var name = binding.algorithm(digest);
      if (name === null) throw errors.make(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + digest);
      if (i.length > 1024) {
        throw errors.make(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "info" is out of range. It must be must not contain more than 1024 bytes. Received ' + i.length);
      }
      if (keylen > 255 * HASH_LENGTHS[name]) throw errors.make(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
      return [name, ikm, s, i, keylen];
    }

    // Node returns an ArrayBuffer from hkdf, not a Buffer.
    function hkdfSync(digest, key, salt, info, keylen) {
      var out = binding.hkdf.apply(undefined, hkdfArgs(digest, key, salt, info, keylen));
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
    }

    function hkdf(digest, key, salt, info, keylen, callback) {
      var args = hkdfArgs(digest, key, salt, info, keylen);
      errors.validateFunction(callback, 'callback');
      shared.later(function () {
        var out = binding.hkdf.apply(undefined, args);
        callback(null, out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
      }, []);
    }

    return {
      Cipheriv: Cipheriv_,
      Decipheriv: Decipheriv,
      createCipheriv: function createCipheriv(cipher, key, iv, options) { return new Cipheriv_(cipher, key, iv, options); },
      createDecipheriv: function createDecipheriv(cipher, key, iv, options) { return new Decipheriv(cipher, key, iv, options); },
      createCipher: function createCipher(cipher, password, options) { return passwordCipher(Cipheriv_, cipher, password, options); },
      createDecipher: function createDecipher(cipher, password, options) { return passwordCipher(Decipheriv, cipher, password, options); },
      getCiphers: getCiphers,
      getCipherInfo: getCipherInfo,
      keyWrap: keyWrap,
      pbkdf2: pbkdf2,
      pbkdf2Sync: pbkdf2Sync,
      scrypt: scrypt,
      scryptSync: scryptSync,
      hkdf: hkdf,
      hkdfSync: hkdfSync,
    };
  };
})
