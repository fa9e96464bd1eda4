// Node's `zlib`: deflate/inflate, gzip/gunzip, raw deflate, unzip (auto-detected) and brotli, as sync functions,
// callbacks (util.promisify-able) and Transform streams (createGzip() ...). The sync and callback forms are one host
// call per input (NodeZlib.cs, System.IO.Compression); a stream has its own host codec (NodeZlibCodecs.cs) that keeps
// its state between chunks, so output comes as input arrives. Argument checks, error codes and messages follow Node 20.
(function (require, binding) {
  'use strict';
  var errors = require('internal/errors');
  var Buffer = require('buffer').Buffer;
  var stream = require('stream');
  var Transform = stream.Transform;
  var timers = require('timers');
  var process = require('process');

  var constants = {
    Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5, Z_OK: 0,
    Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4,
    Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9,
    Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
    ZLIB_VERNUM: 4880, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
    BROTLI_DECODE: 8, BROTLI_ENCODE: 9, Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
    Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9,
    Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1, BROTLI_OPERATION_PROCESS: 0,
    BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2, BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_PARAM_MODE: 0,
    BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0, BROTLI_PARAM_QUALITY: 1,
    BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11, BROTLI_PARAM_LGWIN: 2,
    BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30,
    BROTLI_DEFAULT_WINDOW: 22, BROTLI_PARAM_LGBLOCK: 3, BROTLI_MIN_INPUT_BLOCK_BITS: 16,
    BROTLI_MAX_INPUT_BLOCK_BITS: 24, BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4, BROTLI_PARAM_SIZE_HINT: 5,
    BROTLI_PARAM_LARGE_WINDOW: 6, BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8, BROTLI_DECODER_RESULT_ERROR: 0,
    BROTLI_DECODER_RESULT_SUCCESS: 1, BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2,
    BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0,
    BROTLI_DECODER_PARAM_LARGE_WINDOW: 1, BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1,
    BROTLI_DECODER_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3,
    BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1, BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2,
    BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3, BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
    BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
    BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7, BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
    BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
    BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
    BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
    BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
    BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
    BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
    BROTLI_DECODER_ERROR_UNREACHABLE: -31,
  };

  var codes = {
    Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
    Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  };
  Object.keys(codes).forEach(function (name) { codes[codes[name]] = name; });

  // ---- argument checks (Node's wording) ----

  function toInput(buffer, name) {
    if (typeof buffer === 'string') return Buffer.from(buffer);
    if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
    if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + (name || 'buffer') + '" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received ' + errors.describe(buffer));
  }

  function checkRange(options, key, lower, upper, def, label) {
    var value = options[key];
    label = label || 'options.' + key;
    if (value === undefined || (typeof value === 'number' && value !== value)) return def;
    if (typeof value !== 'number') throw errors.invalidArgType(label, 'number', value);
    if (!Number.isFinite(value)) {
      throw errors.make(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + label + '" is out of range. It must be a finite number. Received ' + errors.primitive(value));
    }
    if (value < lower || value > upper) {
      throw errors.outOfRange(label, upper === Infinity ? '>= ' + lower : '>= ' + lower + ' and <= ' + upper, value);
    }
    return value;
  }

  var kMaxLength = 4294967296;
  var deflateModes = { deflate: true, gzip: true, deflateRaw: true };

  // The options the host reads, after Node's validation of everything a caller may pass.
  function hostOptions(mode, opts) {
    if (opts !== undefined && opts !== null && typeof opts !== 'object') throw errors.invalidArgType('options', 'Object', opts);
    opts = opts || {};
    var result = {};
    result.maxOutputLength = checkRange(opts, 'maxOutputLength', 1, kMaxLength, kMaxLength);
    result.chunkSize = checkRange(opts, 'chunkSize', 64, Infinity, 16 * 1024);
    result.info = opts.info === true;
    var brotli = mode === 'brotliCompress' || mode === 'brotliDecompress';
    result.brotli = brotli;
    var finishFlush = brotli
      ? checkRange(opts, 'finishFlush', constants.BROTLI_OPERATION_PROCESS, constants.BROTLI_OPERATION_EMIT_METADATA, constants.BROTLI_OPERATION_FINISH)
      : checkRange(opts, 'finishFlush', constants.Z_NO_FLUSH, constants.Z_BLOCK, constants.Z_FINISH);
    result.flush = brotli
      ? checkRange(opts, 'flush', constants.BROTLI_OPERATION_PROCESS, constants.BROTLI_OPERATION_EMIT_METADATA, constants.BROTLI_OPERATION_PROCESS)
      : checkRange(opts, 'flush', constants.Z_NO_FLUSH, constants.Z_BLOCK, constants.Z_NO_FLUSH);
    result.finishFlush = finishFlush;
    result.partial = finishFlush !== (brotli ? constants.BROTLI_OPERATION_FINISH : constants.Z_FINISH);
    if (brotli) {
      var params = opts.params;
      if (params !== undefined) {
        if (params === null || typeof params !== 'object') throw errors.invalidArgType('options.params', 'Object', params);
        Object.keys(params).forEach(function (key) {
          var id = Number(key);
          if (!Number.isInteger(id) || id < 0 || id > 10 || typeof params[key] !== 'number') {
            throw errors.make(RangeError, 'ERR_BROTLI_INVALID_PARAM', key + ' is not a valid Brotli parameter');
          }
        });
        var quality = params[constants.BROTLI_PARAM_QUALITY];
        var lgwin = params[constants.BROTLI_PARAM_LGWIN];
        if (quality !== undefined) result.quality = Math.max(0, Math.min(11, quality));
        if (lgwin !== undefined) result.lgwin = Math.max(10, Math.min(24, lgwin));
      }
      return result;
    }
    // windowBits is checked as Node does; .NET's zlib always uses a 32 KiB window (15), which reads every stream.
    var windowBits = opts.windowBits;
    if (windowBits === 0 && (mode === 'gunzip' || mode === 'inflate' || mode === 'unzip')) windowBits = undefined;
    result.windowBits = checkRange({ windowBits: windowBits }, 'windowBits', 8, 15, 15);
    if (deflateModes[mode]) {
      result.level = checkRange(opts, 'level', -1, 9, -1);
      checkRange(opts, 'memLevel', 1, 9, 8);
      result.strategy = checkRange(opts, 'strategy', 0, 4, 0);
    }
    if (opts.dictionary !== undefined) {
      throw errors.make(Error, 'ERR_HOOKS_ZLIB_UNSUPPORTED', 'zlib\'s "dictionary" option is not available in HooksDashboard hooks');
    }
    return result;
  }

  function toBuffer(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  function run(mode, input, options) {
    return toBuffer(binding.process(mode, input, options));
  }

  // ---- sync and callback forms ----

  function syncForm(mode) {
    return function (buffer, opts) {
      var input = toInput(buffer);
      var options = hostOptions(mode, opts);
      var result = run(mode, input, options);
      return options.info ? { buffer: result, engine: closedEngine(mode, opts) } : result;
    };
  }

  function callbackForm(mode) {
    return function (buffer, opts, callback) {
      if (typeof opts === 'function') {
        callback = opts;
        opts = {};
      }
      errors.validateFunction(callback, 'callback');
      var input = toInput(buffer);
      var options = hostOptions(mode, opts);
      // Node does the work on its thread pool and calls back from the event loop: a later turn here too.
      timers.setImmediate(function () {
        var result;
        try {
          result = run(mode, input, options);
        } catch (err) {
          callback(err);
          return;
        }
        callback(null, options.info ? { buffer: result, engine: closedEngine(mode, opts) } : result);
      });
    };
  }

  // ---- streams ----

  var kMode = Symbol('kMode');
  var kOptions = Symbol('kOptions');
  var kHandle = Symbol('kHandle');
  var kFlushFlag = Symbol('kFlushFlag');
  var kError = Symbol('kError');

  // zlib's flush values in increasing order of how much they flush (Node's maxFlush); brotli's operations share 0-2.
  var flushiness = [];
  [constants.Z_NO_FLUSH, constants.Z_BLOCK, constants.Z_PARTIAL_FLUSH, constants.Z_SYNC_FLUSH, constants.Z_FULL_FLUSH,
    constants.Z_FINISH].forEach(function (flag, i) { flushiness[flag] = i; });
  function maxFlush(a, b) { return flushiness[a] > flushiness[b] ? a : b; }

  // Zero-length buffers that carry a flush request through write(), one per kind (Node's flushBuffers).
  var flushBuffers = {};
  function flushBuffer(kind) {
    if (!flushBuffers[kind]) {
      var buffer = Buffer.alloc(0);
      buffer[kFlushFlag] = kind;
      flushBuffers[kind] = buffer;
    }
    return flushBuffers[kind];
  }

  // The base of every zlib stream: a Transform whose host codec (NodeZlibCodecs.cs) keeps its state between chunks, so
  // output is pushed as input arrives. Each chunk is processed on a later turn, as Node's thread pool returns it.
  function ZlibBase(mode, opts) {
    var options = hostOptions(mode, opts);
    Transform.call(this, Object.assign({}, opts, { autoDestroy: true }));
    this[kMode] = mode;
    this[kOptions] = options;
    this[kHandle] = binding.open(mode, options);
    this[kError] = null;
    this._defaultFlushFlag = options.flush;
    this._finishFlushFlag = options.finishFlush;
    this._defaultFullFlushFlag = options.brotli ? constants.BROTLI_OPERATION_FLUSH : constants.Z_FULL_FLUSH;
    this._chunkSize = options.chunkSize;
    this._info = options.info;
    this._maxOutputLength = options.maxOutputLength;
    this._level = options.level;
    this._strategy = options.strategy;
    this.bytesWritten = 0;
  }
  Object.setPrototypeOf(ZlibBase.prototype, Transform.prototype);
  Object.setPrototypeOf(ZlibBase, Transform);

  Object.defineProperty(ZlibBase.prototype, '_handle', {
    configurable: true,
    get: function () { return this[kHandle] || null; },
  });

  Object.defineProperty(ZlibBase.prototype, '_closed', {
    configurable: true,
    get: function () { return !this[kHandle]; },
  });

  function closeHandle(self) {
    var handle = self[kHandle];
    if (handle) {
      self[kHandle] = null;
      binding.close(handle);
    }
  }

  // Pushes the host's output in chunkSize pieces (views over the same bytes), as Node's output buffer does.
  function pushOutput(self, bytes) {
    var size = self._chunkSize;
    for (var offset = 0; offset < bytes.byteLength; offset += size) {
      self.push(Buffer.from(bytes.buffer, bytes.byteOffset + offset, Math.min(size, bytes.byteLength - offset)));
    }
  }

  function processChunk(self, chunk, flushFlag, cb) {
    timers.setImmediate(function () {
      if (self.destroyed || !self[kHandle]) {
        cb();
        return;
      }
      var output;
      try {
        output = binding.write(self[kHandle], new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength), flushFlag);
      } catch (err) {
        // zlib's error: the stream is destroyed with it and the write's callback is never called (Node's onerror).
        self[kHandle] = null;
        self[kError] = err;
        self.destroy(err);
        return;
      }
      self.bytesWritten += chunk.byteLength;
      pushOutput(self, output);
      cb();
    });
  }

  ZlibBase.prototype._transform = function (chunk, encoding, cb) {
    if (typeof chunk === 'string') chunk = Buffer.from(chunk, encoding);
    var flushFlag = this._defaultFlushFlag;
    // A zero-length chunk from flush() carries its own flush kind.
    if (typeof chunk[kFlushFlag] === 'number') flushFlag = chunk[kFlushFlag];
    // The last chunk also applies finishFlush.
    if (this.writableEnded && this.writableLength === chunk.byteLength) flushFlag = maxFlush(flushFlag, this._finishFlushFlag);
    processChunk(this, chunk, flushFlag, cb);
  };

  ZlibBase.prototype._flush = function (callback) {
    this._transform(Buffer.alloc(0), '', callback);
  };

  ZlibBase.prototype._final = function (callback) {
    callback();
  };

  ZlibBase.prototype._destroy = function (err, callback) {
    closeHandle(this);
    callback(err);
  };

  // flush([kind, ]callback): the output so far is emitted (Z_FULL_FLUSH by default, or brotli's FLUSH operation).
  ZlibBase.prototype.flush = function (kind, callback) {
    if (typeof kind === 'function' || (kind === undefined && !callback)) {
      callback = kind;
      kind = this._defaultFullFlushFlag;
    }
    if (this.writableFinished) {
      if (callback) process.nextTick(callback);
    } else if (this.writableEnded) {
      if (callback) this.once('end', callback);
    } else {
      this.write(flushBuffer(kind), '', callback);
    }
  };

  ZlibBase.prototype.close = function (callback) {
    if (callback) stream.finished(this, callback);
    this.destroy();
  };

  // reset(): the stream starts over (a new codec), dropping what it held.
  ZlibBase.prototype.reset = function () {
    if (!this[kHandle]) throw new Error('zlib binding closed');
    binding.close(this[kHandle]);
    this[kHandle] = binding.open(this[kMode], this[kOptions]);
  };

  // params(level, strategy, callback): the data so far is sync-flushed first, then the codec takes the new level and
  // strategy (deflate streams; the others accept and ignore them).
  ZlibBase.prototype.params = function (level, strategy, callback) {
    checkRange({ level: level }, 'level', constants.Z_MIN_LEVEL, constants.Z_MAX_LEVEL, undefined, 'level');
    checkRange({ strategy: strategy }, 'strategy', constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, undefined, 'strategy');
    var self = this;
    if (this._level !== level || this._strategy !== strategy) {
      this.flush(constants.Z_SYNC_FLUSH, function () {
        if (!self[kHandle]) throw new Error('zlib binding closed');
        pushOutput(self, binding.params(self[kHandle], level, strategy));
        if (!self.destroyed) {
          self._level = level;
          self._strategy = strategy;
          if (callback) callback();
        }
      });
    } else if (callback) {
      process.nextTick(callback);
    }
  };

  // The engine that info: true returns with a convenience method's result: a stream whose codec is already closed.
  function closedEngine(mode, opts) {
    var engine = new classes[classOf[mode]](opts);
    closeHandle(engine);
    return engine;
  }

  function defineClass(name, mode) {
    var Ctor = {
      [name]: function (opts) {
        if (!(this instanceof Ctor)) return new Ctor(opts);
        ZlibBase.call(this, mode, opts);
      },
    }[name];
    Object.setPrototypeOf(Ctor.prototype, ZlibBase.prototype);
    Object.setPrototypeOf(Ctor, ZlibBase);
    return Ctor;
  }

  var classes = {
    Deflate: defineClass('Deflate', 'deflate'),
    Inflate: defineClass('Inflate', 'inflate'),
    Gzip: defineClass('Gzip', 'gzip'),
    Gunzip: defineClass('Gunzip', 'gunzip'),
    DeflateRaw: defineClass('DeflateRaw', 'deflateRaw'),
    InflateRaw: defineClass('InflateRaw', 'inflateRaw'),
    Unzip: defineClass('Unzip', 'unzip'),
    BrotliCompress: defineClass('BrotliCompress', 'brotliCompress'),
    BrotliDecompress: defineClass('BrotliDecompress', 'brotliDecompress'),
  };

  var classOf = {};
  Object.keys(classes).forEach(function (name) {
    var mode = name.charAt(0).toLowerCase() + name.slice(1);
    classOf[mode] = name;
  });

  // ---- crc32 (Node 20.15+) ----

  var crcTable = null;
  function crc32(data, value) {
    if (typeof data === 'string') data = Buffer.from(data);
    else if (!ArrayBuffer.isView(data)) throw errors.invalidArgType('data', ['Buffer', 'TypedArray', 'DataView', 'string'], data);
    if (value === undefined) value = 0;
    else if (typeof value !== 'number') throw errors.invalidArgType('value', 'number', value);
    if (!crcTable) {
      crcTable = new Int32Array(256);
      for (var n = 0; n < 256; n++) {
        var c = n;
        for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        crcTable[n] = c;
      }
    }
    var bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    var crc = (value ^ -1) | 0;
    for (var i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ -1) >>> 0;
  }

  var exports = { crc32: crc32 };
  Object.keys(classes).forEach(function (name) { exports[name] = classes[name]; });
  var modes = ['deflate', 'gzip', 'deflateRaw', 'unzip', 'inflate', 'gunzip', 'inflateRaw', 'brotliCompress', 'brotliDecompress'];
  modes.forEach(function (mode) {
    exports[mode] = callbackForm(mode);
    exports[mode + 'Sync'] = syncForm(mode);
  });
  Object.keys(classes).forEach(function (name) {
    exports['create' + name] = function (opts) { return new classes[name](opts); };
  });
  Object.defineProperty(exports, 'constants', { enumerable: true, value: constants });
  Object.defineProperty(exports, 'codes', { enumerable: true, value: Object.freeze(codes) });
  // Node also exposes the constants on the module itself (deprecated, but packages read zlib.Z_SYNC_FLUSH).
  Object.keys(constants).forEach(function (key) {
    if (key.indexOf('BROTLI') !== 0) Object.defineProperty(exports, key, { enumerable: false, value: constants[key] });
  });
  return exports;
})
