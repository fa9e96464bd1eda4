// The WHATWG Streams Standard as Node 20 exposes it (`stream/web` and the globals): ReadableStream with its default
// and byte controllers and readers, WritableStream, TransformStream, the queuing strategies, TextEncoderStream and
// TextDecoderStream. The algorithms are the Standard's, written over module-private records (`state(x)`), so the
// order of promise jobs a hook observes is Node's; errors carry Node's codes (ERR_INVALID_STATE, ERR_INVALID_THIS,
// ERR_INVALID_ARG_TYPE/VALUE). Not provided: BYOB reads into a caller's buffer (`getReader({ mode: 'byob' })` is
// refused with ERR_HOOKS_WEBSTREAMS_UNSUPPORTED), CompressionStream/DecompressionStream, transfer to workers.
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  var inspectCustom = Symbol.for('nodejs.util.inspect.custom');

  var records = new WeakMap();
  function state(object) { return records.get(object); }

  function invalidState(message) { return errors.make(TypeError, 'ERR_INVALID_STATE', 'Invalid state: ' + message); }
  function invalidThis(type) { return errors.make(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type ' + type); }
  function invalidArgValue(name, value, Base) {
    return errors.make(Base || TypeError, 'ERR_INVALID_ARG_VALUE', "The property '" + name + "' is invalid. Received " + errors.primitive(value));
  }
  function brand(object, kind) {
    var record = object !== null && (typeof object === 'object' || typeof object === 'function') ? records.get(object) : undefined;
    if (!record || record.kind !== kind) throw invalidThis(kind);
    return record;
  }

  function noop() {}
  function deferred() {
    var d = { settled: false, state: 'pending', value: undefined };
    d.promise = new Promise(function (resolve, reject) {
      d.resolve = function (value) { if (!d.settled) { d.settled = true; d.state = 'fulfilled'; d.value = value; resolve(value); } };
      d.reject = function (reason) { if (!d.settled) { d.settled = true; d.state = 'rejected'; d.value = reason; reject(reason); } };
    });
    return d;
  }
  // How Node prints the promise of a deferred in a reader's or writer's inspection (Promise { <pending> }).
  function promiseView(d) {
    var view = {};
    Object.defineProperty(view, inspectCustom, { value: function (depth, options, inspect) {
      if (d.state === 'pending' || (d.state === 'fulfilled' && d.value !== null && typeof d.value === 'object' && typeof d.value.then === 'function')) return 'Promise { <pending> }';
      return 'Promise { ' + (d.state === 'rejected' ? '<rejected> ' : '') + inspect(d.value, options) + ' }';
    } });
    return view;
  }
  function handled(promise) { promise.then(undefined, noop); return promise; }
  function resolved(value) { return Promise.resolve(value); }
  function rejected(reason) { return Promise.reject(reason); }
  function upon(promise, onFulfilled, onRejected) { handled(promise.then(onFulfilled, onRejected)); }
  function queueMicrotaskLocal(fn) { Promise.resolve().then(fn); }

  // A user callback as the Standard calls it: a thrown exception becomes a rejected promise.
  function promiseCall(fn, thisArg, args) {
    if (fn === undefined) return resolved(undefined);
    try { return resolved(fn.apply(thisArg, args)); } catch (e) { return rejected(e); }
  }

  function method(object, name, owner) {
    var value = object[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'function') throw errors.invalidArgType(owner + '.' + name, 'function', value);
    return value;
  }

  // ---- queuing strategies ------------------------------------------------------------------------------------

  function extractHighWaterMark(strategy, defaultHWM) {
    if (strategy === undefined || strategy.highWaterMark === undefined) return defaultHWM;
    var hwm = Number(strategy.highWaterMark);
    if (Number.isNaN(hwm) || hwm < 0) throw invalidArgValue('strategy.highWaterMark', strategy.highWaterMark, RangeError);
    return hwm;
  }
  function extractSize(strategy) {
    if (strategy === undefined || strategy.size === undefined) return function () { return 1; };
    var size = strategy.size;
    if (typeof size !== 'function') throw errors.invalidArgType('strategy.size', 'function', size);
    return function (chunk) { return size(chunk); };
  }
  function strategyInit(init) {
    if (init === null || typeof init !== 'object') throw errors.invalidArgType('init', 'object', init);
    if (init.highWaterMark === undefined) throw errors.make(TypeError, 'ERR_MISSING_OPTION', 'init.highWaterMark is required');
    return Number(init.highWaterMark);
  }

  function byteLengthSize(chunk) { return chunk.byteLength; }
  function countSize() { return 1; }
  Object.defineProperty(byteLengthSize, 'name', { value: 'size' });
  Object.defineProperty(countSize, 'name', { value: 'size' });

  class ByteLengthQueuingStrategy {
    constructor(init) { records.set(this, { kind: 'ByteLengthQueuingStrategy', highWaterMark: strategyInit(init) }); }
    get highWaterMark() { return brand(this, 'ByteLengthQueuingStrategy').highWaterMark; }
    get size() { brand(this, 'ByteLengthQueuingStrategy'); return byteLengthSize; }
    [inspectCustom](depth, options, inspect) { return 'ByteLengthQueuingStrategy ' + inspect({ highWaterMark: this.highWaterMark }, options); }
  }
  class CountQueuingStrategy {
    constructor(init) { records.set(this, { kind: 'CountQueuingStrategy', highWaterMark: strategyInit(init) }); }
    get highWaterMark() { return brand(this, 'CountQueuingStrategy').highWaterMark; }
    get size() { brand(this, 'CountQueuingStrategy'); return countSize; }
    [inspectCustom](depth, options, inspect) { return 'CountQueuingStrategy ' + inspect({ highWaterMark: this.highWaterMark }, options); }
  }

  // ---- queue-with-sizes ----------------------------------------------------------------------------------------

  function enqueueValueWithSize(container, value, size) {
    size = Number(size);
    if (Number.isNaN(size) || size < 0 || size === Infinity) throw errors.make(RangeError, 'ERR_INVALID_ARG_VALUE', "The argument 'size' is invalid. Received " + errors.primitive(size));
    container.queue.push({ value: value, size: size });
    container.queueTotalSize += size;
  }
  function dequeueValue(container) {
    var pair = container.queue.shift();
    container.queueTotalSize -= pair.size;
    if (container.queueTotalSize < 0) container.queueTotalSize = 0;
    return pair.value;
  }
  function resetQueue(container) { container.queue = []; container.queueTotalSize = 0; }

  // ---- ReadableStream ------------------------------------------------------------------------------------------

  class ReadableStream {
    constructor(source, strategy) {
      if (source === undefined) source = null;
      if (source !== null && typeof source !== 'object') throw errors.invalidArgType('source', 'object', source);
      if (strategy !== undefined && (strategy === null || typeof strategy !== 'object')) throw errors.invalidArgType('strategy', 'object', strategy);
      var stream = newReadableRecord(this);
      var type = source === null ? undefined : source.type;
      if (type !== undefined && String(type) !== 'bytes') throw invalidArgValue('source.type', type);
      if (type !== undefined) {
        if (strategy !== undefined && strategy.size !== undefined) throw invalidArgValue('strategy.size', strategy.size, RangeError);
        setUpByteController(stream, source || {}, extractHighWaterMark(strategy, 0));
      } else {
        var size = extractSize(strategy);
        setUpDefaultControllerFromSource(stream, source || {}, extractHighWaterMark(strategy, 1), size);
      }
    }
    get locked() { return brand(this, 'ReadableStream').reader !== undefined; }
    cancel(reason) {
      var stream;
      try { stream = brand(this, 'ReadableStream'); } catch (e) { return rejected(e); }
      if (stream.reader !== undefined) return rejected(invalidState('ReadableStream is locked'));
      return readableStreamCancel(stream, reason);
    }
    getReader(options) {
      var stream = brand(this, 'ReadableStream');
      if (options !== undefined && (options === null || typeof options !== 'object')) throw errors.invalidArgType('options', 'object', options);
      var mode = options === undefined ? undefined : options.mode;
      if (mode === undefined) return new ReadableStreamDefaultReader(this);
      if (String(mode) !== 'byob') throw invalidArgValue('options.mode', mode);
      if (stream.controller.kind !== 'ReadableByteStreamController') throw invalidArgValue('options.mode', mode);
      return new ReadableStreamBYOBReader(this);
    }
    pipeThrough(transform, options) {
      var stream = brand(this, 'ReadableStream');
      if (transform === null || typeof transform !== 'object') throw errors.invalidArgType('transform', 'object', transform);
      var readable = transform.readable;
      if (!isReadableStream(readable)) throw errors.invalidArgType('transform.readable', 'ReadableStream', readable);
      var writable = transform.writable;
      if (!isWritableStream(writable)) throw errors.invalidArgType('transform.writable', 'WritableStream', writable);
      var opts = pipeOptions(options);
      if (stream.reader !== undefined) throw invalidState('The ReadableStream is locked');
      if (state(writable).writer !== undefined) throw invalidState('The WritableStream is locked');
      handled(readableStreamPipeTo(stream, state(writable), opts.preventClose, opts.preventAbort, opts.preventCancel, opts.signal));
      return readable;
    }
    pipeTo(destination, options) {
      try {
        var stream = brand(this, 'ReadableStream');
        if (!isWritableStream(destination)) throw errors.invalidArgType('transform.writable', 'WritableStream', destination);
        var opts = pipeOptions(options);
        if (stream.reader !== undefined) throw invalidState('The ReadableStream is locked');
        if (state(destination).writer !== undefined) throw invalidState('The WritableStream is locked');
        return readableStreamPipeTo(stream, state(destination), opts.preventClose, opts.preventAbort, opts.preventCancel, opts.signal);
      } catch (e) {
        return rejected(e);
      }
    }
    tee() {
      var stream = brand(this, 'ReadableStream');
      if (stream.reader !== undefined) throw invalidState('ReadableStream is locked');
      var branches = readableStreamDefaultTee(stream);
      return [branches[0].object, branches[1].object];
    }
    values(options) {
      var stream = brand(this, 'ReadableStream');
      if (options !== undefined && (options === null || typeof options !== 'object')) throw errors.invalidArgType('options', 'object', options);
      var preventCancel = !!(options && options.preventCancel);
      var reader = new ReadableStreamDefaultReader(this);
      return asyncIterator(stream, state(reader), preventCancel);
    }
    static from(iterable) { return readableStreamFromIterable(iterable); }
    [inspectCustom](depth, options, inspect) {
      var stream = state(this);
      return 'ReadableStream ' + inspect({ locked: stream.reader !== undefined, state: stream.state, supportsBYOB: stream.controller.kind === 'ReadableByteStreamController' }, options);
    }
  }
  Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, { value: ReadableStream.prototype.values, writable: true, configurable: true });
  Object.defineProperty(ReadableStream.prototype, Symbol.toStringTag, { value: 'ReadableStream', configurable: true });

  function pipeOptions(options) {
    if (options === undefined) options = {};
    if (options === null || typeof options !== 'object') throw errors.invalidArgType('options', 'object', options);
    var signal = options.signal;
    if (signal !== undefined) {
      var AbortSignal = require('internal/abort_controller').AbortSignal;
      if (!(signal instanceof AbortSignal)) throw errors.invalidArgType('options.signal', 'AbortSignal', signal);
    }
    return { preventClose: !!options.preventClose, preventAbort: !!options.preventAbort, preventCancel: !!options.preventCancel, signal: signal };
  }

  function isReadableStream(value) { var r = value !== null && typeof value === 'object' ? records.get(value) : undefined; return !!r && r.kind === 'ReadableStream'; }
  function isWritableStream(value) { var r = value !== null && typeof value === 'object' ? records.get(value) : undefined; return !!r && r.kind === 'WritableStream'; }

  function newReadableRecord(object) {
    var stream = { kind: 'ReadableStream', object: object, state: 'readable', reader: undefined, storedError: undefined, disturbed: false, controller: undefined };
    records.set(object, stream);
    return stream;
  }

  // A stream made by this module (TransformStream's readable, tee's branches, ReadableStream.from, fetch bodies).
  function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm) {
    var object = Object.create(ReadableStream.prototype);
    var stream = newReadableRecord(object);
    var controller = newDefaultControllerRecord();
    setUpDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm,
      highWaterMark === undefined ? 1 : highWaterMark, sizeAlgorithm || function () { return 1; });
    return stream;
  }

  function readableStreamCancel(stream, reason) {
    stream.disturbed = true;
    if (stream.state === 'closed') return resolved(undefined);
    if (stream.state === 'errored') return rejected(stream.storedError);
    readableStreamClose(stream);
    var reader = stream.reader;
    if (reader !== undefined && reader.kind === 'ReadableStreamBYOBReader') {
      var requests = reader.readIntoRequests;
      reader.readIntoRequests = [];
      requests.forEach(function (r) { r.close(undefined); });
    }
    return stream.controller.cancelSteps(reason).then(noop);
  }

  function readableStreamClose(stream) {
    stream.state = 'closed';
    var reader = stream.reader;
    if (reader === undefined) return;
    reader.closed.resolve(undefined);
    if (reader.kind === 'ReadableStreamDefaultReader') {
      var requests = reader.readRequests;
      reader.readRequests = [];
      requests.forEach(function (r) { r.close(); });
    }
  }

  function readableStreamError(stream, error) {
    stream.state = 'errored';
    stream.storedError = error;
    var reader = stream.reader;
    if (reader === undefined) return;
    reader.closed.reject(error);
    handled(reader.closed.promise);
    if (reader.kind === 'ReadableStreamDefaultReader') {
      var requests = reader.readRequests;
      reader.readRequests = [];
      requests.forEach(function (r) { r.error(error); });
    } else {
      var into = reader.readIntoRequests;
      reader.readIntoRequests = [];
      into.forEach(function (r) { r.error(error); });
    }
  }

  function readableStreamFulfillReadRequest(stream, chunk, done) {
    var request = stream.reader.readRequests.shift();
    if (done) request.close(); else request.chunk(chunk);
  }
  function numReadRequests(stream) { return stream.reader === undefined ? 0 : stream.reader.readRequests.length; }
  function hasDefaultReader(stream) { return stream.reader !== undefined && stream.reader.kind === 'ReadableStreamDefaultReader'; }

  // ---- readers -------------------------------------------------------------------------------------------------

  function readerInitialize(reader, stream) {
    reader.stream = stream;
    stream.reader = reader;
    reader.closed = deferred();
    if (stream.state === 'closed') reader.closed.resolve(undefined);
    else if (stream.state === 'errored') { reader.closed.reject(stream.storedError); handled(reader.closed.promise); }
  }

  function readerRelease(reader) {
    var stream = reader.stream;
    var error = invalidState('Reader released');
    if (stream.state === 'readable') reader.closed.reject(error);
    else { reader.closed = deferred(); reader.closed.reject(error); }
    handled(reader.closed.promise);
    stream.controller.releaseSteps();
    stream.reader = undefined;
    reader.stream = undefined;
  }

  function readerCancel(reader, reason) {
    return readableStreamCancel(reader.stream, reason);
  }

  function defaultReaderRead(reader, request) {
    var stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === 'closed') request.close();
    else if (stream.state === 'errored') request.error(stream.storedError);
    else stream.controller.pullSteps(request);
  }

  class ReadableStreamDefaultReader {
    constructor(stream) {
      if (!isReadableStream(stream)) throw errors.invalidArgType('stream', 'ReadableStream', stream);
      var s = state(stream);
      if (s.reader !== undefined) throw invalidState('ReadableStream is locked');
      var reader = { kind: 'ReadableStreamDefaultReader', object: this, stream: undefined, readRequests: [], closed: undefined };
      records.set(this, reader);
      readerInitialize(reader, s);
    }
    read() {
      var reader;
      try { reader = brand(this, 'ReadableStreamDefaultReader'); } catch (e) { return rejected(e); }
      if (reader.stream === undefined) return rejected(invalidState('The reader is not attached to a stream'));
      var d = deferred();
      defaultReaderRead(reader, {
        chunk: function (value) { d.resolve({ value: value, done: false }); },
        close: function () { d.resolve({ value: undefined, done: true }); },
        error: function (e) { d.reject(e); },
      });
      return d.promise;
    }
    releaseLock() {
      var reader = brand(this, 'ReadableStreamDefaultReader');
      if (reader.stream === undefined) return;
      readerRelease(reader);
      var requests = reader.readRequests;
      reader.readRequests = [];
      var error = invalidState('Releasing reader');
      requests.forEach(function (r) { r.error(error); });
    }
    get closed() {
      var reader;
      try { reader = brand(this, 'ReadableStreamDefaultReader'); } catch (e) { return rejected(e); }
      return reader.closed.promise;
    }
    cancel(reason) {
      var reader;
      try { reader = brand(this, 'ReadableStreamDefaultReader'); } catch (e) { return rejected(e); }
      if (reader.stream === undefined) return rejected(invalidState('The reader is not attached to a stream'));
      return readerCancel(reader, reason);
    }
    [inspectCustom](depth, options, inspect) {
      var reader = state(this);
      return 'ReadableStreamDefaultReader ' + inspect({ stream: reader.stream && reader.stream.object, readRequests: reader.readRequests.length, close: promiseView(reader.closed) }, options);
    }
  }
  Object.defineProperty(ReadableStreamDefaultReader.prototype, Symbol.toStringTag, { value: 'ReadableStreamDefaultReader', configurable: true });

  // A BYOB reader over a byte stream: reads fill the caller's view from the queued bytes (the controller's
  // byobRequest is not offered to the source; its pull enqueues as it would for a default reader).
  class ReadableStreamBYOBReader {
    constructor(stream) {
      if (!isReadableStream(stream)) throw errors.invalidArgType('stream', 'ReadableStream', stream);
      var s = state(stream);
      if (s.controller.kind !== 'ReadableByteStreamController') throw invalidArgValue('stream', stream);
      if (s.reader !== undefined) throw invalidState('ReadableStream is locked');
      var reader = { kind: 'ReadableStreamBYOBReader', object: this, stream: undefined, readIntoRequests: [], closed: undefined };
      records.set(this, reader);
      readerInitialize(reader, s);
    }
    read(view) {
      var reader;
      try { reader = brand(this, 'ReadableStreamBYOBReader'); } catch (e) { return rejected(e); }
      if (!ArrayBuffer.isView(view)) return rejected(errors.invalidArgType('view', ['Buffer', 'TypedArray', 'DataView'], view));
      if (view.byteLength === 0) return rejected(errors.make(TypeError, 'ERR_INVALID_STATE', 'Invalid state: View or Viewed ArrayBuffer is zero-length or detached'));
      if (reader.stream === undefined) return rejected(invalidState('The reader is not attached to a stream'));
      var d = deferred();
      var stream = reader.stream;
      stream.disturbed = true;
      var request = {
        view: view,
        chunk: function (v) { d.resolve({ value: v, done: false }); },
        close: function (v) { d.resolve({ value: v, done: true }); },
        error: function (e) { d.reject(e); },
      };
      if (stream.state === 'errored') request.error(stream.storedError);
      else stream.controller.pullIntoSteps(request);
      return d.promise;
    }
    releaseLock() {
      var reader = brand(this, 'ReadableStreamBYOBReader');
      if (reader.stream === undefined) return;
      readerRelease(reader);
      var requests = reader.readIntoRequests;
      reader.readIntoRequests = [];
      var error = invalidState('Releasing reader');
      requests.forEach(function (r) { r.error(error); });
    }
    get closed() {
      var reader;
      try { reader = brand(this, 'ReadableStreamBYOBReader'); } catch (e) { return rejected(e); }
      return reader.closed.promise;
    }
    cancel(reason) {
      var reader;
      try { reader = brand(this, 'ReadableStreamBYOBReader'); } catch (e) { return rejected(e); }
      if (reader.stream === undefined) return rejected(invalidState('The reader is not attached to a stream'));
      return readerCancel(reader, reason);
    }
    [inspectCustom](depth, options, inspect) {
      var reader = state(this);
      return 'ReadableStreamBYOBReader ' + inspect({ stream: reader.stream && reader.stream.object, readIntoRequests: reader.readIntoRequests.length, close: promiseView(reader.closed) }, options);
    }
  }
  Object.defineProperty(ReadableStreamBYOBReader.prototype, Symbol.toStringTag, { value: 'ReadableStreamBYOBReader', configurable: true });

  class ReadableStreamBYOBRequest {
    constructor() { throw errors.make(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor'); }
  }

  // ---- ReadableStreamDefaultController -------------------------------------------------------------------------

  function newDefaultControllerRecord() {
    var object = Object.create(ReadableStreamDefaultController.prototype);
    var controller = {
      kind: 'ReadableStreamDefaultController', object: object, stream: undefined, queue: [], queueTotalSize: 0,
      started: false, closeRequested: false, pullAgain: false, pulling: false,
      strategySizeAlgorithm: undefined, strategyHWM: 1, pullAlgorithm: undefined, cancelAlgorithm: undefined,
    };
    controller.cancelSteps = function (reason) {
      resetQueue(controller);
      var result = controller.cancelAlgorithm(reason);
      defaultControllerClearAlgorithms(controller);
      return result;
    };
    controller.pullSteps = function (request) {
      var stream = controller.stream;
      if (controller.queue.length > 0) {
        var chunk = dequeueValue(controller);
        if (controller.closeRequested && controller.queue.length === 0) {
          defaultControllerClearAlgorithms(controller);
          readableStreamClose(stream);
        } else {
          defaultControllerCallPullIfNeeded(controller);
        }
        request.chunk(chunk);
      } else {
        stream.reader.readRequests.push(request);
        defaultControllerCallPullIfNeeded(controller);
      }
    };
    controller.releaseSteps = noop;
    records.set(object, controller);
    return controller;
  }

  class ReadableStreamDefaultController {
    constructor() { throw errors.make(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor'); }
    get desiredSize() { return defaultControllerGetDesiredSize(brand(this, 'ReadableStreamDefaultController')); }
    close() {
      var controller = brand(this, 'ReadableStreamDefaultController');
      if (!defaultControllerCanCloseOrEnqueue(controller)) throw invalidState('Controller is already closed');
      defaultControllerClose(controller);
    }
    enqueue(chunk) {
      var controller = brand(this, 'ReadableStreamDefaultController');
      if (!defaultControllerCanCloseOrEnqueue(controller)) throw invalidState('Controller is already closed');
      defaultControllerEnqueue(controller, chunk);
    }
    error(error) { defaultControllerError(brand(this, 'ReadableStreamDefaultController'), error); }
    [inspectCustom](depth, options, inspect) { return 'ReadableStreamDefaultController ' + inspect({}, options); }
  }
  Object.defineProperty(ReadableStreamDefaultController.prototype, Symbol.toStringTag, { value: 'ReadableStreamDefaultController', configurable: true });

  function setUpDefaultControllerFromSource(stream, source, highWaterMark, sizeAlgorithm) {
    var controller = newDefaultControllerRecord();
    var start = method(source, 'start', 'source');
    var pull = method(source, 'pull', 'source');
    var cancel = method(source, 'cancel', 'source');
    setUpDefaultController(stream, controller,
      function () { return start === undefined ? undefined : start.call(source, controller.object); },
      function () { return promiseCall(pull, source, [controller.object]); },
      function (reason) { return promiseCall(cancel, source, [reason]); },
      highWaterMark, sizeAlgorithm);
  }

  function setUpDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm) {
    controller.stream = stream;
    resetQueue(controller);
    controller.strategySizeAlgorithm = sizeAlgorithm;
    controller.strategyHWM = highWaterMark;
    controller.pullAlgorithm = pullAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
    stream.controller = controller;
    var startResult = startAlgorithm();
    upon(resolved(startResult), function () {
      controller.started = true;
      defaultControllerCallPullIfNeeded(controller);
    }, function (e) {
      defaultControllerError(controller, e);
    });
  }

  function defaultControllerCallPullIfNeeded(controller) {
    if (!defaultControllerShouldCallPull(controller)) return;
    if (controller.pulling) { controller.pullAgain = true; return; }
    controller.pulling = true;
    upon(controller.pullAlgorithm(), function () {
      controller.pulling = false;
      if (controller.pullAgain) { controller.pullAgain = false; defaultControllerCallPullIfNeeded(controller); }
    }, function (e) {
      defaultControllerError(controller, e);
    });
  }

  function defaultControllerShouldCallPull(controller) {
    var stream = controller.stream;
    if (!defaultControllerCanCloseOrEnqueue(controller) || !controller.started) return false;
    if (stream.reader !== undefined && hasDefaultReader(stream) && numReadRequests(stream) > 0) return true;
    return defaultControllerGetDesiredSize(controller) > 0;
  }

  function defaultControllerClearAlgorithms(controller) {
    controller.pullAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
    controller.strategySizeAlgorithm = undefined;
  }

  function defaultControllerClose(controller) {
    if (!defaultControllerCanCloseOrEnqueue(controller)) return;
    controller.closeRequested = true;
    if (controller.queue.length === 0) {
      defaultControllerClearAlgorithms(controller);
      readableStreamClose(controller.stream);
    }
  }

  function defaultControllerEnqueue(controller, chunk) {
    if (!defaultControllerCanCloseOrEnqueue(controller)) return;
    var stream = controller.stream;
    if (hasDefaultReader(stream) && numReadRequests(stream) > 0) {
      readableStreamFulfillReadRequest(stream, chunk, false);
    } else {
      var size;
      try {
        size = controller.strategySizeAlgorithm(chunk);
        enqueueValueWithSize(controller, chunk, size);
      } catch (e) {
        defaultControllerError(controller, e);
        throw e;
      }
    }
    defaultControllerCallPullIfNeeded(controller);
  }

  function defaultControllerError(controller, error) {
    var stream = controller.stream;
    if (stream.state !== 'readable') return;
    resetQueue(controller);
    defaultControllerClearAlgorithms(controller);
    readableStreamError(stream, error);
  }

  function defaultControllerGetDesiredSize(controller) {
    var s = controller.stream.state;
    if (s === 'errored') return null;
    if (s === 'closed') return 0;
    return controller.strategyHWM - controller.queueTotalSize;
  }

  function defaultControllerHasBackpressure(controller) { return !defaultControllerShouldCallPull(controller); }
  function defaultControllerCanCloseOrEnqueue(controller) { return !controller.closeRequested && controller.stream.state === 'readable'; }

  // ---- ReadableByteStreamController ----------------------------------------------------------------------------
  // Chunks are copies of the enqueued views' bytes; a default reader gets them as Uint8Arrays, a BYOB reader has
  // its view filled from them (as many bytes as are queued, at least one).

  class ReadableByteStreamController {
    constructor() { throw errors.make(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor'); }
    get byobRequest() { brand(this, 'ReadableByteStreamController'); return null; }
    get desiredSize() { return defaultControllerGetDesiredSize(brand(this, 'ReadableByteStreamController')); }
    close() {
      var controller = brand(this, 'ReadableByteStreamController');
      if (controller.closeRequested) throw invalidState('Controller is already closed');
      if (controller.stream.state !== 'readable') throw invalidState('ReadableStream is already closed');
      byteControllerClose(controller);
    }
    enqueue(chunk) {
      var controller = brand(this, 'ReadableByteStreamController');
      if (!ArrayBuffer.isView(chunk)) throw errors.invalidArgType('buffer', ['Buffer', 'TypedArray', 'DataView'], chunk);
      if (chunk.byteLength === 0) throw errors.make(TypeError, 'ERR_INVALID_STATE', 'Invalid state: chunk ArrayBuffer is zero-length or detached');
      if (controller.closeRequested) throw invalidState('Controller is already closed');
      if (controller.stream.state !== 'readable') throw invalidState('ReadableStream is already closed');
      byteControllerEnqueue(controller, new Uint8Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength)));
    }
    error(error) { defaultControllerError(brand(this, 'ReadableByteStreamController'), error); }
    [inspectCustom](depth, options, inspect) { return 'ReadableByteStreamController ' + inspect({}, options); }
  }
  Object.defineProperty(ReadableByteStreamController.prototype, Symbol.toStringTag, { value: 'ReadableByteStreamController', configurable: true });

  function setUpByteController(stream, source, highWaterMark) {
    var object = Object.create(ReadableByteStreamController.prototype);
    var controller = newDefaultControllerRecord();
    records.delete(controller.object);
    controller.kind = 'ReadableByteStreamController';
    controller.object = object;
    records.set(object, controller);
    var autoAllocate = source.autoAllocateChunkSize;
    if (autoAllocate !== undefined && (!Number.isInteger(Number(autoAllocate)) || Number(autoAllocate) <= 0)) {
      throw invalidArgValue('source.autoAllocateChunkSize', autoAllocate, RangeError);
    }
    controller.pullSteps = function (request) {
      if (controller.queue.length > 0) {
        var chunk = dequeueValue(controller);
        byteControllerAfterDequeue(controller);
        request.chunk(chunk);
      } else {
        stream.reader.readRequests.push(request);
        defaultControllerCallPullIfNeeded(controller);
      }
    };
    controller.pullIntoSteps = function (request) {
      if (stream.state === 'closed') { request.close(new request.view.constructor(request.view.buffer, request.view.byteOffset, 0)); return; }
      if (controller.queueTotalSize > 0) {
        request.chunk(fillView(controller, request.view));
        byteControllerAfterDequeue(controller);
      } else {
        stream.reader.readIntoRequests.push(request);
        defaultControllerCallPullIfNeeded(controller);
      }
    };
    var start = method(source, 'start', 'source');
    var pull = method(source, 'pull', 'source');
    var cancel = method(source, 'cancel', 'source');
    setUpDefaultController(stream, controller,
      function () { return start === undefined ? undefined : start.call(source, object); },
      function () { return promiseCall(pull, source, [object]); },
      function (reason) { return promiseCall(cancel, source, [reason]); },
      highWaterMark, function (chunk) { return chunk.byteLength; });
  }

  function fillView(controller, view) {
    var bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    var filled = 0;
    var unit = view.BYTES_PER_ELEMENT || 1;
    while (controller.queue.length > 0 && filled < bytes.length) {
      var head = controller.queue[0];
      var take = Math.min(head.value.length, bytes.length - filled);
      bytes.set(head.value.subarray(0, take), filled);
      filled += take;
      if (take === head.value.length) dequeueValue(controller);
      else { head.value = head.value.subarray(take); head.size -= take; controller.queueTotalSize -= take; }
    }
    var elements = Math.floor(filled / unit);
    return view instanceof DataView ? new DataView(view.buffer, view.byteOffset, filled) : new view.constructor(view.buffer, view.byteOffset, elements);
  }

  function byteControllerAfterDequeue(controller) {
    if (controller.closeRequested && controller.queue.length === 0) {
      defaultControllerClearAlgorithms(controller);
      readableStreamClose(controller.stream);
    } else {
      defaultControllerCallPullIfNeeded(controller);
    }
  }

  function byteControllerEnqueue(controller, chunk) {
    var stream = controller.stream;
    var reader = stream.reader;
    if (reader !== undefined && reader.kind === 'ReadableStreamDefaultReader' && reader.readRequests.length > 0) {
      readableStreamFulfillReadRequest(stream, chunk, false);
    } else if (reader !== undefined && reader.kind === 'ReadableStreamBYOBReader' && reader.readIntoRequests.length > 0) {
      enqueueValueWithSize(controller, chunk, chunk.byteLength);
      var request = reader.readIntoRequests.shift();
      request.chunk(fillView(controller, request.view));
    } else {
      enqueueValueWithSize(controller, chunk, chunk.byteLength);
    }
    defaultControllerCallPullIfNeeded(controller);
  }

  function byteControllerClose(controller) {
    controller.closeRequested = true;
    if (controller.queue.length === 0) {
      defaultControllerClearAlgorithms(controller);
      var stream = controller.stream;
      var reader = stream.reader;
      readableStreamClose(stream);
      if (reader !== undefined && reader.kind === 'ReadableStreamBYOBReader') {
        var requests = reader.readIntoRequests;
        reader.readIntoRequests = [];
        requests.forEach(function (r) { r.close(new r.view.constructor(r.view.buffer, r.view.byteOffset, 0)); });
      }
    }
  }

  // ---- async iteration, tee, from ------------------------------------------------------------------------------

  var AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

  function asyncIterator(stream, reader, preventCancel) {
    var ongoing;
    var finished = false;
    function nextSteps() {
      if (finished) return resolved({ value: undefined, done: true });
      if (reader.stream === undefined) return rejected(invalidState('The reader is not attached to a stream'));
      var d = deferred();
      defaultReaderRead(reader, {
        chunk: function (value) { ongoing = undefined; d.resolve({ value: value, done: false }); },
        close: function () { ongoing = undefined; finished = true; readerRelease(reader); d.resolve({ value: undefined, done: true }); },
        error: function (e) { ongoing = undefined; finished = true; readerRelease(reader); d.reject(e); },
      });
      return d.promise;
    }
    function returnSteps(value) {
      if (finished) return resolved({ value: value, done: true });
      finished = true;
      if (reader.stream === undefined) return rejected(invalidState('The reader is not attached to a stream'));
      if (!preventCancel) {
        var result = readerCancel(reader, value);
        readerRelease(reader);
        return result.then(function () { return { value: value, done: true }; });
      }
      readerRelease(reader);
      return resolved({ value: value, done: true });
    }
    var iterator = Object.create(AsyncIteratorPrototype);
    Object.defineProperty(iterator, 'next', { enumerable: true, configurable: true, writable: true, value: function next() {
      ongoing = ongoing ? ongoing.then(nextSteps, nextSteps) : nextSteps();
      return ongoing;
    } });
    Object.defineProperty(iterator, 'return', { enumerable: true, configurable: true, writable: true, value: function (value) {
      return ongoing ? ongoing.then(function () { return returnSteps(value); }, function () { return returnSteps(value); }) : returnSteps(value);
    } });
    return iterator;
  }

  function readableStreamDefaultTee(stream) {
    var reader = state(new ReadableStreamDefaultReader(stream.object));
    var reading = false, readAgain = false, canceled1 = false, canceled2 = false;
    var reason1, reason2, branch1, branch2;
    var cancelPromise = deferred();
    function pullAlgorithm() {
      if (reading) { readAgain = true; return resolved(undefined); }
      reading = true;
      defaultReaderRead(reader, {
        chunk: function (chunk) {
          queueMicrotaskLocal(function () {
            readAgain = false;
            if (!canceled1) defaultControllerEnqueue(branch1.controller, chunk);
            if (!canceled2) defaultControllerEnqueue(branch2.controller, chunk);
            reading = false;
            if (readAgain) pullAlgorithm();
          });
        },
        close: function () {
          reading = false;
          if (!canceled1) defaultControllerClose(branch1.controller);
          if (!canceled2) defaultControllerClose(branch2.controller);
          if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
        },
        error: function () { reading = false; },
      });
      return resolved(undefined);
    }
    function cancel1(reason) {
      canceled1 = true; reason1 = reason;
      if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    function cancel2(reason) {
      canceled2 = true; reason2 = reason;
      if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    branch1 = createReadableStream(noop, pullAlgorithm, cancel1);
    branch2 = createReadableStream(noop, pullAlgorithm, cancel2);
    upon(reader.closed.promise, noop, function (e) {
      defaultControllerError(branch1.controller, e);
      defaultControllerError(branch2.controller, e);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
    return [branch1, branch2];
  }

  function readableStreamFromIterable(iterable) {
    if (iterable === null || iterable === undefined) throw errors.invalidArgType('iterable', 'Iterable', iterable);
    var iterator;
    var asyncMethod = iterable[Symbol.asyncIterator];
    if (asyncMethod !== undefined && asyncMethod !== null) {
      iterator = asyncMethod.call(iterable);
    } else {
      var syncMethod = iterable[Symbol.iterator];
      if (typeof syncMethod !== 'function') throw errors.make(TypeError, 'ERR_ARG_NOT_ITERABLE', 'Argument must be iterable');
      var sync = syncMethod.call(iterable);
      iterator = {
        next: function () { var r = sync.next(); return Promise.resolve(r.value).then(function (v) { return { value: v, done: r.done }; }); },
        return: typeof sync.return === 'function' ? function (v) { return Promise.resolve(sync.return(v)); } : undefined,
      };
    }
    if (iterator === null || typeof iterator !== 'object') throw errors.make(TypeError, 'ERR_INVALID_STATE', 'Invalid state: The iterator method must return an object');
    var stream;
    stream = createReadableStream(noop, function () {
      var next;
      try { next = Promise.resolve(iterator.next()); } catch (e) { return rejected(e); }
      return next.then(function (result) {
        if (result === null || typeof result !== 'object') throw errors.invalidArgType('iteratorResult', 'object', result);
        if (result.done) defaultControllerClose(stream.controller);
        else defaultControllerEnqueue(stream.controller, result.value);
      });
    }, function (reason) {
      var ret = iterator.return;
      if (ret === undefined || ret === null) return resolved(undefined);
      return promiseCall(ret, iterator, [reason]).then(function (result) {
        if (result === null || typeof result !== 'object') throw errors.invalidArgType('iteratorResult', 'object', result);
      });
    }, 0);
    return stream.object;
  }

  // ---- pipeTo --------------------------------------------------------------------------------------------------

  function readableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
    var reader = state(new ReadableStreamDefaultReader(source.object));
    var writer = state(new WritableStreamDefaultWriter(dest.object));
    source.disturbed = true;
    var shuttingDown = false;
    var currentWrite = resolved(undefined);
    var result = deferred();
    var abortAlgorithm;

    function finalize(isError, error) {
      writerRelease(writer);
      readerRelease(reader);
      var requests = reader.readRequests;
      reader.readRequests = [];
      if (requests.length) { var e = invalidState('Releasing reader'); requests.forEach(function (r) { r.error(e); }); }
      if (signal !== undefined) signal.removeEventListener('abort', abortAlgorithm);
      if (isError) result.reject(error); else result.resolve(undefined);
    }
    function waitForWrites() {
      var old = currentWrite;
      return old.then(function () { return old !== currentWrite ? waitForWrites() : undefined; });
    }
    function shutdownWithAction(action, originalIsError, originalError) {
      if (shuttingDown) return;
      shuttingDown = true;
      var go = function () {
        upon(action(), function () { finalize(originalIsError, originalError); }, function (e) { finalize(true, e); });
      };
      if (dest.state === 'writable' && !writableStreamCloseQueuedOrInFlight(dest)) upon(waitForWrites(), go, go);
      else go();
    }
    function shutdown(isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      var go = function () { finalize(isError, error); };
      if (dest.state === 'writable' && !writableStreamCloseQueuedOrInFlight(dest)) upon(waitForWrites(), go, go);
      else go();
    }

    if (signal !== undefined) {
      abortAlgorithm = function () {
        var error = signal.reason;
        var actions = [];
        if (!preventAbort) actions.push(function () { return dest.state === 'writable' ? writableStreamAbort(dest, error) : resolved(undefined); });
        if (!preventCancel) actions.push(function () { return source.state === 'readable' ? readableStreamCancel(source, error) : resolved(undefined); });
        shutdownWithAction(function () { return Promise.all(actions.map(function (a) { return a(); })); }, true, error);
      };
      if (signal.aborted) { abortAlgorithm(); return result.promise; }
      signal.addEventListener('abort', abortAlgorithm);
    }

    function pipeStep() {
      if (shuttingDown) return resolved(true);
      return writer.ready.promise.then(function () {
        if (shuttingDown) return true;
        var d = deferred();
        defaultReaderRead(reader, {
          chunk: function (chunk) {
            currentWrite = handled(writerWrite(writer, chunk).then(noop, noop));
            d.resolve(false);
          },
          close: function () { d.resolve(true); },
          error: function (e) { d.reject(e); },
        });
        return d.promise;
      });
    }
    function loop() {
      upon(pipeStep(), function (done) { if (!done) loop(); }, noop);
    }

    // Errors must be propagated forward.
    function onSourceErrored(storedError) {
      if (!preventAbort) shutdownWithAction(function () { return writableStreamAbort(dest, storedError); }, true, storedError);
      else shutdown(true, storedError);
    }
    // Errors must be propagated backward.
    function onDestErrored(storedError) {
      if (!preventCancel) shutdownWithAction(function () { return readableStreamCancel(source, storedError); }, true, storedError);
      else shutdown(true, storedError);
    }
    // Closing must be propagated forward.
    function onSourceClosed() {
      if (!preventClose) shutdownWithAction(function () { return writerCloseWithErrorPropagation(writer); });
      else shutdown();
    }

    if (source.state === 'errored') onSourceErrored(source.storedError);
    else upon(reader.closed.promise, function () { if (!shuttingDown) onSourceClosed(); }, function (e) { if (!shuttingDown) onSourceErrored(e); });
    if (dest.state === 'errored' || dest.state === 'erroring') onDestErrored(dest.storedError);
    else upon(writer.closed.promise, noop, function (e) { if (!shuttingDown) onDestErrored(e); });
    if (source.state === 'closed') onSourceClosed();
    if ((writableStreamCloseQueuedOrInFlight(dest) || dest.state === 'closed') && !shuttingDown) {
      var closedError = errors.make(TypeError, 'ERR_INVALID_STATE', 'Invalid state: the destination writable stream closed before all the data could be piped to it.');
      if (!preventCancel) shutdownWithAction(function () { return readableStreamCancel(source, closedError); }, true, closedError);
      else shutdown(true, closedError);
    }
    if (!shuttingDown) loop();
    return result.promise;
  }

  // ---- WritableStream ------------------------------------------------------------------------------------------

  class WritableStream {
    constructor(sink, strategy) {
      if (sink === undefined) sink = null;
      if (sink !== null && typeof sink !== 'object') throw errors.invalidArgType('sink', 'object', sink);
      if (strategy !== undefined && (strategy === null || typeof strategy !== 'object')) throw errors.invalidArgType('strategy', 'object', strategy);
      if (sink !== null && sink.type !== undefined) throw invalidArgValue('sink.type', sink.type, RangeError);
      var stream = newWritableRecord(this);
      var size = extractSize(strategy);
      var hwm = extractHighWaterMark(strategy, 1);
      setUpWritableControllerFromSink(stream, sink || {}, hwm, size);
    }
    get locked() { return brand(this, 'WritableStream').writer !== undefined; }
    abort(reason) {
      var stream;
      try { stream = brand(this, 'WritableStream'); } catch (e) { return rejected(e); }
      if (stream.writer !== undefined) return rejected(invalidState('WritableStream is locked'));
      return writableStreamAbort(stream, reason);
    }
    close() {
      var stream;
      try { stream = brand(this, 'WritableStream'); } catch (e) { return rejected(e); }
      if (stream.writer !== undefined) return rejected(invalidState('WritableStream is locked'));
      if (writableStreamCloseQueuedOrInFlight(stream)) return rejected(invalidState('Failure closing WritableStream'));
      return writableStreamClose(stream);
    }
    getWriter() {
      brand(this, 'WritableStream');
      return new WritableStreamDefaultWriter(this);
    }
    [inspectCustom](depth, options, inspect) {
      var stream = state(this);
      return 'WritableStream ' + inspect({ locked: stream.writer !== undefined, state: stream.state }, options);
    }
  }
  Object.defineProperty(WritableStream.prototype, Symbol.toStringTag, { value: 'WritableStream', configurable: true });

  function newWritableRecord(object) {
    var stream = {
      kind: 'WritableStream', object: object, state: 'writable', storedError: undefined, writer: undefined, controller: undefined,
      inFlightWriteRequest: undefined, closeRequest: undefined, inFlightCloseRequest: undefined, pendingAbortRequest: undefined,
      writeRequests: [], backpressure: false,
    };
    records.set(object, stream);
    return stream;
  }

  function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
    var object = Object.create(WritableStream.prototype);
    var stream = newWritableRecord(object);
    var controller = newWritableControllerRecord();
    setUpWritableController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm,
      highWaterMark === undefined ? 1 : highWaterMark, sizeAlgorithm || function () { return 1; });
    return stream;
  }

  function writableStreamAbort(stream, reason) {
    if (stream.state === 'closed' || stream.state === 'errored') return resolved(undefined);
    stream.controller.abortController.abort(reason);
    var s = stream.state;
    if (s === 'closed' || s === 'errored') return resolved(undefined);
    if (stream.pendingAbortRequest !== undefined) return stream.pendingAbortRequest.deferred.promise;
    var wasAlreadyErroring = false;
    if (s === 'erroring') { wasAlreadyErroring = true; reason = undefined; }
    var d = deferred();
    stream.pendingAbortRequest = { deferred: d, reason: reason, wasAlreadyErroring: wasAlreadyErroring };
    if (!wasAlreadyErroring) writableStreamStartErroring(stream, reason);
    return d.promise;
  }

  function writableStreamClose(stream) {
    var s = stream.state;
    if (s === 'closed' || s === 'errored') return rejected(invalidState('WritableStream is closed'));
    var d = deferred();
    stream.closeRequest = d;
    var writer = stream.writer;
    if (writer !== undefined && stream.backpressure && s === 'writable') writer.ready.resolve(undefined);
    enqueueValueWithSize(stream.controller, CLOSE_SENTINEL, 0);
    writableControllerAdvanceQueueIfNeeded(stream.controller);
    return d.promise;
  }
  var CLOSE_SENTINEL = {};

  function writableStreamAddWriteRequest(stream) {
    var d = deferred();
    stream.writeRequests.push(d);
    return d.promise;
  }

  function writableStreamDealWithRejection(stream, error) {
    if (stream.state === 'writable') { writableStreamStartErroring(stream, error); return; }
    writableStreamFinishErroring(stream);
  }

  function writableStreamStartErroring(stream, reason) {
    var controller = stream.controller;
    stream.state = 'erroring';
    stream.storedError = reason;
    var writer = stream.writer;
    if (writer !== undefined) writerEnsureReadyPromiseRejected(writer, reason);
    if (!writableStreamHasOperationMarkedInFlight(stream) && controller.started) writableStreamFinishErroring(stream);
  }

  function writableStreamFinishErroring(stream) {
    stream.state = 'errored';
    stream.controller.errorSteps();
    var storedError = stream.storedError;
    var requests = stream.writeRequests;
    stream.writeRequests = [];
    requests.forEach(function (d) { d.reject(storedError); });
    if (stream.pendingAbortRequest === undefined) { writableStreamRejectCloseAndClosedPromiseIfNeeded(stream); return; }
    var abortRequest = stream.pendingAbortRequest;
    stream.pendingAbortRequest = undefined;
    if (abortRequest.wasAlreadyErroring) {
      abortRequest.deferred.reject(storedError);
      writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    upon(stream.controller.abortSteps(abortRequest.reason), function () {
      abortRequest.deferred.resolve(undefined);
      writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    }, function (e) {
      abortRequest.deferred.reject(e);
      writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    });
  }

  function writableStreamFinishInFlightWrite(stream) { stream.inFlightWriteRequest.resolve(undefined); stream.inFlightWriteRequest = undefined; }
  function writableStreamFinishInFlightWriteWithError(stream, error) {
    stream.inFlightWriteRequest.reject(error);
    stream.inFlightWriteRequest = undefined;
    writableStreamDealWithRejection(stream, error);
  }
  function writableStreamFinishInFlightClose(stream) {
    stream.inFlightCloseRequest.resolve(undefined);
    stream.inFlightCloseRequest = undefined;
    if (stream.state === 'erroring') {
      stream.storedError = undefined;
      if (stream.pendingAbortRequest !== undefined) {
        stream.pendingAbortRequest.deferred.resolve(undefined);
        stream.pendingAbortRequest = undefined;
      }
    }
    stream.state = 'closed';
    var writer = stream.writer;
    if (writer !== undefined) writer.closed.resolve(undefined);
  }
  function writableStreamFinishInFlightCloseWithError(stream, error) {
    stream.inFlightCloseRequest.reject(error);
    stream.inFlightCloseRequest = undefined;
    if (stream.pendingAbortRequest !== undefined) {
      stream.pendingAbortRequest.deferred.reject(error);
      stream.pendingAbortRequest = undefined;
    }
    writableStreamDealWithRejection(stream, error);
  }
  function writableStreamCloseQueuedOrInFlight(stream) { return stream.closeRequest !== undefined || stream.inFlightCloseRequest !== undefined; }
  function writableStreamHasOperationMarkedInFlight(stream) { return stream.inFlightWriteRequest !== undefined || stream.inFlightCloseRequest !== undefined; }
  function writableStreamMarkCloseRequestInFlight(stream) { stream.inFlightCloseRequest = stream.closeRequest; stream.closeRequest = undefined; }
  function writableStreamMarkFirstWriteRequestInFlight(stream) { stream.inFlightWriteRequest = stream.writeRequests.shift(); }
  function writableStreamRejectCloseAndClosedPromiseIfNeeded(stream) {
    if (stream.closeRequest !== undefined) {
      stream.closeRequest.reject(stream.storedError);
      stream.closeRequest = undefined;
    }
    var writer = stream.writer;
    if (writer !== undefined) { writer.closed.reject(stream.storedError); handled(writer.closed.promise); }
  }
  function writableStreamUpdateBackpressure(stream, backpressure) {
    var writer = stream.writer;
    if (writer !== undefined && backpressure !== stream.backpressure) {
      if (backpressure) writer.ready = deferred();
      else writer.ready.resolve(undefined);
    }
    stream.backpressure = backpressure;
  }

  // ---- WritableStreamDefaultWriter -----------------------------------------------------------------------------

  class WritableStreamDefaultWriter {
    constructor(stream) {
      if (!isWritableStream(stream)) throw errors.invalidArgType('stream', 'WritableStream', stream);
      var s = state(stream);
      if (s.writer !== undefined) throw invalidState('WritableStream is locked');
      var writer = { kind: 'WritableStreamDefaultWriter', object: this, stream: s, ready: undefined, closed: undefined };
      records.set(this, writer);
      s.writer = writer;
      var st = s.state;
      if (st === 'writable') {
        if (!writableStreamCloseQueuedOrInFlight(s) && s.backpressure) writer.ready = deferred();
        else { writer.ready = deferred(); writer.ready.resolve(undefined); }
        writer.closed = deferred();
      } else if (st === 'erroring') {
        writer.ready = deferred(); writer.ready.reject(s.storedError); handled(writer.ready.promise);
        writer.closed = deferred();
      } else if (st === 'closed') {
        writer.ready = deferred(); writer.ready.resolve(undefined);
        writer.closed = deferred(); writer.closed.resolve(undefined);
      } else {
        writer.ready = deferred(); writer.ready.reject(s.storedError); handled(writer.ready.promise);
        writer.closed = deferred(); writer.closed.reject(s.storedError); handled(writer.closed.promise);
      }
    }
    get closed() {
      var writer;
      try { writer = brand(this, 'WritableStreamDefaultWriter'); } catch (e) { return rejected(e); }
      return writer.closed.promise;
    }
    get desiredSize() {
      var writer = brand(this, 'WritableStreamDefaultWriter');
      if (writer.stream === undefined) throw invalidState('Writer is not bound to a WritableStream');
      return writerGetDesiredSize(writer);
    }
    get ready() {
      var writer;
      try { writer = brand(this, 'WritableStreamDefaultWriter'); } catch (e) { return rejected(e); }
      return writer.ready.promise;
    }
    abort(reason) {
      var writer;
      try { writer = brand(this, 'WritableStreamDefaultWriter'); } catch (e) { return rejected(e); }
      if (writer.stream === undefined) return rejected(invalidState('Writer is not bound to a WritableStream'));
      return writableStreamAbort(writer.stream, reason);
    }
    close() {
      var writer;
      try { writer = brand(this, 'WritableStreamDefaultWriter'); } catch (e) { return rejected(e); }
      var stream = writer.stream;
      if (stream === undefined) return rejected(invalidState('Writer is not bound to a WritableStream'));
      if (writableStreamCloseQueuedOrInFlight(stream)) return rejected(invalidState('Failure to close WritableStream'));
      return writableStreamClose(stream);
    }
    releaseLock() {
      var writer = brand(this, 'WritableStreamDefaultWriter');
      if (writer.stream === undefined) return;
      writerRelease(writer);
    }
    write(chunk) {
      var writer;
      try { writer = brand(this, 'WritableStreamDefaultWriter'); } catch (e) { return rejected(e); }
      if (writer.stream === undefined) return rejected(invalidState('Writer is not bound to a WritableStream'));
      return writerWrite(writer, chunk);
    }
    [inspectCustom](depth, options, inspect) {
      var writer = state(this);
      return 'WritableStreamDefaultWriter ' + inspect({
        stream: writer.stream && writer.stream.object, close: promiseView(writer.closed), ready: promiseView(writer.ready),
        desiredSize: writer.stream ? writerGetDesiredSize(writer) : undefined,
      }, options);
    }
  }
  Object.defineProperty(WritableStreamDefaultWriter.prototype, Symbol.toStringTag, { value: 'WritableStreamDefaultWriter', configurable: true });

  function writerCloseWithErrorPropagation(writer) {
    var stream = writer.stream;
    var s = stream.state;
    if (writableStreamCloseQueuedOrInFlight(stream) || s === 'closed') return resolved(undefined);
    if (s === 'errored') return rejected(stream.storedError);
    return writableStreamClose(stream);
  }
  // A settled promise cannot be rejected again: it is replaced by a rejected one, as the Standard says.
  function ensureRejected(writer, field, error) {
    if (writer[field].settled) writer[field] = deferred();
    writer[field].reject(error);
    handled(writer[field].promise);
  }
  function writerEnsureReadyPromiseRejected(writer, error) { ensureRejected(writer, 'ready', error); }
  function writerGetDesiredSize(writer) {
    var s = writer.stream.state;
    if (s === 'errored' || s === 'erroring') return null;
    if (s === 'closed') return 0;
    return writableControllerGetDesiredSize(writer.stream.controller);
  }
  function writerRelease(writer) {
    var stream = writer.stream;
    var error = invalidState('Writer has been released');
    ensureRejected(writer, 'ready', error);
    ensureRejected(writer, 'closed', error);
    stream.writer = undefined;
    writer.stream = undefined;
  }
  function writerWrite(writer, chunk) {
    var stream = writer.stream;
    var controller = stream.controller;
    var chunkSize = writableControllerGetChunkSize(controller, chunk);
    if (stream !== writer.stream) return rejected(invalidState('Writer is not bound to a WritableStream'));
    var s = stream.state;
    if (s === 'errored') return rejected(stream.storedError);
    if (writableStreamCloseQueuedOrInFlight(stream) || s === 'closed') return rejected(invalidState('WritableStream is closed'));
    if (s === 'erroring') return rejected(stream.storedError);
    var promise = writableStreamAddWriteRequest(stream);
    writableControllerWrite(controller, chunk, chunkSize);
    return promise;
  }

  // ---- WritableStreamDefaultController -------------------------------------------------------------------------

  function newWritableControllerRecord() {
    var object = Object.create(WritableStreamDefaultController.prototype);
    var AbortController = require('internal/abort_controller').AbortController;
    var controller = {
      kind: 'WritableStreamDefaultController', object: object, stream: undefined, queue: [], queueTotalSize: 0,
      started: false, strategySizeAlgorithm: undefined, strategyHWM: 1, writeAlgorithm: undefined,
      closeAlgorithm: undefined, abortAlgorithm: undefined, abortController: new AbortController(),
    };
    controller.abortSteps = function (reason) {
      var result = controller.abortAlgorithm(reason);
      writableControllerClearAlgorithms(controller);
      return result;
    };
    controller.errorSteps = function () { resetQueue(controller); };
    records.set(object, controller);
    return controller;
  }

  class WritableStreamDefaultController {
    constructor() { throw errors.make(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor'); }
    get signal() { return brand(this, 'WritableStreamDefaultController').abortController.signal; }
    error(error) {
      var controller = brand(this, 'WritableStreamDefaultController');
      if (controller.stream.state !== 'writable') return;
      writableControllerError(controller, error);
    }
    [inspectCustom](depth, options, inspect) { return 'WritableStreamDefaultController ' + inspect({}, options); }
  }
  Object.defineProperty(WritableStreamDefaultController.prototype, Symbol.toStringTag, { value: 'WritableStreamDefaultController', configurable: true });

  function setUpWritableControllerFromSink(stream, sink, highWaterMark, sizeAlgorithm) {
    var controller = newWritableControllerRecord();
    var start = method(sink, 'start', 'sink');
    var write = method(sink, 'write', 'sink');
    var close = method(sink, 'close', 'sink');
    var abort = method(sink, 'abort', 'sink');
    setUpWritableController(stream, controller,
      function () { return start === undefined ? undefined : start.call(sink, controller.object); },
      function (chunk) { return promiseCall(write, sink, [chunk, controller.object]); },
      function () { return promiseCall(close, sink, []); },
      function (reason) { return promiseCall(abort, sink, [reason]); },
      highWaterMark, sizeAlgorithm);
  }

  function setUpWritableController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
    controller.stream = stream;
    stream.controller = controller;
    resetQueue(controller);
    controller.strategySizeAlgorithm = sizeAlgorithm;
    controller.strategyHWM = highWaterMark;
    controller.writeAlgorithm = writeAlgorithm;
    controller.closeAlgorithm = closeAlgorithm;
    controller.abortAlgorithm = abortAlgorithm;
    writableStreamUpdateBackpressure(stream, writableControllerGetBackpressure(controller));
    var startResult = startAlgorithm();
    upon(resolved(startResult), function () {
      controller.started = true;
      writableControllerAdvanceQueueIfNeeded(controller);
    }, function (e) {
      controller.started = true;
      writableStreamDealWithRejection(stream, e);
    });
  }

  function writableControllerAdvanceQueueIfNeeded(controller) {
    var stream = controller.stream;
    if (!controller.started || stream.inFlightWriteRequest !== undefined) return;
    if (stream.state === 'erroring') { writableStreamFinishErroring(stream); return; }
    if (controller.queue.length === 0) return;
    var value = controller.queue[0].value;
    if (value === CLOSE_SENTINEL) writableControllerProcessClose(controller);
    else writableControllerProcessWrite(controller, value);
  }
  function writableControllerClearAlgorithms(controller) {
    controller.writeAlgorithm = undefined;
    controller.closeAlgorithm = undefined;
    controller.abortAlgorithm = undefined;
    controller.strategySizeAlgorithm = undefined;
  }
  function writableControllerError(controller, error) {
    var stream = controller.stream;
    writableControllerClearAlgorithms(controller);
    writableStreamStartErroring(stream, error);
  }
  function writableControllerErrorIfNeeded(controller, error) {
    if (controller.stream.state === 'writable') writableControllerError(controller, error);
  }
  function writableControllerGetBackpressure(controller) { return writableControllerGetDesiredSize(controller) <= 0; }
  function writableControllerGetChunkSize(controller, chunk) {
    if (controller.strategySizeAlgorithm === undefined) return 1;
    try { return controller.strategySizeAlgorithm(chunk); } catch (e) { writableControllerErrorIfNeeded(controller, e); return 1; }
  }
  function writableControllerGetDesiredSize(controller) { return controller.strategyHWM - controller.queueTotalSize; }
  function writableControllerProcessClose(controller) {
    var stream = controller.stream;
    writableStreamMarkCloseRequestInFlight(stream);
    dequeueValue(controller);
    var sinkClosePromise = controller.closeAlgorithm();
    writableControllerClearAlgorithms(controller);
    upon(sinkClosePromise, function () { writableStreamFinishInFlightClose(stream); }, function (e) { writableStreamFinishInFlightCloseWithError(stream, e); });
  }
  function writableControllerProcessWrite(controller, chunk) {
    var stream = controller.stream;
    writableStreamMarkFirstWriteRequestInFlight(stream);
    upon(controller.writeAlgorithm(chunk), function () {
      writableStreamFinishInFlightWrite(stream);
      dequeueValue(controller);
      if (!writableStreamCloseQueuedOrInFlight(stream) && stream.state === 'writable') {
        writableStreamUpdateBackpressure(stream, writableControllerGetBackpressure(controller));
      }
      writableControllerAdvanceQueueIfNeeded(controller);
    }, function (e) {
      if (stream.state === 'writable') writableControllerClearAlgorithms(controller);
      writableStreamFinishInFlightWriteWithError(stream, e);
    });
  }
  function writableControllerWrite(controller, chunk, chunkSize) {
    try {
      enqueueValueWithSize(controller, chunk, chunkSize);
    } catch (e) {
      writableControllerErrorIfNeeded(controller, e);
      return;
    }
    var stream = controller.stream;
    if (!writableStreamCloseQueuedOrInFlight(stream) && stream.state === 'writable') {
      writableStreamUpdateBackpressure(stream, writableControllerGetBackpressure(controller));
    }
    writableControllerAdvanceQueueIfNeeded(controller);
  }

  // ---- TransformStream -----------------------------------------------------------------------------------------

  class TransformStream {
    constructor(transformer, writableStrategy, readableStrategy) {
      if (transformer === undefined) transformer = null;
      if (transformer !== null && typeof transformer !== 'object') throw errors.invalidArgType('transformer', 'object', transformer);
      if (writableStrategy !== undefined && (writableStrategy === null || typeof writableStrategy !== 'object')) throw errors.invalidArgType('writableStrategy', 'object', writableStrategy);
      if (readableStrategy !== undefined && (readableStrategy === null || typeof readableStrategy !== 'object')) throw errors.invalidArgType('readableStrategy', 'object', readableStrategy);
      var t = transformer || {};
      if (t.readableType !== undefined) throw invalidArgValue('transformer.readableType', t.readableType, RangeError);
      if (t.writableType !== undefined) throw invalidArgValue('transformer.writableType', t.writableType, RangeError);
      var readableHWM = extractHighWaterMark(readableStrategy, 0);
      var readableSize = extractSize(readableStrategy);
      var writableHWM = extractHighWaterMark(writableStrategy, 1);
      var writableSize = extractSize(writableStrategy);
      var start = method(t, 'start', 'transformer');
      var transform = method(t, 'transform', 'transformer');
      var flush = method(t, 'flush', 'transformer');
      var cancel = method(t, 'cancel', 'transformer');
      var startPromise = deferred();
      var ts = initializeTransformStream(this, startPromise.promise, writableHWM, writableSize, readableHWM, readableSize);
      var controller = newTransformControllerRecord();
      setUpTransformController(ts, controller,
        transform === undefined ? undefined : function (chunk) { return promiseCall(transform, t, [chunk, controller.object]); },
        function () { return promiseCall(flush, t, [controller.object]); },
        function (reason) { return promiseCall(cancel, t, [reason]); });
      try {
        startPromise.resolve(start === undefined ? undefined : start.call(t, controller.object));
      } catch (e) {
        startPromise.reject(e);
        throw e;
      }
    }
    get readable() { return brand(this, 'TransformStream').readable.object; }
    get writable() { return brand(this, 'TransformStream').writable.object; }
    [inspectCustom](depth, options, inspect) {
      var ts = state(this);
      return 'TransformStream ' + inspect({ readable: ts.readable.object, writable: ts.writable.object, backpressure: ts.backpressure }, options);
    }
  }
  Object.defineProperty(TransformStream.prototype, Symbol.toStringTag, { value: 'TransformStream', configurable: true });

  function initializeTransformStream(object, startPromise, writableHWM, writableSize, readableHWM, readableSize) {
    var ts = { kind: 'TransformStream', object: object, backpressure: undefined, backpressureChange: undefined, controller: undefined, readable: undefined, writable: undefined };
    records.set(object, ts);
    function startAlgorithm() { return startPromise; }
    ts.writable = createWritableStream(startAlgorithm,
      function (chunk) { return transformSinkWrite(ts, chunk); },
      function () { return transformSinkClose(ts); },
      function (reason) { return transformSinkAbort(ts, reason); },
      writableHWM, writableSize);
    ts.readable = createReadableStream(startAlgorithm,
      function () { return transformSourcePull(ts); },
      function (reason) { return transformSourceCancel(ts, reason); },
      readableHWM, readableSize);
    ts.backpressure = undefined;
    ts.backpressureChange = undefined;
    transformSetBackpressure(ts, true);
    return ts;
  }

  function transformError(ts, error) {
    defaultControllerError(ts.readable.controller, error);
    transformErrorWritableAndUnblockWrite(ts, error);
  }
  function transformErrorWritableAndUnblockWrite(ts, error) {
    transformControllerClearAlgorithms(ts.controller);
    writableControllerErrorIfNeeded(ts.writable.controller, error);
    transformUnblockWrite(ts);
  }
  function transformUnblockWrite(ts) { if (ts.backpressure) transformSetBackpressure(ts, false); }
  function transformSetBackpressure(ts, backpressure) {
    if (ts.backpressureChange !== undefined) ts.backpressureChange.resolve(undefined);
    ts.backpressureChange = deferred();
    ts.backpressure = backpressure;
  }

  function newTransformControllerRecord() {
    var object = Object.create(TransformStreamDefaultController.prototype);
    var controller = { kind: 'TransformStreamDefaultController', object: object, stream: undefined, transformAlgorithm: undefined, flushAlgorithm: undefined, cancelAlgorithm: undefined, finishPromise: undefined };
    records.set(object, controller);
    return controller;
  }

  class TransformStreamDefaultController {
    constructor() { throw errors.make(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor'); }
    get desiredSize() {
      var controller = brand(this, 'TransformStreamDefaultController');
      return defaultControllerGetDesiredSize(controller.stream.readable.controller);
    }
    enqueue(chunk) { transformControllerEnqueue(brand(this, 'TransformStreamDefaultController'), chunk); }
    error(reason) { transformError(brand(this, 'TransformStreamDefaultController').stream, reason); }
    terminate() { transformControllerTerminate(brand(this, 'TransformStreamDefaultController')); }
    [inspectCustom](depth, options, inspect) { return 'TransformStreamDefaultController ' + inspect({}, options); }
  }
  Object.defineProperty(TransformStreamDefaultController.prototype, Symbol.toStringTag, { value: 'TransformStreamDefaultController', configurable: true });

  function setUpTransformController(ts, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
    controller.stream = ts;
    ts.controller = controller;
    controller.transformAlgorithm = transformAlgorithm || function (chunk) {
      try { transformControllerEnqueue(controller, chunk); return resolved(undefined); } catch (e) { return rejected(e); }
    };
    controller.flushAlgorithm = flushAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
  }
  function transformControllerClearAlgorithms(controller) {
    controller.transformAlgorithm = undefined;
    controller.flushAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
  }
  function transformControllerEnqueue(controller, chunk) {
    var ts = controller.stream;
    var readableController = ts.readable.controller;
    if (!defaultControllerCanCloseOrEnqueue(readableController)) throw invalidState('Unable to enqueue');
    try {
      defaultControllerEnqueue(readableController, chunk);
    } catch (e) {
      transformErrorWritableAndUnblockWrite(ts, e);
      throw ts.readable.storedError;
    }
    var backpressure = defaultControllerHasBackpressure(readableController);
    if (backpressure !== ts.backpressure) transformSetBackpressure(ts, true);
  }
  function transformControllerTerminate(controller) {
    var ts = controller.stream;
    defaultControllerClose(ts.readable.controller);
    transformErrorWritableAndUnblockWrite(ts, errors.make(TypeError, 'ERR_INVALID_STATE', 'Invalid state: TransformStream has been terminated'));
  }
  function transformPerformTransform(controller, chunk) {
    return controller.transformAlgorithm(chunk).then(undefined, function (e) {
      transformError(controller.stream, e);
      throw e;
    });
  }
  function transformSinkWrite(ts, chunk) {
    var controller = ts.controller;
    if (ts.backpressure) {
      return ts.backpressureChange.promise.then(function () {
        var writable = ts.writable;
        if (writable.state === 'erroring') throw writable.storedError;
        return transformPerformTransform(controller, chunk);
      });
    }
    return transformPerformTransform(controller, chunk);
  }
  function transformSinkAbort(ts, reason) {
    var controller = ts.controller;
    if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
    var readable = ts.readable;
    controller.finishPromise = deferred();
    var cancelPromise = controller.cancelAlgorithm(reason);
    transformControllerClearAlgorithms(controller);
    upon(cancelPromise, function () {
      if (readable.state === 'errored') controller.finishPromise.reject(readable.storedError);
      else { defaultControllerError(readable.controller, reason); controller.finishPromise.resolve(undefined); }
    }, function (e) {
      defaultControllerError(readable.controller, e);
      controller.finishPromise.reject(e);
    });
    return controller.finishPromise.promise;
  }
  function transformSinkClose(ts) {
    var controller = ts.controller;
    if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
    var readable = ts.readable;
    controller.finishPromise = deferred();
    var flushPromise = controller.flushAlgorithm();
    transformControllerClearAlgorithms(controller);
    upon(flushPromise, function () {
      if (readable.state === 'errored') controller.finishPromise.reject(readable.storedError);
      else { defaultControllerClose(readable.controller); controller.finishPromise.resolve(undefined); }
    }, function (e) {
      defaultControllerError(readable.controller, e);
      controller.finishPromise.reject(e);
    });
    return controller.finishPromise.promise;
  }
  function transformSourcePull(ts) {
    transformSetBackpressure(ts, false);
    return ts.backpressureChange.promise;
  }
  function transformSourceCancel(ts, reason) {
    var controller = ts.controller;
    if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
    var writable = ts.writable;
    controller.finishPromise = deferred();
    var cancelPromise = controller.cancelAlgorithm(reason);
    transformControllerClearAlgorithms(controller);
    upon(cancelPromise, function () {
      if (writable.state === 'errored') controller.finishPromise.reject(writable.storedError);
      else {
        writableControllerErrorIfNeeded(writable.controller, reason);
        transformUnblockWrite(ts);
        controller.finishPromise.resolve(undefined);
      }
    }, function (e) {
      writableControllerErrorIfNeeded(writable.controller, e);
      transformUnblockWrite(ts);
      controller.finishPromise.reject(e);
    });
    return controller.finishPromise.promise;
  }

  // ---- TextEncoderStream / TextDecoderStream -------------------------------------------------------------------

  class TextEncoderStream {
    constructor() {
      var TextEncoder = require('util').TextEncoder;
      var encoder = new TextEncoder();
      var pending = '';
      var transform = new TransformStream({
        transform: function (chunk, controller) {
          var text = pending + String(chunk);
          pending = '';
          var last = text.charCodeAt(text.length - 1);
          if (last >= 0xD800 && last <= 0xDBFF) { pending = text[text.length - 1]; text = text.slice(0, -1); }
          if (text.length > 0) controller.enqueue(encoder.encode(text));
        },
        flush: function (controller) { if (pending) controller.enqueue(new Uint8Array([0xEF, 0xBF, 0xBD])); },
      });
      records.set(this, { kind: 'TextEncoderStream', transform: transform });
    }
    get encoding() { brand(this, 'TextEncoderStream'); return 'utf-8'; }
    get readable() { return brand(this, 'TextEncoderStream').transform.readable; }
    get writable() { return brand(this, 'TextEncoderStream').transform.writable; }
    [inspectCustom](depth, options, inspect) {
      return 'TextEncoderStream ' + inspect({ encoding: 'utf-8', readable: this.readable, writable: this.writable }, options);
    }
  }
  Object.defineProperty(TextEncoderStream.prototype, Symbol.toStringTag, { value: 'TextEncoderStream', configurable: true });

  class TextDecoderStream {
    constructor(encoding, options) {
      var TextDecoder = require('util').TextDecoder;
      var decoder = new TextDecoder(encoding === undefined ? 'utf-8' : encoding, options);
      var transform = new TransformStream({
        transform: function (chunk, controller) {
          var text = decoder.decode(chunk, { stream: true });
          if (text) controller.enqueue(text);
        },
        flush: function (controller) {
          var text = decoder.decode();
          if (text) controller.enqueue(text);
        },
      });
      records.set(this, { kind: 'TextDecoderStream', transform: transform, decoder: decoder });
    }
    get encoding() { return brand(this, 'TextDecoderStream').decoder.encoding; }
    get fatal() { return brand(this, 'TextDecoderStream').decoder.fatal; }
    get ignoreBOM() { return brand(this, 'TextDecoderStream').decoder.ignoreBOM; }
    get readable() { return brand(this, 'TextDecoderStream').transform.readable; }
    get writable() { return brand(this, 'TextDecoderStream').transform.writable; }
    [inspectCustom](depth, options, inspect) {
      return 'TextDecoderStream ' + inspect({ encoding: this.encoding, fatal: this.fatal, ignoreBOM: this.ignoreBOM, readable: this.readable, writable: this.writable }, options);
    }
  }
  Object.defineProperty(TextDecoderStream.prototype, Symbol.toStringTag, { value: 'TextDecoderStream', configurable: true });

  // ---- helpers for stream, fetch -------------------------------------------------------------------------------

  // A ReadableStream fed by the host or another module: `push(chunk)`, `close()`, `error(e)`; `onPull` is told when
  // the consumer wants more (backpressure), `onCancel` when it cancels. Used by fetch bodies and Readable.toWeb.
  function createPushStream(hooks, highWaterMark, sizeAlgorithm) {
    var stream = createReadableStream(noop, function () {
      if (hooks.pull) hooks.pull();
      return resolved(undefined);
    }, function (reason) {
      if (hooks.cancel) return promiseCall(hooks.cancel, undefined, [reason]);
      return resolved(undefined);
    }, highWaterMark === undefined ? 1 : highWaterMark, sizeAlgorithm);
    var controller = stream.controller;
    return {
      stream: stream.object,
      push: function (chunk) { if (defaultControllerCanCloseOrEnqueue(controller)) defaultControllerEnqueue(controller, chunk); },
      close: function () { if (defaultControllerCanCloseOrEnqueue(controller)) defaultControllerClose(controller); },
      error: function (e) { defaultControllerError(controller, e); },
      desiredSize: function () { return stream.state === 'readable' ? defaultControllerGetDesiredSize(controller) : 0; },
    };
  }

  function isDisturbed(value) { return isReadableStream(value) && state(value).disturbed; }
  function isLocked(value) { return isReadableStream(value) && state(value).reader !== undefined; }
  function readableState(value) { return state(value).state; }
  function readableStoredError(value) { return state(value).storedError; }
  function writableState(value) { return state(value).state; }

  return {
    ReadableStream: ReadableStream,
    ReadableStreamDefaultReader: ReadableStreamDefaultReader,
    ReadableStreamBYOBReader: ReadableStreamBYOBReader,
    ReadableStreamBYOBRequest: ReadableStreamBYOBRequest,
    ReadableByteStreamController: ReadableByteStreamController,
    ReadableStreamDefaultController: ReadableStreamDefaultController,
    TransformStream: TransformStream,
    TransformStreamDefaultController: TransformStreamDefaultController,
    WritableStream: WritableStream,
    WritableStreamDefaultWriter: WritableStreamDefaultWriter,
    WritableStreamDefaultController: WritableStreamDefaultController,
    ByteLengthQueuingStrategy: ByteLengthQueuingStrategy,
    CountQueuingStrategy: CountQueuingStrategy,
    TextEncoderStream: TextEncoderStream,
    TextDecoderStream: TextDecoderStream,
    internal: {
      isReadableStream: isReadableStream,
      isWritableStream: isWritableStream,
      isDisturbed: isDisturbed,
      isLocked: isLocked,
      readableState: readableState,
      readableStoredError: readableStoredError,
      writableState: writableState,
      createPushStream: createPushStream,
    },
  };
})
