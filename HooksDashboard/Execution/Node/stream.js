// Node's `stream`: Readable, Writable, Duplex, Transform, PassThrough, the legacy Stream, pipeline, finished,
// addAbortSignal and Readable.from, written from Node 20's documented behaviour. Event timing follows Node:
// 'readable', 'end', 'close', 'error', write callbacks and 'finish' are deferred with process.nextTick exactly
// where Node defers them, so the order a hook observes is Node's (checked against node by Cases/stream*.js).
(function (require) {
  'use strict';
  var EE = require('events');
  var errors = require('internal/errors');
  var Buffer = require('buffer').Buffer;
  var processModule = require('process');
  // Loaded on first use: most streams never decode strings or meet an abort.
  var lazy = {};
  function StringDecoder(encoding) {
    var Ctor = lazy.StringDecoder || (lazy.StringDecoder = require('string_decoder').StringDecoder);
    return new Ctor(encoding);
  }
  function abortModule() {
    return lazy.abort || (lazy.abort = require('internal/abort_controller'));
  }
  function AbortError(message, options) {
    var Ctor = abortModule().AbortError;
    return new Ctor(message, options);
  }

  function nextTick(fn) {
    processModule.nextTick.apply(processModule, arguments);
  }
  function nop() {}

  var kPaused = Symbol('kPaused');
  var kOnFinished = Symbol('kOnFinished');
  var kConstruct = Symbol('kConstruct');
  var kDestroy = Symbol('kDestroy');
  var kCallback = Symbol('kCallback');
  var kIsDestroyed = Symbol.for('nodejs.stream.destroyed');

  // ---- errors -------------------------------------------------------------------------------------------------

  function codeError(Base, code, message) { return errors.make(Base, code, message); }
  var E = {
    pushAfterEof: function () { return codeError(Error, 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'); },
    unshiftAfterEnd: function () { return codeError(Error, 'ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event'); },
    notImplemented: function (name) { return codeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The ' + name + ' method is not implemented'); },
    writeAfterEnd: function () { return codeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end'); },
    destroyed: function (name) { return codeError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call ' + name + ' after a stream was destroyed'); },
    nullValues: function () { return codeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream'); },
    multipleCallback: function () { return codeError(Error, 'ERR_MULTIPLE_CALLBACK', 'Callback called multiple times'); },
    prematureClose: function () { return codeError(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close'); },
    alreadyFinished: function (name) { return codeError(Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call ' + name + ' after a stream was finished'); },
    cannotPipe: function () { return codeError(Error, 'ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable'); },
    missingArgs: function (name) { return codeError(TypeError, 'ERR_MISSING_ARGS', 'The "' + name + '" argument must be specified'); },
    unknownEncoding: function (enc) { return codeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + enc); },
    invalidReturn: function (expected, name, value) {
      var type = value === null ? 'null' : value && value.constructor && value.constructor.name ? 'instance of ' + value.constructor.name : 'type ' + typeof value;
      return codeError(TypeError, 'ERR_INVALID_RETURN_VALUE', 'Expected ' + expected + ' to be returned from the "' + name + '" function but got ' + type + '.');
    },
    invalidChunk: function (chunk) {
      return errors.invalidArgType('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    },
  };
  // Node lists the chunk's accepted types as "string or an instance of Buffer, TypedArray, or DataView".
  E.invalidChunk = function (chunk) {
    return codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "chunk" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ' + errors.describe(chunk));
  };
  E.invalidReadChunk = function (chunk) {
    return codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received ' + errors.describe(chunk));
  };


  function aggregateTwoErrors(inner, outer) {
    if (inner && outer && inner !== outer) {
      if (Array.isArray(outer.errors)) { outer.errors.push(inner); return outer; }
      var err = new AggregateError([outer, inner], outer.message);
      err.code = outer.code;
      return err;
    }
    return inner || outer;
  }

  function once(callback) {
    var called = false;
    return function () {
      if (called) return;
      called = true;
      return callback.apply(this, arguments);
    };
  }

  function isUint8Array(value) {
    return value instanceof Uint8Array;
  }
  function isArrayBufferView(value) {
    return ArrayBuffer.isView(value);
  }
  function toBuffer(chunk) {
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }

  // ---- high water marks -----------------------------------------------------------------------------------------

  var defaultHighWaterMarkBytes = 16 * 1024;
  var defaultHighWaterMarkObjects = 16;

  function getDefaultHighWaterMark(objectMode) {
    return objectMode ? defaultHighWaterMarkObjects : defaultHighWaterMarkBytes;
  }
  function setDefaultHighWaterMark(objectMode, value) {
    errors.validateNumber(value, 'value');
    if (value < 0 || !Number.isInteger(value)) throw errors.outOfRange('value', '>= 0', value);
    if (objectMode) defaultHighWaterMarkObjects = value; else defaultHighWaterMarkBytes = value;
  }
  function highWaterMarkFrom(options, isDuplex, duplexKey) {
    return options.highWaterMark != null ? options.highWaterMark : isDuplex ? options[duplexKey] : null;
  }
  function getHighWaterMark(state, options, duplexKey, isDuplex) {
    var hwm = highWaterMarkFrom(options, isDuplex, duplexKey);
    if (hwm != null) {
      if (!Number.isInteger(hwm) || hwm < 0) {
        var name = isDuplex ? 'options.' + duplexKey : 'options.highWaterMark';
        throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property '" + name + "' is invalid. Received " + errors.primitive(hwm));
      }
      return Math.floor(hwm);
    }
    return getDefaultHighWaterMark(state.objectMode);
  }

  // ---- predicates (Node's stream utils) -------------------------------------------------------------------------

  function isReadableNodeStream(obj, strict) {
    return !!(obj && typeof obj.pipe === 'function' && typeof obj.on === 'function' &&
      (!strict || (typeof obj.pause === 'function' && typeof obj.resume === 'function')) &&
      (!obj._writableState || (obj._readableState && obj._readableState.readable !== false)) &&
      (!obj._writableState || obj._readableState));
  }
  function isWritableNodeStream(obj) {
    return !!(obj && typeof obj.write === 'function' && typeof obj.on === 'function' &&
      (!obj._readableState || (obj._writableState && obj._writableState.writable !== false)));
  }
  function isDuplexNodeStream(obj) {
    return !!(obj && typeof obj.pipe === 'function' && obj._readableState && typeof obj.on === 'function' && typeof obj.write === 'function');
  }
  function isNodeStream(obj) {
    return !!(obj && (obj._readableState || obj._writableState ||
      (typeof obj.write === 'function' && typeof obj.on === 'function') ||
      (typeof obj.pipe === 'function' && typeof obj.on === 'function')));
  }
  function isIterable(obj, isAsync) {
    if (obj == null) return false;
    if (isAsync === true) return typeof obj[Symbol.asyncIterator] === 'function';
    if (isAsync === false) return typeof obj[Symbol.iterator] === 'function';
    return typeof obj[Symbol.asyncIterator] === 'function' || typeof obj[Symbol.iterator] === 'function';
  }
  function isDestroyed(stream) {
    if (!isNodeStream(stream)) return null;
    var state = stream._writableState || stream._readableState;
    return !!(stream.destroyed || stream[kIsDestroyed] || (state && state.destroyed));
  }
  function isWritableEnded(stream) {
    if (!isWritableNodeStream(stream)) return null;
    if (stream.writableEnded === true) return true;
    var w = stream._writableState;
    if (w && w.errored) return false;
    if (!w || typeof w.ended !== 'boolean') return null;
    return w.ended;
  }
  function isWritableFinished(stream, strict) {
    if (!isWritableNodeStream(stream)) return null;
    if (stream.writableFinished === true) return true;
    var w = stream._writableState;
    if (w && w.errored) return false;
    if (!w || typeof w.finished !== 'boolean') return null;
    return !!(w.finished || (strict === false && w.ended === true && w.length === 0));
  }
  function isReadableFinished(stream, strict) {
    if (!isReadableNodeStream(stream)) return null;
    var r = stream._readableState;
    if (r && r.errored) return false;
    if (!r || typeof r.endEmitted !== 'boolean') return null;
    return !!(r.endEmitted || (strict === false && r.ended === true && r.length === 0));
  }
  function isReadable(stream) {
    if (!stream || typeof stream.readable !== 'boolean') return null;
    if (isDestroyed(stream)) return false;
    return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
  }
  function isWritable(stream) {
    if (!stream || typeof stream.writable !== 'boolean') return null;
    if (isDestroyed(stream)) return false;
    return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
  }
  function isFinished(stream, opts) {
    if (!isNodeStream(stream)) return null;
    if (isDestroyed(stream)) return true;
    if ((!opts || opts.readable !== false) && isReadable(stream)) return false;
    if ((!opts || opts.writable !== false) && isWritable(stream)) return false;
    return true;
  }
  function isWritableErrored(stream) {
    if (!isNodeStream(stream)) return null;
    if (stream.writableErrored) return stream.writableErrored;
    var w = stream._writableState;
    return w && w.errored != null ? w.errored : null;
  }
  function isReadableErrored(stream) {
    if (!isNodeStream(stream)) return null;
    if (stream.readableErrored) return stream.readableErrored;
    var r = stream._readableState;
    return r && r.errored != null ? r.errored : null;
  }
  function isClosed(stream) {
    if (!isNodeStream(stream)) return null;
    if (typeof stream.closed === 'boolean') return stream.closed;
    var w = stream._writableState;
    var r = stream._readableState;
    if ((w && typeof w.closed === 'boolean') || (r && typeof r.closed === 'boolean')) return !!((w && w.closed) || (r && r.closed));
    return null;
  }
  function isRequest(stream) {
    return !!(stream && stream.setHeader && typeof stream.abort === 'function');
  }
  function willEmitClose(stream) {
    if (!isNodeStream(stream)) return null;
    var state = stream._writableState || stream._readableState;
    return !!(state && state.autoDestroy && state.emitClose && state.closed === false);
  }
  function isErrored(stream) {
    if (!stream) return false;
    var candidates = [stream.readableErrored, stream.writableErrored,
      stream._readableState && stream._readableState.errorEmitted, stream._writableState && stream._writableState.errorEmitted,
      stream._readableState && stream._readableState.errored, stream._writableState && stream._writableState.errored];
    for (var i = 0; i < candidates.length; i++) {
      if (candidates[i] != null) return !!candidates[i];
    }
    return false;
  }
  function isDisturbed(stream) {
    return !!(stream && (stream.readableDidRead || stream.readableAborted));
  }

  // ---- destroy ----------------------------------------------------------------------------------------------------

  function checkError(err, w, r) {
    if (err) {
      if (w && !w.errored) w.errored = err;
      if (r && !r.errored) r.errored = err;
    }
  }

  function destroy(err, cb) {
    var r = this._readableState;
    var w = this._writableState;
    var s = w || r;
    if ((w && w.destroyed) || (r && r.destroyed)) {
      if (typeof cb === 'function') cb();
      return this;
    }
    checkError(err, w, r);
    if (w) w.destroyed = true;
    if (r) r.destroyed = true;
    if (!s.constructed) {
      this.once(kDestroy, function (er) { destroyNow(this, aggregateTwoErrors(er, err), cb); });
    } else {
      destroyNow(this, err, cb);
    }
    return this;
  }

  function destroyNow(self, err, cb) {
    var called = false;
    function onDestroy(error) {
      if (called) return;
      called = true;
      var r = self._readableState;
      var w = self._writableState;
      checkError(error, w, r);
      if (w) w.closed = true;
      if (r) r.closed = true;
      if (typeof cb === 'function') cb(error);
      if (error) nextTick(emitErrorCloseNT, self, error);
      else nextTick(emitCloseNT, self);
    }
    try {
      self._destroy(err || null, onDestroy);
    } catch (e) {
      onDestroy(e);
    }
  }

  function emitErrorCloseNT(self, err) {
    emitErrorNT(self, err);
    emitCloseNT(self);
  }
  function emitCloseNT(self) {
    var r = self._readableState;
    var w = self._writableState;
    if (w) w.closeEmitted = true;
    if (r) r.closeEmitted = true;
    if ((w && w.emitClose) || (r && r.emitClose)) self.emit('close');
  }
  function emitErrorNT(self, err) {
    var r = self._readableState;
    var w = self._writableState;
    if ((w && w.errorEmitted) || (r && r.errorEmitted)) return;
    if (w) w.errorEmitted = true;
    if (r) r.errorEmitted = true;
    self.emit('error', err);
  }

  function undestroy() {
    var r = this._readableState;
    var w = this._writableState;
    if (r) {
      r.constructed = true; r.closed = false; r.closeEmitted = false; r.destroyed = false; r.errored = null;
      r.errorEmitted = false; r.reading = false; r.ended = r.readable === false; r.endEmitted = r.readable === false;
    }
    if (w) {
      w.constructed = true; w.destroyed = false; w.closed = false; w.closeEmitted = false; w.errored = null;
      w.errorEmitted = false; w.finalCalled = false; w.prefinished = false; w.ended = w.writable === false;
      w.ending = w.writable === false; w.finished = w.writable === false;
    }
  }

  function errorOrDestroy(stream, err, sync) {
    var r = stream._readableState;
    var w = stream._writableState;
    if ((w && w.destroyed) || (r && r.destroyed)) return;
    if ((r && r.autoDestroy) || (w && w.autoDestroy)) {
      stream.destroy(err);
    } else if (err) {
      if (w && !w.errored) w.errored = err;
      if (r && !r.errored) r.errored = err;
      if (sync) nextTick(emitErrorNT, stream, err);
      else emitErrorNT(stream, err);
    }
  }

  function construct(stream, cb) {
    if (typeof stream._construct !== 'function') return;
    var r = stream._readableState;
    var w = stream._writableState;
    if (r) r.constructed = false;
    if (w) w.constructed = false;
    stream.once(kConstruct, cb);
    if (stream.listenerCount(kConstruct) > 1) return;
    nextTick(constructNT, stream);
  }

  function constructNT(stream) {
    var called = false;
    function onConstruct(err) {
      if (called) {
        errorOrDestroy(stream, err != null ? err : E.multipleCallback());
        return;
      }
      called = true;
      var r = stream._readableState;
      var w = stream._writableState;
      var s = w || r;
      if (r) r.constructed = true;
      if (w) w.constructed = true;
      if (s.destroyed) stream.emit(kDestroy, err);
      else if (err) errorOrDestroy(stream, err, true);
      else nextTick(function () { stream.emit(kConstruct); });
    }
    try {
      stream._construct(function (err) { nextTick(onConstruct, err); });
    } catch (err) {
      nextTick(onConstruct, err);
    }
  }

  // Destroys any stream-like object the way pipeline and the async iterator do.
  function destroyer(stream, err) {
    if (!stream || isDestroyed(stream)) return;
    if (!err && !isFinished(stream)) err = new AbortError();
    if (isRequest(stream)) stream.abort();
    else if (isRequest(stream.req)) stream.req.abort();
    else if (typeof stream.destroy === 'function') stream.destroy(err);
    else if (typeof stream.close === 'function') stream.close();
    else if (err) nextTick(function () { stream.emit('error', err); });
    else nextTick(function () { stream.emit('close'); });
    if (!stream.destroyed) stream[kIsDestroyed] = true;
  }

  // ---- legacy Stream ------------------------------------------------------------------------------------------------

  function Stream(opts) {
    EE.call(this, opts);
  }
  Object.setPrototypeOf(Stream.prototype, EE.prototype);
  Object.setPrototypeOf(Stream, EE);

  // The pipe of a plain (pre-streams2) Stream: 'data' writes, a full destination pauses the source until 'drain'.
  Stream.prototype.pipe = function (dest, options) {
    var source = this;
    function ondata(chunk) {
      if (dest.writable && dest.write(chunk) === false && source.pause) source.pause();
    }
    source.on('data', ondata);
    function ondrain() {
      if (source.readable && source.resume) source.resume();
    }
    dest.on('drain', ondrain);
    if (!dest._isStdio && (!options || options.end !== false)) {
      source.on('end', onend);
      source.on('close', onclose);
    }
    var didOnEnd = false;
    function onend() {
      if (didOnEnd) return;
      didOnEnd = true;
      dest.end();
    }
    function onclose() {
      if (didOnEnd) return;
      didOnEnd = true;
      if (typeof dest.destroy === 'function') dest.destroy();
    }
    function onerror(er) {
      cleanup();
      if (EE.listenerCount(this, 'error') === 0) this.emit('error', er);
    }
    prependListener(source, 'error', onerror);
    prependListener(dest, 'error', onerror);
    function cleanup() {
      source.removeListener('data', ondata);
      dest.removeListener('drain', ondrain);
      source.removeListener('end', onend);
      source.removeListener('close', onclose);
      source.removeListener('error', onerror);
      dest.removeListener('error', onerror);
      source.removeListener('end', cleanup);
      source.removeListener('close', cleanup);
      dest.removeListener('close', cleanup);
    }
    source.on('end', cleanup);
    source.on('close', cleanup);
    dest.on('close', cleanup);
    dest.emit('pipe', source);
    return dest;
  };

  function prependListener(emitter, event, fn) {
    if (typeof emitter.prependListener === 'function') return emitter.prependListener(event, fn);
    if (!emitter._events || !emitter._events[event]) emitter.on(event, fn);
    else if (Array.isArray(emitter._events[event])) emitter._events[event].unshift(fn);
    else emitter._events[event] = [fn, emitter._events[event]];
  }

  function inherit(ctor, superCtor) {
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
    Object.setPrototypeOf(ctor, superCtor);
  }

  // ---- Readable -----------------------------------------------------------------------------------------------

  function ReadableState(options, stream, isDuplex) {
    if (typeof isDuplex !== 'boolean') isDuplex = stream instanceof Duplex;
    this.objectMode = !!(options && options.objectMode);
    if (isDuplex) this.objectMode = this.objectMode || !!(options && options.readableObjectMode);
    this.highWaterMark = options ? getHighWaterMark(this, options, 'readableHighWaterMark', isDuplex) : getDefaultHighWaterMark(false);
    this.buffer = [];
    this.length = 0;
    this.pipes = [];
    this.flowing = null;
    this.ended = false;
    this.endEmitted = false;
    this.reading = false;
    this.constructed = true;
    this.sync = true;
    this.needReadable = false;
    this.emittedReadable = false;
    this.readableListening = false;
    this.resumeScheduled = false;
    this[kPaused] = null;
    this.errorEmitted = false;
    this.emitClose = !options || options.emitClose !== false;
    this.autoDestroy = !options || options.autoDestroy !== false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.defaultEncoding = (options && options.defaultEncoding) || 'utf8';
    this.awaitDrainWriters = null;
    this.multiAwaitDrain = false;
    this.readingMore = false;
    this.dataEmitted = false;
    this.decoder = null;
    this.encoding = null;
    if (options && options.encoding) {
      this.decoder = new StringDecoder(options.encoding);
      this.encoding = options.encoding;
    }
  }
  Object.defineProperty(ReadableState.prototype, 'pipesCount', {
    get: function () { return this.pipes.length; },
  });
  Object.defineProperty(ReadableState.prototype, 'paused', {
    get: function () { return this[kPaused] !== false; },
    set: function (value) { this[kPaused] = !!value; },
  });

  function Readable(options) {
    if (!(this instanceof Readable)) return new Readable(options);
    var isDuplex = this instanceof Duplex;
    this._readableState = new ReadableState(options, this, isDuplex);
    if (options) {
      if (typeof options.read === 'function') this._read = options.read;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (typeof options.construct === 'function') this._construct = options.construct;
      if (options.signal && !isDuplex) addAbortSignal(options.signal, this);
    }
    Stream.call(this, options);
    construct(this, function () {
      if (this._readableState.needReadable) maybeReadMore(this, this._readableState);
    });
  }
  inherit(Readable, Stream);
  Readable.ReadableState = ReadableState;

  Readable.prototype.destroy = destroy;
  Readable.prototype._undestroy = undestroy;
  Readable.prototype._destroy = function (err, cb) { cb(err); };
  Readable.prototype[EE.captureRejectionSymbol] = function (err) { this.destroy(err); };

  Readable.prototype.push = function (chunk, encoding) {
    return readableAddChunk(this, chunk, encoding, false);
  };
  Readable.prototype.unshift = function (chunk, encoding) {
    return readableAddChunk(this, chunk, encoding, true);
  };

  function readableAddChunk(stream, chunk, encoding, addToFront) {
    var state = stream._readableState;
    var err;
    if (!state.objectMode) {
      if (typeof chunk === 'string') {
        encoding = encoding || state.defaultEncoding;
        if (state.encoding !== encoding) {
          if (addToFront && state.encoding) {
            chunk = Buffer.from(chunk, encoding).toString(state.encoding);
          } else {
            chunk = Buffer.from(chunk, encoding);
            encoding = '';
          }
        }
      } else if (chunk instanceof Buffer) {
        encoding = '';
      } else if (isUint8Array(chunk)) {
        chunk = toBuffer(chunk);
        encoding = '';
      } else if (chunk != null) {
        err = E.invalidChunk(chunk);
      }
    }
    if (err) {
      errorOrDestroy(stream, err);
    } else if (chunk === null) {
      state.reading = false;
      onEofChunk(stream, state);
    } else if (state.objectMode || (chunk && chunk.length > 0)) {
      if (addToFront) {
        if (state.endEmitted) errorOrDestroy(stream, E.unshiftAfterEnd());
        else if (state.destroyed || state.errored) return false;
        else addChunk(stream, state, chunk, true);
      } else if (state.ended) {
        errorOrDestroy(stream, E.pushAfterEof());
      } else if (state.destroyed || state.errored) {
        return false;
      } else {
        state.reading = false;
        if (state.decoder && !encoding) {
          chunk = state.decoder.write(chunk);
          if (state.objectMode || chunk.length !== 0) addChunk(stream, state, chunk, false);
          else maybeReadMore(stream, state);
        } else {
          addChunk(stream, state, chunk, false);
        }
      }
    } else if (!addToFront) {
      state.reading = false;
      maybeReadMore(stream, state);
    }
    return !state.ended && (state.length < state.highWaterMark || state.length === 0);
  }

  function addChunk(stream, state, chunk, addToFront) {
    if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
      clearAwaitDrain(state);
      state.dataEmitted = true;
      stream.emit('data', chunk);
    } else {
      state.length += state.objectMode ? 1 : chunk.length;
      if (addToFront) state.buffer.unshift(chunk);
      else state.buffer.push(chunk);
      if (state.needReadable) emitReadable(stream);
    }
    maybeReadMore(stream, state);
  }

  function clearAwaitDrain(state) {
    if (state.multiAwaitDrain) state.awaitDrainWriters.clear();
    else state.awaitDrainWriters = null;
  }

  Readable.prototype.isPaused = function () {
    var state = this._readableState;
    return state[kPaused] === true || state.flowing === false;
  };

  Readable.prototype.setEncoding = function (enc) {
    var decoder = new StringDecoder(enc);
    var state = this._readableState;
    state.decoder = decoder;
    state.encoding = decoder.encoding;
    var content = '';
    for (var i = 0; i < state.buffer.length; i++) content += decoder.write(state.buffer[i]);
    state.buffer = [];
    if (content !== '') state.buffer.push(content);
    state.length = content.length;
    return this;
  };

  var MAX_HWM = 0x40000000;
  function computeNewHighWaterMark(n) {
    if (n > MAX_HWM) throw errors.outOfRange('size', '<= 1GiB', n);
    n--;
    n |= n >>> 1; n |= n >>> 2; n |= n >>> 4; n |= n >>> 8; n |= n >>> 16;
    return n + 1;
  }

  function howMuchToRead(n, state) {
    if (n <= 0 || (state.length === 0 && state.ended)) return 0;
    if (state.objectMode) return 1;
    if (n !== n) {
      if (state.flowing && state.length) return state.buffer[0].length;
      return state.length;
    }
    if (n <= state.length) return n;
    return state.ended ? state.length : 0;
  }

  Readable.prototype.read = function (n) {
    if (n === undefined) n = NaN;
    else if (!Number.isInteger(n)) n = Number.parseInt(n, 10);
    var state = this._readableState;
    var nOrig = n;
    if (n > state.highWaterMark) state.highWaterMark = computeNewHighWaterMark(n);
    if (n !== 0) state.emittedReadable = false;
    if (n === 0 && state.needReadable &&
      ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
      if (state.length === 0 && state.ended) endReadable(this);
      else emitReadable(this);
      return null;
    }
    n = howMuchToRead(n, state);
    if (n === 0 && state.ended) {
      if (state.length === 0) endReadable(this);
      return null;
    }
    var doRead = state.needReadable;
    if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
    if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
      doRead = false;
    } else if (doRead) {
      state.reading = true;
      state.sync = true;
      if (state.length === 0) state.needReadable = true;
      try {
        this._read(state.highWaterMark);
      } catch (err) {
        errorOrDestroy(this, err);
      }
      state.sync = false;
      if (!state.reading) n = howMuchToRead(nOrig, state);
    }
    var ret = n > 0 ? fromList(n, state) : null;
    if (ret === null) {
      state.needReadable = state.length <= state.highWaterMark;
      n = 0;
    } else {
      state.length -= n;
      clearAwaitDrain(state);
    }
    if (state.length === 0) {
      if (!state.ended) state.needReadable = true;
      if (nOrig !== n && state.ended) endReadable(this);
    }
    if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
      state.dataEmitted = true;
      this.emit('data', ret);
    }
    return ret;
  };

  // Takes n bytes (characters when decoding, one item in object mode) from the front of the buffer.
  function fromList(n, state) {
    if (state.length === 0) return null;
    var buffer = state.buffer;
    var ret;
    if (state.objectMode) {
      ret = buffer.shift();
    } else if (!n || n >= state.length) {
      if (state.decoder) ret = buffer.join('');
      else if (buffer.length === 1) ret = buffer[0];
      else ret = Buffer.concat(buffer, state.length);
      state.buffer = [];
    } else if (n < buffer[0].length) {
      ret = buffer[0].slice(0, n);
      buffer[0] = buffer[0].slice(n);
    } else if (n === buffer[0].length) {
      ret = buffer.shift();
    } else if (state.decoder) {
      ret = '';
      while (ret.length < n) {
        var str = buffer[0];
        var need = n - ret.length;
        if (str.length <= need) { ret += str; buffer.shift(); } else { ret += str.slice(0, need); buffer[0] = str.slice(need); }
      }
    } else {
      ret = Buffer.allocUnsafe(n);
      var offset = 0;
      while (offset < n) {
        var data = buffer[0];
        var take = Math.min(data.length, n - offset);
        ret.set(take === data.length ? data : data.subarray(0, take), offset);
        offset += take;
        if (take === data.length) buffer.shift(); else buffer[0] = data.slice(take);
      }
    }
    return ret;
  }

  function onEofChunk(stream, state) {
    if (state.ended) return;
    if (state.decoder) {
      var chunk = state.decoder.end();
      if (chunk && chunk.length) {
        state.buffer.push(chunk);
        state.length += state.objectMode ? 1 : chunk.length;
      }
    }
    state.ended = true;
    if (state.sync) {
      emitReadable(stream);
    } else {
      state.needReadable = false;
      state.emittedReadable = true;
      emitReadableNT(stream);
    }
  }

  function emitReadable(stream) {
    var state = stream._readableState;
    state.needReadable = false;
    if (!state.emittedReadable) {
      state.emittedReadable = true;
      nextTick(emitReadableNT, stream);
    }
  }

  function emitReadableNT(stream) {
    var state = stream._readableState;
    if (!state.destroyed && !state.errored && (state.length || state.ended)) {
      stream.emit('readable');
      state.emittedReadable = false;
    }
    state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
    flow(stream);
  }

  function maybeReadMore(stream, state) {
    if (!state.readingMore && state.constructed) {
      state.readingMore = true;
      nextTick(maybeReadMoreNT, stream, state);
    }
  }

  function maybeReadMoreNT(stream, state) {
    while (!state.reading && !state.ended &&
      (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
      var len = state.length;
      stream.read(0);
      if (len === state.length) break;
    }
    state.readingMore = false;
  }

  Readable.prototype._read = function () {
    throw E.notImplemented('_read()');
  };

  Readable.prototype.pipe = function (dest, pipeOpts) {
    var src = this;
    var state = this._readableState;
    if (state.pipes.length === 1 && !state.multiAwaitDrain) {
      state.multiAwaitDrain = true;
      state.awaitDrainWriters = new Set(state.awaitDrainWriters ? [state.awaitDrainWriters] : []);
    }
    state.pipes.push(dest);
    var doEnd = !pipeOpts || pipeOpts.end !== false;
    var endFn = doEnd ? onend : unpipe;
    if (state.endEmitted) nextTick(endFn);
    else src.once('end', endFn);
    dest.on('unpipe', onunpipe);
    function onunpipe(readable, unpipeInfo) {
      if (readable === src && unpipeInfo && unpipeInfo.hasUnpiped === false) {
        unpipeInfo.hasUnpiped = true;
        cleanup();
      }
    }
    function onend() {
      dest.end();
    }
    var ondrain;
    var cleanedUp = false;
    function cleanup() {
      dest.removeListener('close', onclose);
      dest.removeListener('finish', onfinish);
      if (ondrain) dest.removeListener('drain', ondrain);
      dest.removeListener('error', onerror);
      dest.removeListener('unpipe', onunpipe);
      src.removeListener('end', onend);
      src.removeListener('end', unpipe);
      src.removeListener('data', ondata);
      cleanedUp = true;
      if (ondrain && state.awaitDrainWriters && (!dest._writableState || dest._writableState.needDrain)) ondrain();
    }
    function pause() {
      if (!cleanedUp) {
        if (state.pipes.length === 1 && state.pipes[0] === dest) {
          state.awaitDrainWriters = dest;
          state.multiAwaitDrain = false;
        } else if (state.pipes.length > 1 && state.pipes.indexOf(dest) >= 0) {
          state.awaitDrainWriters.add(dest);
        }
        src.pause();
      }
      if (!ondrain) {
        ondrain = pipeOnDrain(src, dest);
        dest.on('drain', ondrain);
      }
    }
    src.on('data', ondata);
    function ondata(chunk) {
      var ret = dest.write(chunk);
      if (ret === false) pause();
    }
    function onerror(er) {
      unpipe();
      dest.removeListener('error', onerror);
      if (dest.listenerCount('error') === 0) {
        var s = dest._writableState || dest._readableState;
        if (s && !s.errorEmitted) errorOrDestroy(dest, er);
        else dest.emit('error', er);
      }
    }
    prependListener(dest, 'error', onerror);
    function onclose() {
      dest.removeListener('finish', onfinish);
      unpipe();
    }
    dest.once('close', onclose);
    function onfinish() {
      dest.removeListener('close', onclose);
      unpipe();
    }
    dest.once('finish', onfinish);
    function unpipe() {
      src.unpipe(dest);
    }
    dest.emit('pipe', src);
    if (dest.writableNeedDrain === true) pause();
    else if (!state.flowing) src.resume();
    return dest;
  };

  function pipeOnDrain(src, dest) {
    return function () {
      var state = src._readableState;
      if (state.awaitDrainWriters === dest) state.awaitDrainWriters = null;
      else if (state.multiAwaitDrain) state.awaitDrainWriters.delete(dest);
      if ((!state.awaitDrainWriters || state.awaitDrainWriters.size === 0) && src.listenerCount('data')) {
        src.resume();
      }
    };
  }

  Readable.prototype.unpipe = function (dest) {
    var state = this._readableState;
    var unpipeInfo = { hasUnpiped: false };
    if (state.pipes.length === 0) return this;
    if (!dest) {
      var dests = state.pipes;
      state.pipes = [];
      this.pause();
      for (var i = 0; i < dests.length; i++) dests[i].emit('unpipe', this, { hasUnpiped: false });
      return this;
    }
    var index = state.pipes.indexOf(dest);
    if (index === -1) return this;
    state.pipes.splice(index, 1);
    if (state.pipes.length === 0) this.pause();
    dest.emit('unpipe', this, unpipeInfo);
    return this;
  };

  Readable.prototype.on = function (ev, fn) {
    var res = Stream.prototype.on.call(this, ev, fn);
    var state = this._readableState;
    if (ev === 'data') {
      state.readableListening = this.listenerCount('readable') > 0;
      if (state.flowing !== false) this.resume();
    } else if (ev === 'readable') {
      if (!state.endEmitted && !state.readableListening) {
        state.readableListening = state.needReadable = true;
        state.flowing = false;
        state.emittedReadable = false;
        if (state.length) emitReadable(this);
        else if (!state.reading) nextTick(nReadingNextTick, this);
      }
    }
    return res;
  };
  Readable.prototype.addListener = Readable.prototype.on;

  Readable.prototype.removeListener = function (ev, fn) {
    var res = Stream.prototype.removeListener.call(this, ev, fn);
    if (ev === 'readable') nextTick(updateReadableListening, this);
    return res;
  };
  Readable.prototype.off = Readable.prototype.removeListener;

  Readable.prototype.removeAllListeners = function (ev) {
    var res = Stream.prototype.removeAllListeners.apply(this, arguments);
    if (ev === 'readable' || ev === undefined) nextTick(updateReadableListening, this);
    return res;
  };

  function updateReadableListening(self) {
    var state = self._readableState;
    state.readableListening = self.listenerCount('readable') > 0;
    if (state.resumeScheduled && state[kPaused] === false) state.flowing = true;
    else if (self.listenerCount('data') > 0) self.resume();
    else if (!state.readableListening) state.flowing = null;
  }

  function nReadingNextTick(self) {
    self.read(0);
  }

  Readable.prototype.resume = function () {
    var state = this._readableState;
    if (!state.flowing) {
      state.flowing = !state.readableListening;
      if (!state.resumeScheduled) {
        state.resumeScheduled = true;
        nextTick(resumeNT, this, state);
      }
    }
    state[kPaused] = false;
    return this;
  };

  function resumeNT(stream, state) {
    if (!state.reading) stream.read(0);
    state.resumeScheduled = false;
    stream.emit('resume');
    flow(stream);
    if (state.flowing && !state.reading) stream.read(0);
  }

  Readable.prototype.pause = function () {
    var state = this._readableState;
    if (state.flowing !== false) {
      state.flowing = false;
      this.emit('pause');
    }
    state[kPaused] = true;
    return this;
  };

  function flow(stream) {
    var state = stream._readableState;
    while (state.flowing && stream.read() !== null);
  }

  // Wraps an old-style stream ('data'/'end' events, pause/resume) as a Readable.
  Readable.prototype.wrap = function (stream) {
    var paused = false;
    var self = this;
    stream.on('data', function (chunk) {
      if (!self.push(chunk) && stream.pause) {
        paused = true;
        stream.pause();
      }
    });
    stream.on('end', function () { self.push(null); });
    stream.on('error', function (err) { errorOrDestroy(self, err); });
    stream.on('close', function () { self.destroy(); });
    stream.on('destroy', function () { self.destroy(); });
    this._read = function () {
      if (paused && stream.resume) {
        paused = false;
        stream.resume();
      }
    };
    var keys = Object.keys(stream);
    for (var j = 0; j < keys.length; j++) {
      var key = keys[j];
      if (this[key] === undefined && typeof stream[key] === 'function') this[key] = stream[key].bind(stream);
    }
    return this;
  };

  Readable.prototype[Symbol.asyncIterator] = function () {
    return streamToAsyncIterator(this);
  };

  Readable.prototype.iterator = function (options) {
    if (options !== undefined) errors.validateObject(options, 'options');
    return streamToAsyncIterator(this, options);
  };

  function streamToAsyncIterator(stream, options) {
    if (typeof stream.read !== 'function') stream = Readable.wrap(stream, { objectMode: true });
    var iter = createAsyncIterator(stream, options);
    iter.stream = stream;
    return iter;
  }

  async function* createAsyncIterator(stream, options) {
    var callback = nop;
    function next(resolve) {
      if (this === stream) {
        callback();
        callback = nop;
      } else {
        callback = resolve;
      }
    }
    stream.on('readable', next);
    var error;
    var cleanup = eos(stream, { writable: false }, function (err) {
      error = err ? aggregateTwoErrors(error, err) : null;
      callback();
      callback = nop;
    });
    try {
      while (true) {
        var chunk = stream.destroyed ? null : stream.read();
        if (chunk !== null) {
          yield chunk;
        } else if (error) {
          throw error;
        } else if (error === null) {
          return;
        } else {
          await new Promise(next);
        }
      }
    } catch (err) {
      error = aggregateTwoErrors(error, err);
      throw error;
    } finally {
      if ((error || !options || options.destroyOnReturn !== false) &&
        (error === undefined || stream._readableState.autoDestroy)) {
        destroyer(stream, null);
      } else {
        stream.off('readable', next);
        cleanup();
      }
    }
  }

  // Readable.prototype.toArray and friends (Node's experimental helpers that packages use most).
  Readable.prototype.toArray = async function toArray(options) {
    var result = [];
    for await (var chunk of this) result.push(chunk);
    return result;
  };
  Readable.prototype.forEach = async function forEach(fn) {
    errors.validateFunction(fn, 'fn');
    for await (var chunk of this) await fn(chunk);
  };

  function defineGetters(proto, getters) {
    var names = Object.keys(getters);
    for (var i = 0; i < names.length; i++) {
      var spec = getters[names[i]];
      var descriptor = typeof spec === 'function' ? { get: spec } : spec;
      descriptor.enumerable = false;
      descriptor.configurable = true;
      Object.defineProperty(proto, names[i], descriptor);
    }
  }

  defineGetters(Readable.prototype, {
    readable: {
      get: function () {
        var r = this._readableState;
        return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
      },
      set: function (val) {
        if (this._readableState) this._readableState.readable = !!val;
      },
    },
    readableDidRead: function () { return this._readableState.dataEmitted; },
    readableAborted: function () {
      var r = this._readableState;
      return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
    },
    readableHighWaterMark: function () { return this._readableState.highWaterMark; },
    readableBuffer: function () { return this._readableState && this._readableState.buffer; },
    readableFlowing: {
      get: function () { return this._readableState.flowing; },
      set: function (state) { if (this._readableState) this._readableState.flowing = state; },
    },
    readableLength: function () { return this._readableState.length; },
    readableObjectMode: function () { return this._readableState ? this._readableState.objectMode : false; },
    readableEncoding: function () { return this._readableState ? this._readableState.encoding : null; },
    errored: function () { return this._readableState ? this._readableState.errored : null; },
    closed: function () { return this._readableState ? this._readableState.closed : false; },
    destroyed: {
      get: function () { return this._readableState ? this._readableState.destroyed : false; },
      set: function (value) { if (this._readableState) this._readableState.destroyed = value; },
    },
    readableEnded: function () { return this._readableState ? this._readableState.endEmitted : false; },
  });

  function endReadable(stream) {
    var state = stream._readableState;
    if (!state.endEmitted) {
      state.ended = true;
      nextTick(endReadableNT, state, stream);
    }
  }

  function endReadableNT(state, stream) {
    if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
      state.endEmitted = true;
      stream.emit('end');
      if (stream.writable && stream.allowHalfOpen === false) {
        nextTick(endWritableNT, stream);
      } else if (state.autoDestroy) {
        var wState = stream._writableState;
        var autoDestroy = !wState || (wState.autoDestroy && (wState.finished || wState.writable === false));
        if (autoDestroy) stream.destroy();
      }
    }
  }

  function endWritableNT(stream) {
    var writable = stream.writable && !stream.writableEnded && !stream.destroyed;
    if (writable) stream.end();
  }

  // ---- Readable.from ----------------------------------------------------------------------------------------------

  function from(iterable, opts) {
    var iterator;
    var isAsync;
    if (typeof iterable === 'string' || iterable instanceof Buffer) {
      return new Readable(Object.assign({ objectMode: true }, opts, {
        read: function () {
          this.push(iterable);
          this.push(null);
        },
      }));
    }
    if (iterable && typeof iterable[Symbol.asyncIterator] === 'function') {
      isAsync = true;
      iterator = iterable[Symbol.asyncIterator]();
    } else if (iterable && typeof iterable[Symbol.iterator] === 'function') {
      isAsync = false;
      iterator = iterable[Symbol.iterator]();
    } else {
      throw errors.invalidArgType('iterable', ['Iterable'], iterable);
    }
    var readable = new Readable(Object.assign({ objectMode: true, highWaterMark: 1 }, opts));
    var reading = false;
    readable._read = function () {
      if (!reading) {
        reading = true;
        next();
      }
    };
    readable._destroy = function (error, cb) {
      close(error).then(
        function () { nextTick(cb, error); },
        function (e) { nextTick(cb, e || error); });
    };
    async function close(error) {
      var hadError = error !== undefined && error !== null;
      if (hadError && typeof iterator.throw === 'function') {
        var thrown = await iterator.throw(error);
        await thrown.value;
        if (thrown.done) return;
      }
      if (typeof iterator.return === 'function') {
        var returned = await iterator.return();
        await returned.value;
      }
    }
    async function next() {
      for (;;) {
        try {
          var step = isAsync ? await iterator.next() : iterator.next();
          if (step.done) {
            readable.push(null);
          } else {
            var value = step.value;
            var res = value && typeof value.then === 'function' ? await value : value;
            if (res === null) {
              reading = false;
              throw E.nullValues();
            } else if (readable.push(res)) {
              continue;
            } else {
              reading = false;
            }
          }
        } catch (err) {
          readable.destroy(err);
        }
        break;
      }
    }
    return readable;
  }
  Readable.from = from;
  Readable.wrap = function (src, options) {
    return new Readable(Object.assign({ objectMode: src.readableObjectMode !== undefined ? src.readableObjectMode : (src.objectMode !== undefined ? src.objectMode : true) }, options, {
      destroy: function (err, callback) {
        destroyer(src, err);
        callback(err);
      },
    })).wrap(src);
  };

  // ---- Writable -----------------------------------------------------------------------------------------------

  function WritableState(options, stream, isDuplex) {
    if (typeof isDuplex !== 'boolean') isDuplex = stream instanceof Duplex;
    this.objectMode = !!(options && options.objectMode);
    if (isDuplex) this.objectMode = this.objectMode || !!(options && options.writableObjectMode);
    this.highWaterMark = options ? getHighWaterMark(this, options, 'writableHighWaterMark', isDuplex) : getDefaultHighWaterMark(false);
    this.finalCalled = false;
    this.needDrain = false;
    this.ending = false;
    this.ended = false;
    this.finished = false;
    this.destroyed = false;
    this.decodeStrings = !(options && options.decodeStrings === false);
    this.defaultEncoding = (options && options.defaultEncoding) || 'utf8';
    this.length = 0;
    this.writing = false;
    this.corked = 0;
    this.sync = true;
    this.bufferProcessing = false;
    this.onwrite = onwrite.bind(undefined, stream);
    this.writecb = null;
    this.writelen = 0;
    this.afterWriteTickInfo = null;
    resetBuffer(this);
    this.pendingcb = 0;
    this.constructed = true;
    this.prefinished = false;
    this.errorEmitted = false;
    this.emitClose = !options || options.emitClose !== false;
    this.autoDestroy = !options || options.autoDestroy !== false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this[kOnFinished] = [];
  }

  function resetBuffer(state) {
    state.buffered = [];
    state.bufferedIndex = 0;
    state.allBuffers = true;
    state.allNoop = true;
  }

  WritableState.prototype.getBuffer = function () {
    return this.buffered.slice(this.bufferedIndex);
  };
  Object.defineProperty(WritableState.prototype, 'bufferedRequestCount', {
    get: function () { return this.buffered.length - this.bufferedIndex; },
  });

  function Writable(options) {
    var isDuplex = this instanceof Duplex;
    if (!isDuplex && !Function.prototype[Symbol.hasInstance].call(Writable, this)) return new Writable(options);
    this._writableState = new WritableState(options, this, isDuplex);
    if (options) {
      if (typeof options.write === 'function') this._write = options.write;
      if (typeof options.writev === 'function') this._writev = options.writev;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (typeof options.final === 'function') this._final = options.final;
      if (typeof options.construct === 'function') this._construct = options.construct;
      if (options.signal) addAbortSignal(options.signal, this);
    }
    Stream.call(this, options);
    construct(this, function () {
      var state = this._writableState;
      if (!state.writing) clearBuffer(this, state);
      finishMaybe(this, state);
    });
  }
  inherit(Writable, Stream);
  Writable.WritableState = WritableState;

  // A Duplex is an instance of Writable too, as in Node.
  Object.defineProperty(Writable, Symbol.hasInstance, {
    value: function (object) {
      if (Function.prototype[Symbol.hasInstance].call(this, object)) return true;
      if (this !== Writable) return false;
      return !!(object && object._writableState instanceof WritableState);
    },
  });

  Writable.prototype.pipe = function () {
    errorOrDestroy(this, E.cannotPipe());
  };

  function writeChunk(stream, chunk, encoding, cb) {
    var state = stream._writableState;
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = state.defaultEncoding;
    } else {
      if (!encoding) encoding = state.defaultEncoding;
      else if (encoding !== 'buffer' && !Buffer.isEncoding(encoding)) throw E.unknownEncoding(encoding);
      if (typeof cb !== 'function') cb = nop;
    }
    if (chunk === null) {
      throw E.nullValues();
    } else if (!state.objectMode) {
      if (typeof chunk === 'string') {
        if (state.decodeStrings !== false) {
          chunk = Buffer.from(chunk, encoding);
          encoding = 'buffer';
        }
      } else if (chunk instanceof Buffer) {
        encoding = 'buffer';
      } else if (isArrayBufferView(chunk)) {
        chunk = toBuffer(chunk);
        encoding = 'buffer';
      } else {
        throw E.invalidChunk(chunk);
      }
    }
    var err;
    if (state.ending) err = E.writeAfterEnd();
    else if (state.destroyed) err = E.destroyed('write');
    if (err) {
      nextTick(cb, err);
      errorOrDestroy(stream, err, true);
      return err;
    }
    state.pendingcb++;
    return writeOrBuffer(stream, state, chunk, encoding, cb);
  }

  Writable.prototype.write = function (chunk, encoding, cb) {
    return writeChunk(this, chunk, encoding, cb) === true;
  };

  Writable.prototype.cork = function () {
    this._writableState.corked++;
  };

  Writable.prototype.uncork = function () {
    var state = this._writableState;
    if (state.corked) {
      state.corked--;
      if (!state.writing) clearBuffer(this, state);
    }
  };

  Writable.prototype.setDefaultEncoding = function (encoding) {
    if (typeof encoding === 'string') encoding = encoding.toLowerCase();
    if (!Buffer.isEncoding(encoding)) throw E.unknownEncoding(encoding);
    this._writableState.defaultEncoding = encoding;
    return this;
  };

  function writeOrBuffer(stream, state, chunk, encoding, callback) {
    var len = state.objectMode ? 1 : chunk.length;
    state.length += len;
    var ret = state.length < state.highWaterMark;
    if (!ret) state.needDrain = true;
    if (state.writing || state.corked || state.errored || !state.constructed) {
      state.buffered.push({ chunk: chunk, encoding: encoding, callback: callback });
      if (state.allBuffers && encoding !== 'buffer') state.allBuffers = false;
      if (state.allNoop && callback !== nop) state.allNoop = false;
    } else {
      state.writelen = len;
      state.writecb = callback;
      state.writing = true;
      state.sync = true;
      stream._write(chunk, encoding, state.onwrite);
      state.sync = false;
    }
    return ret && !state.errored && !state.destroyed;
  }

  function doWrite(stream, state, writev, len, chunk, encoding, cb) {
    state.writelen = len;
    state.writecb = cb;
    state.writing = true;
    state.sync = true;
    if (state.destroyed) state.onwrite(E.destroyed('write'));
    else if (writev) stream._writev(chunk, state.onwrite);
    else stream._write(chunk, encoding, state.onwrite);
    state.sync = false;
  }

  function onwriteError(stream, state, er, cb) {
    --state.pendingcb;
    cb(er);
    errorBuffer(state);
    errorOrDestroy(stream, er);
  }

  function onwrite(stream, er) {
    var state = stream._writableState;
    var sync = state.sync;
    var cb = state.writecb;
    if (typeof cb !== 'function') {
      errorOrDestroy(stream, E.multipleCallback());
      return;
    }
    state.writing = false;
    state.writecb = null;
    state.length -= state.writelen;
    state.writelen = 0;
    if (er) {
      if (!state.errored) state.errored = er;
      if (stream._readableState && !stream._readableState.errored) stream._readableState.errored = er;
      if (sync) nextTick(onwriteError, stream, state, er, cb);
      else onwriteError(stream, state, er, cb);
    } else {
      if (state.buffered.length > state.bufferedIndex) clearBuffer(stream, state);
      if (sync) {
        if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
          state.afterWriteTickInfo.count++;
        } else {
          state.afterWriteTickInfo = { count: 1, cb: cb, stream: stream, state: state };
          nextTick(afterWriteTick, state.afterWriteTickInfo);
        }
      } else {
        afterWrite(stream, state, 1, cb);
      }
    }
  }

  function afterWriteTick(info) {
    info.state.afterWriteTickInfo = null;
    return afterWrite(info.stream, info.state, info.count, info.cb);
  }

  function afterWrite(stream, state, count, cb) {
    var needDrain = !state.ending && !stream.destroyed && state.length === 0 && state.needDrain;
    if (needDrain) {
      state.needDrain = false;
      stream.emit('drain');
    }
    while (count-- > 0) {
      state.pendingcb--;
      cb(null);
    }
    if (state.destroyed) errorBuffer(state);
    finishMaybe(stream, state);
  }

  function errorBuffer(state) {
    if (state.writing) return;
    for (var n = state.bufferedIndex; n < state.buffered.length; ++n) {
      var entry = state.buffered[n];
      var len = state.objectMode ? 1 : entry.chunk.length;
      state.length -= len;
      entry.callback(state.errored != null ? state.errored : E.destroyed('write'));
    }
    var onfinishCallbacks = state[kOnFinished].splice(0);
    for (var i = 0; i < onfinishCallbacks.length; i++) {
      onfinishCallbacks[i](state.errored != null ? state.errored : E.destroyed('end'));
    }
    resetBuffer(state);
  }

  function clearBuffer(stream, state) {
    if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) return;
    var buffered = state.buffered;
    var i = state.bufferedIndex;
    var bufferedLength = buffered.length - i;
    if (!bufferedLength) return;
    state.bufferProcessing = true;
    if (bufferedLength > 1 && stream._writev) {
      state.pendingcb -= bufferedLength - 1;
      var callback = state.allNoop ? nop : function (err) {
        for (var n = i; n < buffered.length; ++n) buffered[n].callback(err);
      };
      var chunks = state.allNoop && i === 0 ? buffered : buffered.slice(i);
      chunks.allBuffers = state.allBuffers;
      doWrite(stream, state, true, state.length, chunks, '', callback);
      resetBuffer(state);
    } else {
      do {
        var entry = buffered[i];
        buffered[i++] = null;
        var len = state.objectMode ? 1 : entry.chunk.length;
        doWrite(stream, state, false, len, entry.chunk, entry.encoding, entry.callback);
      } while (i < buffered.length && !state.writing);
      if (i === buffered.length) {
        resetBuffer(state);
      } else if (i > 256) {
        buffered.splice(0, i);
        state.bufferedIndex = 0;
      } else {
        state.bufferedIndex = i;
      }
    }
    state.bufferProcessing = false;
  }

  Writable.prototype._write = function (chunk, encoding, cb) {
    if (this._writev) this._writev([{ chunk: chunk, encoding: encoding }], cb);
    else throw E.notImplemented('_write()');
  };
  Writable.prototype._writev = null;

  Writable.prototype.end = function (chunk, encoding, cb) {
    var state = this._writableState;
    if (typeof chunk === 'function') {
      cb = chunk;
      chunk = null;
      encoding = null;
    } else if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    var err;
    if (chunk !== null && chunk !== undefined) {
      var ret = writeChunk(this, chunk, encoding);
      if (ret instanceof Error) err = ret;
    }
    if (state.corked) {
      state.corked = 1;
      this.uncork();
    }
    if (err) {
      // already reported
    } else if (!state.errored && !state.ending) {
      state.ending = true;
      finishMaybe(this, state, true);
      state.ended = true;
    } else if (state.finished) {
      err = E.alreadyFinished('end');
    } else if (state.destroyed) {
      err = E.destroyed('end');
    }
    if (typeof cb === 'function') {
      if (err || state.finished) nextTick(cb, err);
      else state[kOnFinished].push(cb);
    }
    return this;
  };

  function needFinish(state) {
    return state.ending && !state.destroyed && state.constructed && state.length === 0 && !state.errored &&
      state.buffered.length === 0 && !state.finished && !state.writing && !state.errorEmitted && !state.closeEmitted;
  }

  function callFinal(stream, state) {
    var called = false;
    function onFinish(err) {
      if (called) {
        errorOrDestroy(stream, err != null ? err : E.multipleCallback());
        return;
      }
      called = true;
      state.pendingcb--;
      if (err) {
        var callbacks = state[kOnFinished].splice(0);
        for (var i = 0; i < callbacks.length; i++) callbacks[i](err);
        errorOrDestroy(stream, err, state.sync);
      } else if (needFinish(state)) {
        state.prefinished = true;
        stream.emit('prefinish');
        state.pendingcb++;
        nextTick(finish, stream, state);
      }
    }
    state.sync = true;
    state.pendingcb++;
    try {
      stream._final(onFinish);
    } catch (err) {
      onFinish(err);
    }
    state.sync = false;
  }

  function prefinish(stream, state) {
    if (!state.prefinished && !state.finalCalled) {
      if (typeof stream._final === 'function' && !state.destroyed) {
        state.finalCalled = true;
        callFinal(stream, state);
      } else {
        state.prefinished = true;
        stream.emit('prefinish');
      }
    }
  }

  function finishMaybe(stream, state, sync) {
    if (needFinish(state)) {
      prefinish(stream, state);
      if (state.pendingcb === 0) {
        if (sync) {
          state.pendingcb++;
          nextTick(function () {
            if (needFinish(state)) finish(stream, state);
            else state.pendingcb--;
          });
        } else if (needFinish(state)) {
          state.pendingcb++;
          finish(stream, state);
        }
      }
    }
  }

  function finish(stream, state) {
    state.pendingcb--;
    state.finished = true;
    var callbacks = state[kOnFinished].splice(0);
    for (var i = 0; i < callbacks.length; i++) callbacks[i](null);
    stream.emit('finish');
    if (state.autoDestroy) {
      var rState = stream._readableState;
      var autoDestroy = !rState || (rState.autoDestroy && (rState.endEmitted || rState.readable === false));
      if (autoDestroy) stream.destroy();
    }
  }

  var writableGetters = {
    closed: function () { return this._writableState ? this._writableState.closed : false; },
    destroyed: {
      get: function () { return this._writableState ? this._writableState.destroyed : false; },
      set: function (value) { if (this._writableState) this._writableState.destroyed = value; },
    },
    writable: {
      get: function () {
        var w = this._writableState;
        return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
      },
      set: function (val) {
        if (this._writableState) this._writableState.writable = !!val;
      },
    },
    writableFinished: function () { return this._writableState ? this._writableState.finished : false; },
    writableObjectMode: function () { return this._writableState ? this._writableState.objectMode : false; },
    writableBuffer: function () { return this._writableState && this._writableState.getBuffer(); },
    writableEnded: function () { return this._writableState ? this._writableState.ending : false; },
    writableNeedDrain: function () {
      var w = this._writableState;
      if (!w) return false;
      return !w.destroyed && !w.ending && w.needDrain;
    },
    writableHighWaterMark: function () { return this._writableState && this._writableState.highWaterMark; },
    writableCorked: function () { return this._writableState ? this._writableState.corked : 0; },
    writableLength: function () { return this._writableState && this._writableState.length; },
    errored: function () { return this._writableState ? this._writableState.errored : null; },
    writableAborted: function () {
      var w = this._writableState;
      return !!(w.writable !== false && (w.destroyed || w.errored) && !w.finished);
    },
  };
  defineGetters(Writable.prototype, writableGetters);

  Writable.prototype.destroy = function (err, cb) {
    var state = this._writableState;
    if (!state.destroyed && (state.bufferedIndex < state.buffered.length || state[kOnFinished].length)) {
      nextTick(errorBuffer, state);
    }
    destroy.call(this, err, cb);
    return this;
  };
  Writable.prototype._undestroy = undestroy;
  Writable.prototype._destroy = function (err, cb) { cb(err); };
  Writable.prototype[EE.captureRejectionSymbol] = function (err) { this.destroy(err); };

  // ---- Duplex -------------------------------------------------------------------------------------------------

  function Duplex(options) {
    if (!(this instanceof Duplex)) return new Duplex(options);
    this._readableState = new ReadableState(options, this, true);
    this._writableState = new WritableState(options, this, true);
    if (options) {
      this.allowHalfOpen = options.allowHalfOpen !== false;
      if (options.readable === false) {
        this._readableState.readable = false;
        this._readableState.ended = true;
        this._readableState.endEmitted = true;
      }
      if (options.writable === false) {
        this._writableState.writable = false;
        this._writableState.ending = true;
        this._writableState.ended = true;
        this._writableState.finished = true;
      }
      if (typeof options.read === 'function') this._read = options.read;
      if (typeof options.write === 'function') this._write = options.write;
      if (typeof options.writev === 'function') this._writev = options.writev;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (typeof options.final === 'function') this._final = options.final;
      if (typeof options.construct === 'function') this._construct = options.construct;
      if (options.signal) addAbortSignal(options.signal, this);
    } else {
      this.allowHalfOpen = true;
    }
    Stream.call(this, options);
    construct(this, function () {
      var r = this._readableState;
      if (r.needReadable) maybeReadMore(this, r);
      var w = this._writableState;
      if (!w.writing) clearBuffer(this, w);
      finishMaybe(this, w);
    });
  }
  inherit(Duplex, Readable);

  var writableMethods = ['write', 'cork', 'uncork', 'setDefaultEncoding', 'end', '_write'];
  for (var wm = 0; wm < writableMethods.length; wm++) {
    Duplex.prototype[writableMethods[wm]] = Writable.prototype[writableMethods[wm]];
  }
  Duplex.prototype._writev = null;
  var writableGetterNames = ['writable', 'writableHighWaterMark', 'writableObjectMode', 'writableBuffer', 'writableLength',
    'writableFinished', 'writableCorked', 'writableEnded', 'writableNeedDrain'];
  for (var wg = 0; wg < writableGetterNames.length; wg++) {
    Object.defineProperty(Duplex.prototype, writableGetterNames[wg],
      Object.getOwnPropertyDescriptor(Writable.prototype, writableGetterNames[wg]));
  }
  Object.defineProperty(Duplex.prototype, 'destroyed', {
    configurable: true,
    get: function () {
      if (this._readableState === undefined || this._writableState === undefined) return false;
      return this._readableState.destroyed && this._writableState.destroyed;
    },
    set: function (value) {
      if (this._readableState && this._writableState) {
        this._readableState.destroyed = value;
        this._writableState.destroyed = value;
      }
    },
  });
  Duplex.prototype.destroy = Writable.prototype.destroy;

  Duplex.from = function (body) {
    if (isDuplexNodeStream(body) || isNodeStream(body)) return body;
    if (typeof body === 'string' || body instanceof Buffer || isIterable(body)) {
      return from(body, { objectMode: true, writable: false });
    }
    if (body && typeof body.then === 'function') {
      var d = new Duplex({ objectMode: true, writable: false, read: function () {} });
      body.then(function (value) {
        if (value != null) d.push(value);
        d.push(null);
      }, function (err) { d.destroy(err); });
      return d;
    }
    if (body && (isReadableNodeStream(body.readable) || isWritableNodeStream(body.writable))) {
      return duplexFromPair(body.readable, body.writable);
    }
    throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "body" argument must be of type Blob, Buffer, TypedArray, DataView, ArrayBuffer, Stream, Iterable, AsyncIterable, Function, Promise, or { readable, writable } pair. Received ' + errors.describe(body));
  };

  // A Duplex writing into `writable` and reading from `readable`.
  function duplexFromPair(readable, writable) {
    var onreadable = null;
    var ondrain = null;
    var onfinish = null;
    var d = new Duplex({
      objectMode: !!(readable && readable.readableObjectMode) || !!(writable && writable.writableObjectMode),
      readable: !!readable,
      writable: !!writable,
      read: function () {
        var chunk;
        while ((chunk = readable.read()) !== null) {
          if (!d.push(chunk)) return;
        }
        onreadable = d._read;
      },
      write: function (chunk, encoding, callback) {
        if (writable.write(chunk, encoding)) callback();
        else ondrain = callback;
      },
      final: function (callback) {
        writable.end();
        onfinish = callback;
      },
      destroy: function (err, callback) {
        if (readable) destroyer(readable, err);
        if (writable) destroyer(writable, err);
        callback(err);
      },
    });
    if (writable) {
      writable.on('drain', function () {
        if (ondrain) { var cb = ondrain; ondrain = null; cb(); }
      });
      eos(writable, { readable: false, writable: true }, function (err) {
        if (onfinish) { var cb = onfinish; onfinish = null; cb(err); } else if (err) destroyer(d, err);
      });
    }
    if (readable) {
      readable.on('readable', function () {
        if (onreadable) { var cb = onreadable; onreadable = null; cb.call(d); }
      });
      readable.on('end', function () { d.push(null); });
      eos(readable, { readable: true, writable: false }, function (err) {
        if (err) destroyer(d, err);
      });
    }
    return d;
  }

  // ---- Transform and PassThrough --------------------------------------------------------------------------------------

  function Transform(options) {
    if (!(this instanceof Transform)) return new Transform(options);
    var readableHighWaterMark = options ? getHighWaterMark(this, options, 'readableHighWaterMark', true) : null;
    if (readableHighWaterMark === 0) {
      options = Object.assign({}, options, {
        highWaterMark: null,
        readableHighWaterMark: readableHighWaterMark,
        writableHighWaterMark: options.writableHighWaterMark || 0,
      });
    }
    Duplex.call(this, options);
    this._readableState.sync = false;
    this[kCallback] = null;
    if (options) {
      if (typeof options.transform === 'function') this._transform = options.transform;
      if (typeof options.flush === 'function') this._flush = options.flush;
    }
    this.on('prefinish', transformPrefinish);
  }
  inherit(Transform, Duplex);

  function transformFinal(cb) {
    var self = this;
    if (typeof this._flush === 'function' && !this.destroyed) {
      this._flush(function (er, data) {
        if (er) {
          if (cb) cb(er); else self.destroy(er);
          return;
        }
        if (data != null) self.push(data);
        self.push(null);
        if (cb) cb();
      });
    } else {
      this.push(null);
      if (cb) cb();
    }
  }

  function transformPrefinish() {
    if (this._final !== transformFinal) transformFinal.call(this);
  }

  Transform.prototype._final = transformFinal;

  Transform.prototype._transform = function () {
    throw E.notImplemented('_transform()');
  };

  Transform.prototype._write = function (chunk, encoding, callback) {
    var self = this;
    var rState = this._readableState;
    var wState = this._writableState;
    var length = rState.length;
    this._transform(chunk, encoding, function (err, val) {
      if (err) {
        callback(err);
        return;
      }
      if (val != null) self.push(val);
      if (rState.ended) {
        nextTick(callback);
      } else if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) {
        callback();
      } else {
        self[kCallback] = callback;
      }
    });
  };

  Transform.prototype._read = function () {
    if (this[kCallback]) {
      var callback = this[kCallback];
      this[kCallback] = null;
      callback();
    }
  };

  function PassThrough(options) {
    if (!(this instanceof PassThrough)) return new PassThrough(options);
    Transform.call(this, options);
  }
  inherit(PassThrough, Transform);
  PassThrough.prototype._transform = function (chunk, encoding, cb) {
    cb(null, chunk);
  };

  // ---- finished (end-of-stream) ----------------------------------------------------------------------------------

  function validateAbortSignal(signal, name) {
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
      throw errors.invalidArgType(name, 'AbortSignal', signal);
    }
  }

  function eos(stream, options, callback) {
    if (arguments.length === 2) {
      callback = options;
      options = {};
    } else if (options == null) {
      options = {};
    } else {
      errors.validateObject(options, 'options');
    }
    errors.validateFunction(callback, 'callback');
    validateAbortSignal(options.signal, 'options.signal');
    callback = once(callback);
    if (!isNodeStream(stream)) {
      throw errors.invalidArgType('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
    }
    var readable = options.readable != null ? options.readable : isReadableNodeStream(stream);
    var writable = options.writable != null ? options.writable : isWritableNodeStream(stream);
    var wState = stream._writableState;
    var rState = stream._readableState;
    var onlegacyfinish = function () {
      if (!stream.writable) onfinish();
    };
    var emitsClose = willEmitClose(stream) && isReadableNodeStream(stream) === readable && isWritableNodeStream(stream) === writable;
    var writableFinished = isWritableFinished(stream, false);
    var onfinish = function () {
      writableFinished = true;
      if (stream.destroyed) emitsClose = false;
      if (emitsClose && (!stream.readable || readable)) return;
      if (!readable || readableFinished) callback.call(stream);
    };
    var readableFinished = isReadableFinished(stream, false);
    var onend = function () {
      readableFinished = true;
      if (stream.destroyed) emitsClose = false;
      if (emitsClose && (!stream.writable || writable)) return;
      if (!writable || writableFinished) callback.call(stream);
    };
    var onerror = function (err) {
      callback.call(stream, err);
    };
    var closed = isClosed(stream);
    var onclose = function () {
      closed = true;
      var errored = isWritableErrored(stream) || isReadableErrored(stream);
      if (errored && typeof errored !== 'boolean') return callback.call(stream, errored);
      if (readable && !readableFinished && isReadableNodeStream(stream, true)) {
        if (!isReadableFinished(stream, false)) return callback.call(stream, E.prematureClose());
      }
      if (writable && !writableFinished) {
        if (!isWritableFinished(stream, false)) return callback.call(stream, E.prematureClose());
      }
      callback.call(stream);
    };
    var onclosed = function () {
      closed = true;
      var errored = isWritableErrored(stream) || isReadableErrored(stream);
      if (errored && typeof errored !== 'boolean') return callback.call(stream, errored);
      callback.call(stream);
    };
    var onrequest = function () {
      stream.req.on('finish', onfinish);
    };
    if (isRequest(stream)) {
      stream.on('complete', onfinish);
      if (!emitsClose) stream.on('abort', onclose);
      if (stream.req) onrequest(); else stream.on('request', onrequest);
    } else if (writable && !wState) {
      stream.on('end', onlegacyfinish);
      stream.on('close', onlegacyfinish);
    }
    if (!emitsClose && typeof stream.aborted === 'boolean') stream.on('aborted', onclose);
    stream.on('end', onend);
    stream.on('finish', onfinish);
    if (options.error !== false) stream.on('error', onerror);
    stream.on('close', onclose);
    if (closed) {
      nextTick(onclose);
    } else if ((wState && wState.errorEmitted) || (rState && rState.errorEmitted)) {
      if (!emitsClose) nextTick(onclosed);
    } else if (!readable && (!emitsClose || isReadable(stream)) && (writableFinished || isWritable(stream) === false)) {
      nextTick(onclosed);
    } else if (!writable && (!emitsClose || isWritable(stream)) && (readableFinished || isReadable(stream) === false)) {
      nextTick(onclosed);
    } else if (rState && stream.req && stream.aborted) {
      nextTick(onclosed);
    }
    var cleanup = function () {
      callback = nop;
      stream.removeListener('aborted', onclose);
      stream.removeListener('complete', onfinish);
      stream.removeListener('abort', onclose);
      stream.removeListener('request', onrequest);
      if (stream.req) stream.req.removeListener('finish', onfinish);
      stream.removeListener('end', onlegacyfinish);
      stream.removeListener('close', onlegacyfinish);
      stream.removeListener('finish', onfinish);
      stream.removeListener('end', onend);
      stream.removeListener('error', onerror);
      stream.removeListener('close', onclose);
    };
    if (options.signal && !closed) {
      var abort = function () {
        var endCallback = callback;
        cleanup();
        endCallback.call(stream, new AbortError(undefined, { cause: options.signal.reason }));
      };
      if (options.signal.aborted) {
        nextTick(abort);
      } else {
        var originalCallback = callback;
        options.signal.addEventListener('abort', abort);
        callback = once(function () {
          options.signal.removeEventListener('abort', abort);
          originalCallback.apply(stream, arguments);
        });
      }
    }
    return cleanup;
  }

  function finishedPromise(stream, opts) {
    var autoCleanup = false;
    if (opts && opts.cleanup) {
      autoCleanup = true;
    }
    return new Promise(function (resolve, reject) {
      var cleanup = eos(stream, opts, function (err) {
        if (autoCleanup) cleanup();
        if (err) reject(err); else resolve();
      });
    });
  }
  eos.finished = finishedPromise;

  // ---- pipeline -------------------------------------------------------------------------------------------------

  function popCallback(streams) {
    errors.validateFunction(streams[streams.length - 1], 'streams[stream.length - 1]');
    return streams.pop();
  }

  function pipeline() {
    var streams = Array.prototype.slice.call(arguments);
    return pipelineImpl(streams, once(popCallback(streams)));
  }

  function makeAsyncIterable(val) {
    if (isIterable(val)) return val;
    if (isReadableNodeStream(val)) return fromReadable(val);
    throw errors.invalidArgType('val', ['Readable', 'Iterable', 'AsyncIterable'], val);
  }

  async function* fromReadable(val) {
    yield* Readable.prototype[Symbol.asyncIterator].call(val);
  }

  async function pumpToNode(iterable, writable, finish, opts) {
    var error;
    var onresolve = null;
    var resume = function (err) {
      if (err) error = err;
      if (onresolve) {
        var callback = onresolve;
        onresolve = null;
        callback();
      }
    };
    var wait = function () {
      return new Promise(function (resolve, reject) {
        if (error) {
          reject(error);
        } else {
          onresolve = function () {
            if (error) reject(error); else resolve();
          };
        }
      });
    };
    writable.on('drain', resume);
    var cleanup = eos(writable, { readable: false }, resume);
    try {
      if (writable.writableNeedDrain) await wait();
      for await (var chunk of iterable) {
        if (!writable.write(chunk)) await wait();
      }
      if (opts.end) {
        writable.end();
        await wait();
      }
      finish();
    } catch (err) {
      finish(error !== err ? aggregateTwoErrors(error, err) : err);
    } finally {
      cleanup();
      writable.off('drain', resume);
    }
  }

  function pipelineDestroyer(stream, reading, writing) {
    var done = false;
    stream.on('close', function () { done = true; });
    var cleanup = eos(stream, { readable: reading, writable: writing }, function (err) { done = !err; });
    return {
      destroy: function (err) {
        if (done) return;
        done = true;
        destroyer(stream, err || E.destroyed('pipe'));
      },
      cleanup: cleanup,
    };
  }

  function pipelineImpl(streams, callback, opts) {
    if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
    if (streams.length < 2) throw E.missingArgs('streams');
    var controller = new (abortModule().AbortController)();
    var signal = controller.signal;
    var outerSignal = opts && opts.signal;
    var lastStreamCleanup = [];
    validateAbortSignal(outerSignal, 'options.signal');
    function abort() {
      finishImpl(new AbortError());
    }
    if (outerSignal) outerSignal.addEventListener('abort', abort);
    var error;
    var value;
    var destroys = [];
    var finishCount = 0;
    function finish(err) {
      finishImpl(err, --finishCount === 0);
    }
    function finishImpl(err, final) {
      if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) error = err;
      if (!error && !final) return;
      while (destroys.length) destroys.shift()(error);
      if (outerSignal) outerSignal.removeEventListener('abort', abort);
      controller.abort();
      if (final) {
        if (!error) lastStreamCleanup.forEach(function (fn) { fn(); });
        nextTick(callback, error, value);
      }
    }
    var ret;
    for (var i = 0; i < streams.length; i++) {
      var stream = streams[i];
      var reading = i < streams.length - 1;
      var writing = i > 0;
      var end = reading || !opts || opts.end !== false;
      var isLastStream = i === streams.length - 1;
      if (isNodeStream(stream)) {
        if (end) {
          var pair = pipelineDestroyer(stream, reading, writing);
          destroys.push(pair.destroy);
          if (isReadable(stream) && isLastStream) lastStreamCleanup.push(pair.cleanup);
        }
        var onError = function (err) {
          if (err && err.name !== 'AbortError' && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') finish(err);
        };
        stream.on('error', onError);
        if (isReadable(stream) && isLastStream) {
          lastStreamCleanup.push((function (s, fn) { return function () { s.removeListener('error', fn); }; })(stream, onError));
        }
      }
      if (i === 0) {
        if (typeof stream === 'function') {
          ret = stream({ signal: signal });
          if (!isIterable(ret)) throw E.invalidReturn('Iterable, AsyncIterable or Stream', 'source', ret);
        } else if (isIterable(stream) || isReadableNodeStream(stream)) {
          ret = stream;
        } else {
          ret = Duplex.from(stream);
        }
      } else if (typeof stream === 'function') {
        ret = makeAsyncIterable(ret);
        ret = stream(ret, { signal: signal });
        if (reading) {
          if (!isIterable(ret, true)) throw E.invalidReturn('AsyncIterable', 'transform[' + (i - 1) + ']', ret);
        } else {
          var pt = new PassThrough({ objectMode: true });
          var then = ret && ret.then;
          if (typeof then === 'function') {
            finishCount++;
            (function (pt, end) {
              then.call(ret, function (val) {
                value = val;
                if (val != null) pt.write(val);
                if (end) pt.end();
                nextTick(finish);
              }, function (err) {
                pt.destroy(err);
                nextTick(finish, err);
              });
            })(pt, end);
          } else if (isIterable(ret, true)) {
            finishCount++;
            pumpToNode(ret, pt, finish, { end: end });
          } else {
            throw E.invalidReturn('AsyncIterable or Promise', 'destination', ret);
          }
          ret = pt;
          var ptPair = pipelineDestroyer(ret, false, true);
          destroys.push(ptPair.destroy);
          if (isLastStream) lastStreamCleanup.push(ptPair.cleanup);
        }
      } else if (isNodeStream(stream)) {
        if (isReadableNodeStream(ret)) {
          finishCount += 2;
          var pipeCleanup = pipe(ret, stream, finish, { end: end });
          if (isReadable(stream) && isLastStream) lastStreamCleanup.push(pipeCleanup);
        } else if (isIterable(ret)) {
          finishCount++;
          pumpToNode(ret, stream, finish, { end: end });
        } else {
          throw errors.invalidArgType('val', ['Readable', 'Iterable', 'AsyncIterable'], ret);
        }
        ret = stream;
      } else {
        ret = Duplex.from(stream);
      }
    }
    if ((signal && signal.aborted) || (outerSignal && outerSignal.aborted)) nextTick(abort);
    return ret;
  }

  function pipe(src, dst, finish, opts) {
    var ended = false;
    dst.on('close', function () {
      if (!ended) finish(E.prematureClose());
    });
    src.pipe(dst, { end: false });
    if (opts.end) {
      var endFn = function () {
        ended = true;
        dst.end();
      };
      if (isReadableFinished(src)) nextTick(endFn);
      else src.once('end', endFn);
    } else {
      finish();
    }
    eos(src, { readable: true, writable: false }, function (err) {
      var rState = src._readableState;
      if (err && err.code === 'ERR_STREAM_PREMATURE_CLOSE' && rState && rState.ended && !rState.errored && !rState.errorEmitted) {
        src.once('end', finish).once('error', finish);
      } else {
        finish(err);
      }
    });
    return eos(dst, { readable: false, writable: true }, finish);
  }

  // ---- addAbortSignal -------------------------------------------------------------------------------------------

  function addAbortSignal(signal, stream) {
    validateAbortSignal(signal, 'signal');
    if (!isNodeStream(stream)) {
      throw errors.invalidArgType('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
    }
    var onAbort = function () {
      stream.destroy(new AbortError(undefined, { cause: signal.reason }));
    };
    if (signal.aborted) {
      onAbort();
    } else {
      signal.addEventListener('abort', onAbort);
      eos(stream, function () { signal.removeEventListener('abort', onAbort); });
    }
    return stream;
  }

  // ---- exports ------------------------------------------------------------------------------------------------

  var promises = {
    finished: finishedPromise,
    pipeline: function () {
      var streams = Array.prototype.slice.call(arguments);
      return new Promise(function (resolve, reject) {
        var signal;
        var end;
        var lastArg = streams[streams.length - 1];
        if (lastArg && typeof lastArg === 'object' && !isNodeStream(lastArg) && !isIterable(lastArg)) {
          var options = streams.pop();
          signal = options.signal;
          end = options.end;
        }
        pipelineImpl(streams, function (err, value) {
          if (err) reject(err); else resolve(value);
        }, { signal: signal, end: end });
      });
    },
  };

  // ---- adapters to and from WHATWG streams (Node 20's lib/internal/webstreams/adapters.js) ----------------------
  function webstreams() { return lazy.web || (lazy.web = require('internal/webstreams')); }

  function toWebReadable(streamReadable, options) {
    if (!isReadableNodeStream(streamReadable)) throw errors.invalidArgType('streamReadable', 'stream.Readable', streamReadable);
    var web = webstreams();
    if (isDestroyed(streamReadable) || !isReadable(streamReadable)) {
      var closed = new web.ReadableStream();
      closed.cancel();
      return closed;
    }
    var objectMode = streamReadable.readableObjectMode;
    var highWaterMark = streamReadable.readableHighWaterMark;
    var strategy = options && options.strategy ? options.strategy
      : objectMode ? new web.CountQueuingStrategy({ highWaterMark: highWaterMark }) : { highWaterMark: highWaterMark };
    var controller;
    function onData(chunk) {
      if (Buffer.isBuffer(chunk) && !objectMode) chunk = new Uint8Array(chunk);
      controller.enqueue(chunk);
      if (controller.desiredSize <= 0) streamReadable.pause();
    }
    function onFinished(error) {
      cleanup();
      if (error && error.code === 'ERR_STREAM_PREMATURE_CLOSE') error = AbortError(undefined, { cause: error });
      if (error) return controller.error(error);
      controller.close();
    }
    streamReadable.on('data', onData);
    var cleanup = eos(streamReadable, onFinished);
    streamReadable.pause();
    return new web.ReadableStream({
      start: function (c) { controller = c; },
      pull: function () { streamReadable.resume(); },
      cancel: function (reason) { destroyer(streamReadable, reason); },
    }, strategy);
  }

  function fromWebReadable(readableStream, options) {
    var web = webstreams();
    if (!web.internal.isReadableStream(readableStream)) throw errors.invalidArgType('readableStream', 'ReadableStream', readableStream);
    options = options === undefined ? {} : options;
    errors.validateObject(options, 'options');
    var reader = readableStream.getReader();
    var closed = false;
    var readable = new Readable({
      objectMode: !!options.objectMode,
      highWaterMark: options.highWaterMark,
      encoding: options.encoding,
      signal: options.signal,
      read: function () {
        reader.read().then(function (chunk) {
          if (chunk.done) readable.push(null);
          else readable.push(chunk.value);
        }, function (error) { destroyer(readable, error); });
      },
      destroy: function (error, callback) {
        function done() {
          try { callback(error); } catch (e) { processModule.nextTick(function () { throw e; }); }
        }
        if (!closed) { reader.cancel(error).then(done, done); return; }
        done();
      },
    });
    reader.closed.then(function () { closed = true; }, function (error) { closed = true; destroyer(readable, error); });
    return readable;
  }

  function toWebWritable(streamWritable) {
    if (!isWritableNodeStream(streamWritable)) throw errors.invalidArgType('streamWritable', 'stream.Writable', streamWritable);
    var web = webstreams();
    if (isDestroyed(streamWritable) || !isWritable(streamWritable)) {
      var closed = new web.WritableStream();
      closed.close();
      return closed;
    }
    var highWaterMark = streamWritable.writableHighWaterMark;
    var strategy = streamWritable.writableObjectMode ? new web.CountQueuingStrategy({ highWaterMark: highWaterMark }) : { highWaterMark: highWaterMark };
    var controller, backpressure, closing;
    function deferred() { var d = {}; d.promise = new Promise(function (res, rej) { d.resolve = res; d.reject = rej; }); return d; }
    function onDrain() { if (backpressure !== undefined) backpressure.resolve(); }
    var cleanup = eos(streamWritable, function (error) {
      if (error && error.code === 'ERR_STREAM_PREMATURE_CLOSE') error = AbortError(undefined, { cause: error });
      cleanup();
      streamWritable.on('error', function () {});
      if (error != null) {
        if (backpressure !== undefined) backpressure.reject(error);
        if (closing !== undefined) { closing.reject(error); closing = undefined; }
        controller.error(error);
        controller = undefined;
        return;
      }
      if (closing !== undefined) { closing.resolve(); closing = undefined; return; }
      controller.error(AbortError());
      controller = undefined;
    });
    streamWritable.on('drain', onDrain);
    return new web.WritableStream({
      start: function (c) { controller = c; },
      write: function (chunk) {
        if (streamWritable.writableNeedDrain || !streamWritable.write(chunk)) {
          backpressure = deferred();
          return backpressure.promise.then(function () { backpressure = undefined; });
        }
      },
      abort: function (reason) { destroyer(streamWritable, reason); },
      close: function () {
        if (closing === undefined && !streamWritable.writableEnded) {
          closing = deferred();
          streamWritable.end();
          return closing.promise;
        }
        controller = undefined;
        return Promise.resolve();
      },
    }, strategy);
  }

  function fromWebWritable(writableStream, options) {
    var web = webstreams();
    if (!web.internal.isWritableStream(writableStream)) throw errors.invalidArgType('writableStream', 'WritableStream', writableStream);
    options = options === undefined ? {} : options;
    errors.validateObject(options, 'options');
    var writer = writableStream.getWriter();
    var closed = false;
    var writable = new Writable({
      highWaterMark: options.highWaterMark,
      objectMode: !!options.objectMode,
      decodeStrings: options.decodeStrings === undefined ? true : options.decodeStrings,
      signal: options.signal,
      write: function (chunk, encoding, callback) {
        writer.ready.then(function () { return writer.write(chunk); }).then(function () { callback(); }, function (error) { callback(error); });
      },
      final: function (callback) {
        if (!closed) writer.close().then(function () { callback(); }, function (error) { callback(error); });
        else callback();
      },
      destroy: function (error, callback) {
        function done() {
          try { callback(error); } catch (e) { processModule.nextTick(function () { throw e; }); }
        }
        if (!closed) {
          if (error != null) writer.abort(error).then(done, done);
          else writer.close().then(done, done);
          return;
        }
        done();
      },
    });
    writer.closed.then(function () { closed = true; }, function (error) { closed = true; destroyer(writable, error); });
    return writable;
  }

  Readable.toWeb = toWebReadable;
  Readable.fromWeb = fromWebReadable;
  Writable.toWeb = toWebWritable;
  Writable.fromWeb = fromWebWritable;

  Stream.isDestroyed = isDestroyed;
  Stream.isDisturbed = isDisturbed;
  Stream.isErrored = isErrored;
  Stream.isReadable = isReadable;
  Stream.isWritable = isWritable;
  Stream.Readable = Readable;
  Stream.Writable = Writable;
  Stream.Duplex = Duplex;
  Stream.Transform = Transform;
  Stream.PassThrough = PassThrough;
  Stream.pipeline = pipeline;
  Object.defineProperty(pipeline, Symbol.for('nodejs.util.promisify.custom'), {
    enumerable: true, get: function () { return promises.pipeline; },
  });
  Stream.addAbortSignal = addAbortSignal;
  Stream.finished = eos;
  Object.defineProperty(eos, Symbol.for('nodejs.util.promisify.custom'), {
    enumerable: true, get: function () { return promises.finished; },
  });
  Stream.destroy = destroyer;
  Stream.setDefaultHighWaterMark = setDefaultHighWaterMark;
  Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;
  Object.defineProperty(Stream, 'promises', {
    configurable: true, enumerable: true, get: function () { return promises; },
  });
  Stream.Stream = Stream;
  Stream._isArrayBufferView = isArrayBufferView;
  Stream._isUint8Array = isUint8Array;
  Stream._uint8ArrayToBuffer = function (chunk) { return toBuffer(chunk); };
  // Shared with zlib (its streams are Transforms that report errors the way streams do).
  Object.defineProperty(Stream, '_internal', {
    value: { errorOrDestroy: errorOrDestroy, nextTick: nextTick },
  });
  return Stream;
})
