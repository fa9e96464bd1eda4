// bcryptjs 2.x's and 3.x's API (hashSync/hash, compareSync/compare, genSaltSync/genSalt, getRounds, getSalt, encodeBase64,
// decodeBase64, setRandomFallback) and the native bcrypt package's (5.x, 6.x), each with its arguments, defaults,
// errors and callback/promise forms, over the host's bcrypt (binding.hash, NodeBcrypt.cs). The loader gives them in
// place of the packages' own code (AcceleratedPackages): bcryptjs's a JavaScript interpreter runs ~300 times slower
// than Node (a cost-10 compare took ~20 s), bcrypt's is a compiled add-on no engine can load.
(function (require, binding) {
  'use strict';
  var ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  var INDEX = {};
  for (var a = 0; a < ALPHABET.length; a++) INDEX[ALPHABET.charCodeAt(a)] = a;
  var SALT_BYTES = 16;
  var HASH_BYTES = 23;
  var DEFAULT_ROUNDS = 10;

  // bcrypt's base64: its own alphabet, no padding, len bytes of b.
  function encodeBase64(b, len) {
    if (len <= 0 || len > b.length) throw Error('Illegal len: ' + len);
    var out = '';
    for (var off = 0; off < len; off += 3) {
      var c1 = b[off] & 0xff;
      out += ALPHABET[c1 >> 2];
      var rest = (c1 & 0x03) << 4;
      if (off + 1 >= len) { out += ALPHABET[rest]; break; }
      var c2 = b[off + 1] & 0xff;
      out += ALPHABET[rest | (c2 >> 4)];
      rest = (c2 & 0x0f) << 2;
      if (off + 2 >= len) { out += ALPHABET[rest]; break; }
      var c3 = b[off + 2] & 0xff;
      out += ALPHABET[rest | (c3 >> 6)] + ALPHABET[c3 & 0x3f];
    }
    return out;
  }

  // At most len bytes from s; stops at the first character outside the alphabet, as bcrypt's decoder.
  function decodeBase64(s, len) {
    if (len <= 0) throw Error('Illegal len: ' + len);
    var digit = function (i) { var d = INDEX[s.charCodeAt(i)]; return d === undefined ? -1 : d; };
    var out = [];
    for (var off = 0; off < s.length - 1 && out.length < len; off += 4) {
      var c1 = digit(off), c2 = digit(off + 1);
      if (c1 < 0 || c2 < 0) break;
      out.push(((c1 << 2) | ((c2 & 0x30) >> 4)) & 0xff);
      if (out.length >= len || off + 2 >= s.length) break;
      var c3 = digit(off + 2);
      if (c3 < 0) break;
      out.push((((c2 & 0x0f) << 4) | ((c3 & 0x3c) >> 2)) & 0xff);
      if (out.length >= len || off + 3 >= s.length) break;
      var c4 = digit(off + 3);
      // bcryptjs keeps the -1 of a last character outside the alphabet, as the code unit 65535.
      out.push(c4 < 0 ? 65535 : (((c3 & 0x03) << 6) | c4) & 0xff);
    }
    return out;
  }

  // UTF-8 as bcryptjs encodes a string: code points from surrogate pairs, a lone surrogate as its own three bytes.
  function utf8(s) {
    var bytes = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        var low = s.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00); i++; }
      }
      if (c < 0x80) bytes.push(c);
      else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
      else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
      else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
    return bytes;
  }

  var randomFallback = null;
  function random(len) {
    try { return Array.prototype.slice.call(require('crypto').randomBytes(len)); } catch (e) { void e; }
    if (!randomFallback) throw Error('Neither WebCryptoAPI nor a crypto module is available. Use bcrypt.setRandomFallback to set an alternative');
    return randomFallback(len);
  }

  function later(f) { require('timers').setImmediate(f); }

  // The callback form when a callback is given (checked), else a promise.
  function callbackOrPromise(callback, run) {
    if (callback) {
      if (typeof callback !== 'function') throw Error('Illegal callback: ' + typeof callback);
      run(callback);
      return undefined;
    }
    return new Promise(function (resolve, reject) {
      run(function (err, res) { if (err) reject(err); else resolve(res); });
    });
  }

  // The length-independent comparison bcryptjs makes (every character is looked at).
  function safeStringCompare(known, unknown) {
    var right = 0, wrong = 0;
    for (var i = 0, k = known.length; i < k; ++i) {
      if (known.charCodeAt(i) === unknown.charCodeAt(i)) ++right; else ++wrong;
    }
    if (right < 0) return false;
    return wrong === 0;
  }

  // Parses the salt string and computes the hash; errors are thrown, or given to the callback on a later turn.
  function hashWith(s, salt, callback, progressCallback) {
    // bcryptjs gives its salt errors to the callback alone, the rounds and length errors (from its key schedule) with null.
    function fail(message, withNull) {
      var err = Error(message);
      if (callback) { later(function () { if (withNull) callback(err, null); else callback(err); }); return undefined; }
      throw err;
    }
    if (typeof s !== 'string' || typeof salt !== 'string') return fail('Invalid string / salt: Not a string');
    if (salt.charAt(0) !== '$' || salt.charAt(1) !== '2') return fail('Invalid salt version: ' + salt.substring(0, 2));
    var minor, offset;
    if (salt.charAt(2) === '$') {
      minor = '\u0000';
      offset = 3;
    } else {
      minor = salt.charAt(2);
      if ((minor !== 'a' && minor !== 'b' && minor !== 'y') || salt.charAt(3) !== '$') {
        return fail('Invalid salt revision: ' + salt.substring(2, 4));
      }
      offset = 4;
    }
    if (salt.charAt(offset + 2) > '$') return fail('Missing salt rounds');
    var rounds = parseInt(salt.substring(offset, offset + 1), 10) * 10 + parseInt(salt.substring(offset + 1, offset + 2), 10);
    var saltBytes = decodeBase64(salt.substring(offset + 3, offset + 25), SALT_BYTES);
    var key = utf8(minor >= 'a' ? s + '\u0000' : s);
    // bcryptjs's checks, in its order (NaN rounds pass its range check; it then hashes one round, which is refused here).
    if (rounds < 4 || rounds > 31) return fail('Illegal number of rounds (4-31): ' + rounds, true);
    if (saltBytes.length !== SALT_BYTES) return fail('Illegal salt length: ' + saltBytes.length + ' != ' + SALT_BYTES, true);
    if (rounds !== rounds) return fail('Illegal number of rounds (4-31): ' + rounds, true);
    if (rounds > binding.maxCost) {
      return fail('bcrypt costs above ' + binding.maxCost + ' are not computed in HooksDashboard hooks (this salt asks for ' + rounds +
        '): one hash would outlast the invocation', true);
    }
    var compute = function () {
      var bytes = binding.hash(new Uint8Array(key), new Uint8Array(saltBytes), rounds);
      return '$2' + (minor >= 'a' ? minor : '') + '$' + (rounds < 10 ? '0' : '') + rounds + '$' +
        encodeBase64(saltBytes, SALT_BYTES) + encodeBase64(bytes, HASH_BYTES);
    };
    if (!callback) return compute();
    later(function () {
      if (progressCallback) progressCallback(0);
      var result;
      try { result = compute(); } catch (err) { callback(err, null); return; }
      if (progressCallback) progressCallback(1);
      callback(null, result);
    });
    return undefined;
  }

  // bcryptjs's API: 2.x makes $2a$ salts; 3.x $2b$ ones and adds truncates (its CommonJS export is the default
  // export's object, which lists the same functions).
  function bcryptjsApi(revision, version3) {
    var bcrypt = {};

    bcrypt.setRandomFallback = function (random) { randomFallback = random; };

    bcrypt.genSaltSync = function (rounds, seedLength) {
      rounds = rounds || DEFAULT_ROUNDS;
      if (typeof rounds !== 'number') throw Error('Illegal arguments: ' + typeof rounds + ', ' + typeof seedLength);
      if (rounds < 4) rounds = 4;
      else if (rounds > 31) rounds = 31;
      return '$2' + revision + '$' + (rounds < 10 ? '0' : '') + rounds.toString() + '$' + encodeBase64(random(SALT_BYTES), SALT_BYTES);
    };

    bcrypt.genSalt = function (rounds, seedLength, callback) {
      if (typeof seedLength === 'function') { callback = seedLength; seedLength = undefined; }
      if (typeof rounds === 'function') { callback = rounds; rounds = undefined; }
      if (typeof rounds === 'undefined') rounds = DEFAULT_ROUNDS;
      else if (typeof rounds !== 'number') throw Error('illegal arguments: ' + typeof rounds);
      return callbackOrPromise(callback, function (done) {
        later(function () {
          var salt;
          try { salt = bcrypt.genSaltSync(rounds); } catch (err) { done(err); return; }
          done(null, salt);
        });
      });
    };

    bcrypt.hashSync = function (s, salt) {
      if (typeof salt === 'undefined') salt = DEFAULT_ROUNDS;
      if (typeof salt === 'number') salt = bcrypt.genSaltSync(salt);
      if (typeof s !== 'string' || typeof salt !== 'string') throw Error('Illegal arguments: ' + typeof s + ', ' + typeof salt);
      return hashWith(s, salt);
    };

    bcrypt.hash = function (s, salt, callback, progressCallback) {
      return callbackOrPromise(callback, function (done) {
        if (typeof s === 'string' && typeof salt === 'number') {
          bcrypt.genSalt(salt, function (err, made) { void err; hashWith(s, made, done, progressCallback); });
        } else if (typeof s === 'string' && typeof salt === 'string') {
          hashWith(s, salt, done, progressCallback);
        } else {
          later(function () { done(Error('Illegal arguments: ' + typeof s + ', ' + typeof salt)); });
        }
      });
    };

    bcrypt.compareSync = function (s, hash) {
      if (typeof s !== 'string' || typeof hash !== 'string') throw Error('Illegal arguments: ' + typeof s + ', ' + typeof hash);
      if (hash.length !== 60) return false;
      return safeStringCompare(bcrypt.hashSync(s, hash.substr(0, hash.length - 31)), hash);
    };

    bcrypt.compare = function (s, hash, callback, progressCallback) {
      return callbackOrPromise(callback, function (done) {
        if (typeof s !== 'string' || typeof hash !== 'string') {
          later(function () { done(Error('Illegal arguments: ' + typeof s + ', ' + typeof hash)); });
          return;
        }
        if (hash.length !== 60) {
          later(function () { done(null, false); });
          return;
        }
        bcrypt.hash(s, hash.substr(0, 29), function (err, comp) {
          if (err) done(err);
          else done(null, safeStringCompare(comp, hash));
        }, progressCallback);
      });
    };

    bcrypt.getRounds = function (hash) {
      if (typeof hash !== 'string') throw Error('Illegal arguments: ' + typeof hash);
      return parseInt(hash.split('$')[2], 10);
    };

    bcrypt.getSalt = function (hash) {
      if (typeof hash !== 'string') throw Error('Illegal arguments: ' + typeof hash);
      if (hash.length !== 60) throw Error('Illegal hash length: ' + hash.length + ' != 60');
      return hash.substring(0, 29);
    };

    if (version3) {
      // bcryptjs 3's addition, between getSalt and encodeBase64 as its default export lists them.
      bcrypt.truncates = function (s) {
        if (typeof s !== 'string') throw Error('Illegal arguments: ' + typeof s);
        return utf8(s).length > 72;
      };
    }

    bcrypt.encodeBase64 = encodeBase64;
    bcrypt.decodeBase64 = decodeBase64;
    return bcrypt;
  }


  // ---- bcrypt (the native package, 5.x and 6.x): its JavaScript API and its C++ side's salt rules and errors.

  var INVALID_SALT = 'Invalid salt. Salt must be in the form of: $Vers$log2(NumRounds)$saltvalue';
  var Buffer = require('buffer').Buffer;

  // "$2" [a|b] "$" two digits (4-31) "$" then 22 characters, decoded as far as they are bcrypt's base64 (the rest of
  // the 16 bytes zero); anything after them is ignored. Null when the salt does not have that form.
  function nativeSalt(salt) {
    var match = /^\$2([ab]?)\$(\d\d)\$([\s\S]{22})/.exec(salt);
    if (match === null) return null;
    var rounds = parseInt(match[2], 10);
    if (rounds < 4 || rounds > 31) return null;
    var bytes = decodeBase64(match[3], SALT_BYTES);
    while (bytes.length < SALT_BYTES) bytes.push(0);
    return { minor: match[1], rounds: rounds, bytes: bytes };
  }

  // The native module's hash: the data's bytes (a string as UTF-8), the terminating NUL for $2a$/$2b$, 72 bytes at most.
  function nativeHash(data, salt) {
    var parsed = nativeSalt(salt);
    if (parsed === null) throw new Error(INVALID_SALT);
    if (parsed.rounds > binding.maxCost) {
      throw new Error('bcrypt costs above ' + binding.maxCost + ' are not computed in HooksDashboard hooks (this salt asks for ' +
        parsed.rounds + '): one hash would outlast the invocation');
    }
    var key = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    var length = key.length + (parsed.minor === '' ? 0 : 1);
    // Before $2b$ the length went through a byte: a 300-byte key counted as 45 bytes; 256 as none, which the key
    // schedule reads as its first byte over and over.
    if (parsed.minor !== 'b') length = length & 255 || Math.min(1, key.length);
    var bytes = new Uint8Array(Math.min(length, 72));
    bytes.set(key.subarray(0, Math.min(key.length, bytes.length)), 0);
    var hash = binding.hash(bytes, new Uint8Array(parsed.bytes), parsed.rounds);
    return '$2' + parsed.minor + '$' + (parsed.rounds < 10 ? '0' : '') + parsed.rounds + '$' +
      encodeBase64(parsed.bytes, SALT_BYTES) + encodeBase64(hash, HASH_BYTES);
  }

  function isData(data) { return typeof data === 'string' || data instanceof Buffer; }

  // The module's promises.promise: the function called again with a callback that settles the promise.
  function promised(fn, context, args) {
    return new Promise(function (resolve, reject) {
      args.push(function (err, data) { if (err) reject(err); else resolve(data); });
      fn.apply(context, args);
    });
  }

  function tick(callback, err, value) {
    require('process').nextTick(function () { callback(err, value); });
  }

  var native = {};

  native.genSaltSync = function genSaltSync(rounds, minor) {
    if (!rounds) rounds = 10;
    else if (typeof rounds !== 'number') throw new Error('rounds must be a number');
    if (!minor) minor = 'b';
    else if (minor !== 'b' && minor !== 'a') throw new Error('minor must be either "a" or "b"');
    // The C++ side takes the rounds as one byte and keeps them within 4-31 (260 is 4).
    var log = Math.min(Math.max((rounds >>> 0) & 255, 4), 31);
    return '$2' + minor + '$' + (log < 10 ? '0' : '') + log + '$' + encodeBase64(random(SALT_BYTES), SALT_BYTES);
  };

  native.genSalt = function genSalt(rounds, minor, cb) {
    if (typeof arguments[0] === 'function') { cb = arguments[0]; rounds = 10; minor = 'b'; }
    else if (typeof arguments[1] === 'function') { cb = arguments[1]; minor = 'b'; }
    if (!cb) return promised(genSalt, this, [rounds, minor]);
    if (!rounds) rounds = 10;
    else if (typeof rounds !== 'number') return tick(cb, new Error('rounds must be a number'));
    if (!minor) minor = 'b';
    else if (minor !== 'b' && minor !== 'a') return tick(cb, new Error('minor must be either "a" or "b"'));
    // The add-on's callbacks get undefined, not null, for "no error".
    later(function () { cb(undefined, native.genSaltSync(rounds, minor)); });
    return undefined;
  };

  native.hashSync = function hashSync(data, salt) {
    if (data == null || salt == null) throw new Error('data and salt arguments required');
    if (!isData(data) || (typeof salt !== 'string' && typeof salt !== 'number')) {
      throw new Error('data must be a string or Buffer and salt must either be a salt string or a number of rounds');
    }
    if (typeof salt === 'number') salt = native.genSaltSync(salt);
    return nativeHash(data, salt);
  };

  native.hash = function hash(data, salt, cb) {
    var shape = 'data must be a string or Buffer and salt must either be a salt string or a number of rounds';
    if (typeof data === 'function') return tick(data, new Error(shape));
    if (typeof salt === 'function') return tick(salt, new Error(shape));
    if (cb && typeof cb !== 'function') return Promise.reject(new Error('cb must be a function or null to return a Promise'));
    if (!cb) return promised(hash, this, [data, salt]);
    if (data == null || salt == null) return tick(cb, new Error('data and salt arguments required'));
    if (!isData(data) || (typeof salt !== 'string' && typeof salt !== 'number')) return tick(cb, new Error(shape));
    var run = function (saltText) {
      later(function () {
        var result;
        try { result = nativeHash(data, saltText); } catch (err) { cb(err); return; }
        cb(undefined, result);
      });
    };
    if (typeof salt === 'number') return native.genSalt(salt, function (err, made) { void err; run(made); });
    run(salt);
    return undefined;
  };

  // A hash that is not one (a salt of another form) compares false, as the C++ side answers; a cost refused here
  // throws its error, never a silent false that would read as a wrong password.
  function nativeCompare(data, hash) {
    if (nativeSalt(hash) === null) return false;
    var expected = nativeHash(data, hash);
    return safeStringCompare(expected, hash) && expected.length === hash.length;
  }

  native.compareSync = function compareSync(data, hash) {
    if (data == null || hash == null) throw new Error('data and hash arguments required');
    if (!isData(data) || typeof hash !== 'string') throw new Error('data must be a string or Buffer and hash must be a string');
    return nativeCompare(data, hash);
  };

  native.compare = function compare(data, hash, cb) {
    if (typeof data === 'function') return tick(data, new Error('data and hash arguments required'));
    if (typeof hash === 'function') return tick(hash, new Error('data and hash arguments required'));
    if (cb && typeof cb !== 'function') return Promise.reject(new Error('cb must be a function or null to return a Promise'));
    if (!cb) return promised(compare, this, [data, hash]);
    if (data == null || hash == null) return tick(cb, new Error('data and hash arguments required'));
    if (!isData(data) || typeof hash !== 'string') return tick(cb, new Error('data and hash must be strings'));
    later(function () {
      var matched;
      try { matched = nativeCompare(data, hash); } catch (err) { cb(err); return; }
      cb(undefined, matched);
    });
    return undefined;
  };

  native.getRounds = function getRounds(hash) {
    if (hash == null) throw new Error('hash argument required');
    if (typeof hash !== 'string') throw new Error('hash must be a string');
    // bcrypt_get_rounds: "$", a version character, maybe one more, "$", then atoi of the rest; 0 is no hash.
    var at = 0;
    if (hash.charAt(at++) !== '$' || hash.length <= at) throw new Error('invalid hash provided');
    at++;
    if (at < hash.length && hash.charAt(at) !== '$') at++;
    if (hash.charAt(at++) !== '$') throw new Error('invalid hash provided');
    var rounds = parseInt(hash.slice(at), 10) || 0;
    if (rounds === 0) throw new Error('invalid hash provided');
    return rounds >>> 0;
  };

  // The package's promises.js, which some code requires by path.
  var nativePromises = {
    promise: function (fn, context, args) {
      if (!Array.isArray(args)) args = Array.prototype.slice.call(args);
      if (typeof fn !== 'function') return Promise.reject(new Error('fn must be a function'));
      return promised(fn, context, args);
    },
    reject: function (err) { return Promise.reject(err); },
    use: function () { },
  };

  return { bcryptjs: bcryptjsApi('a', false), bcryptjs3: bcryptjsApi('b', true), bcrypt: native, bcryptPromises: nativePromises };
})
