// Node's `net` client: `net.connect`/`createConnection` and `net.Socket` (a Duplex stream) over the host's connections
// (`binding`, Execution/Http/SocketBinding.cs): every connection goes through the invocation's egress policy, request
// limit, per-request timeout and recording, as fetch and http do, and is closed when the invocation ends. Reading
// follows the stream's demand (the host stops reading while the stream is full), each write's callback runs once the
// chunk is on the connection. Servers and IPC paths are refused. `tls.js` builds its TLSSocket on this Socket.
(function (require, binding) {
  'use strict';
  var stream = require('stream');
  var Buffer = require('buffer').Buffer;
  var errors = require('internal/errors');
  var refusal = require('internal/refusal');
  var processModule = require('process');
  var timers = require('timers');
  var reason = 'hooks may not listen for connections or use local sockets on the server (outbound TCP goes through the egress policy)';

  var v4Seg = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
  var v4Str = '(?:' + v4Seg + '\\.){3}' + v4Seg;
  var v6Seg = '(?:[0-9a-fA-F]{1,4})';
  var IPv4Reg = new RegExp('^' + v4Str + '$');
  var IPv6Reg = new RegExp('^(?:' +
    '(?:' + v6Seg + ':){7}(?:' + v6Seg + '|:)|' +
    '(?:' + v6Seg + ':){6}(?:' + v4Str + '|:' + v6Seg + '|:)|' +
    '(?:' + v6Seg + ':){5}(?::' + v4Str + '|(?::' + v6Seg + '){1,2}|:)|' +
    '(?:' + v6Seg + ':){4}(?:(?::' + v6Seg + '){0,1}:' + v4Str + '|(?::' + v6Seg + '){1,3}|:)|' +
    '(?:' + v6Seg + ':){3}(?:(?::' + v6Seg + '){0,2}:' + v4Str + '|(?::' + v6Seg + '){1,4}|:)|' +
    '(?:' + v6Seg + ':){2}(?:(?::' + v6Seg + '){0,3}:' + v4Str + '|(?::' + v6Seg + '){1,5}|:)|' +
    '(?:' + v6Seg + ':){1}(?:(?::' + v6Seg + '){0,4}:' + v4Str + '|(?::' + v6Seg + '){1,6}|:)|' +
    '(?::(?:(?::' + v6Seg + '){0,5}:' + v4Str + '|(?::' + v6Seg + '){1,7}|:))' +
    ')(?:%[0-9a-zA-Z-.:]{1,})?$');
  function isIPv4(s) { return IPv4Reg.test('' + s); }
  function isIPv6(s) { return IPv6Reg.test('' + s); }
  function isIP(s) { return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0; }

  function nextTick() { processModule.nextTick.apply(processModule, arguments); }

  function missingArgs() {
    return errors.make(TypeError, 'ERR_MISSING_ARGS', 'The "options" or "port" or "path" argument must be specified');
  }

  function socketClosed() { return errors.make(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'); }

  // Node's validatePort: a number or a numeric string in [0, 65536).
  function validatePort(port, name) {
    if (typeof port !== 'number' && typeof port !== 'string') throw errors.invalidArgType('options.port', ['number', 'string'], port);
    var text = typeof port === 'string' ? port.trim() : port;
    var number = +port;
    if ((typeof port === 'string' && text.length === 0) || number !== number >>> 0 || number > 0xFFFF || (typeof port === 'string' && !/^[0-9]+$/.test(text))) {
      throw errors.make(RangeError, 'ERR_SOCKET_BAD_PORT', (name === 'Port' ? 'Port' : name) + ' should be >= 0 and < 65536. Received ' + errors.describe(port) + '.');
    }
    return number;
  }

  // Node's normalizeArgs: [options, callback] from (options[, cb]), (port[, host][, cb]) or (path[, cb]).
  function normalizeArgs(args) {
    var options = {};
    if (args.length === 0) return [options, null];
    var first = args[0];
    if (first !== null && typeof first === 'object') {
      options = first;
    } else if (typeof first === 'string' && !/^[0-9]+$/.test(first) && isNaN(+first)) {
      options.path = first;
    } else {
      options.port = first;
      if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
    }
    var cb = args[args.length - 1];
    return [options, typeof cb === 'function' ? cb : null];
  }

  var kTimeout = Symbol('timeout');

  // An error as the connection's record shows it: "CODE: message".
  function describeError(error) {
    try {
      var message = error instanceof Error ? error.message : String(error);
      return error && typeof error.code === 'string' ? error.code + ': ' + message : message;
    } catch (e) {
      return 'destroyed with an error';
    }
  }

  function Socket(options) {
    if (!(this instanceof Socket)) return new Socket(options);
    if (typeof options === 'number') options = { fd: options };
    options = Object.assign({}, options);
    if (options.handle || options.fd !== undefined) throw refusal.refusal('net.Socket({ fd })', reason);
    options.allowHalfOpen = Boolean(options.allowHalfOpen);
    // The socket emits 'close' itself, once the connection is closed.
    options.emitClose = false;
    options.autoDestroy = true;
    options.decodeStrings = false;
    stream.Duplex.call(this, options);
    this.connecting = false;
    this._hadError = false;
    this._handle = null;
    this._host = null;
    this._peername = null;
    this._sockname = null;
    this._pendingData = null;
    this._pendingEncoding = '';
    this.bytesRead = 0;
    this._bytesDispatched = 0;
    this._writes = new Map();
    this._writeSequence = 0;
    this._finalCallback = null;
    this._refed = true;
    this._noDelay = undefined;
    this._keepAlive = undefined;
    this[kTimeout] = null;
    this.server = null;
    this._server = null;
    this.on('end', onReadableStreamEnd);
    if (options.signal) addAbortSignal(this, options.signal);
  }
  Object.setPrototypeOf(Socket.prototype, stream.Duplex.prototype);
  Object.setPrototypeOf(Socket, stream.Duplex);

  function addAbortSignal(socket, signal) {
    var onAbort = function () { socket.destroy(abortError(signal)); };
    if (signal.aborted) nextTick(onAbort);
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      socket.once('close', function () { signal.removeEventListener('abort', onAbort); });
    }
  }

  function abortError(signal) {
    var error = new Error('The operation was aborted', { cause: signal.reason });
    error.name = 'AbortError';
    error.code = 'ABORT_ERR';
    return error;
  }

  // The peer ended its side: unless half-open is allowed, nothing more may be written (the Duplex ends ours).
  function onReadableStreamEnd() {
    if (!this.allowHalfOpen) this.write = writeAfterFIN;
  }

  function writeAfterFIN(chunk, encoding, cb) {
    if (!this.writableEnded) return stream.Duplex.prototype.write.call(this, chunk, encoding, cb);
    if (typeof encoding === 'function') cb = encoding;
    var error = errors.make(Error, 'EPIPE', 'This socket has been ended by the other party');
    var self = this;
    nextTick(function () {
      self.destroy(error);
      if (typeof cb === 'function') cb(error);
    });
    return false;
  }

  Object.defineProperty(Socket.prototype, 'pending', { configurable: true, enumerable: true, get: function () { return this._handle === null || this.connecting; } });
  Object.defineProperty(Socket.prototype, 'readyState', {
    configurable: true, enumerable: true,
    get: function () {
      if (this.connecting) return 'opening';
      if (this.readable && this.writable) return 'open';
      if (this.readable && !this.writable) return 'readOnly';
      if (!this.readable && this.writable) return 'writeOnly';
      return 'closed';
    },
  });
  Object.defineProperty(Socket.prototype, 'bufferSize', { configurable: true, enumerable: true, get: function () { return this._handle !== null ? this.writableLength : undefined; } });
  Object.defineProperty(Socket.prototype, 'bytesWritten', { configurable: true, enumerable: true, get: function () { return this._bytesDispatched + (this.writableLength || 0); } });
  [['remoteAddress', '_peername', 'address'], ['remotePort', '_peername', 'port'], ['remoteFamily', '_peername', 'family'],
    ['localAddress', '_sockname', 'address'], ['localPort', '_sockname', 'port'], ['localFamily', '_sockname', 'family']].forEach(function (entry) {
    Object.defineProperty(Socket.prototype, entry[0], {
      configurable: true, enumerable: true,
      get: function () { return this[entry[1]] ? this[entry[1]][entry[2]] : undefined; },
    });
  });

  Socket.prototype.address = function address() {
    return this._sockname ? { address: this._sockname.address, family: this._sockname.family, port: this._sockname.port } : {};
  };

  Socket.prototype.connect = function connect() {
    var args = new Array(arguments.length);
    for (var i = 0; i < arguments.length; i++) args[i] = arguments[i];
    var normalized = Array.isArray(args[0]) && args.length === 1 ? args[0] : normalizeArgs(args);
    var options = normalized[0];
    var cb = normalized[1];
    if (options.port === undefined && options.path == null) throw missingArgs();
    if (options.path != null) throw refusal.refusal('net.Socket.connect({ path })', reason);
    var port = validatePort(options.port, 'Port');
    var host = options.host == null ? 'localhost' : '' + options.host;
    if (this.write === writeAfterFIN) delete this.write;
    if (this.destroyed) {
      this._handle = null;
      this._peername = null;
      this._sockname = null;
    }
    if (cb !== null) this.once('connect', cb);
    if (options.noDelay) this._noDelay = true;
    if (options.keepAlive) this._keepAlive = true;
    this.connecting = true;
    this._host = host;
    this._unrefTimer();
    var self = this;
    try {
      this._handle = binding.connect(host, port, this._hostOptions /* tls.js: TLS from the start */ || undefined, function (kind, a, b, c, d, e, f) { self._onHostEvent(kind, a, b, c, d, e, f); });
    } catch (error) {
      this.connecting = false;
      nextTick(function () { self.destroy(error); });
      return this;
    }
    if (!this._refed) binding.ref(this._handle, false);
    if (this._noDelay !== undefined || this._keepAlive !== undefined) binding.configure(this._handle, this._noDelay, this._keepAlive);
    return this;
  };

  // Events from the host, in the order they happened on the connection.
  Socket.prototype._onHostEvent = function (kind, a, b, c, d, e, f) {
    if (this.destroyed && kind !== 'written') return;
    switch (kind) {
      case 'connect': return this._onConnect(a, b, c, d, e);
      case 'secure': return this._onSecure && this._onSecure(a, b, c, d, e, f);
      case 'data': return this._onData(a);
      case 'end': return this._onEnd();
      case 'written': return this._onWritten(a);
      case 'finish': return this._onFinish();
      case 'error': return this._onError(a, b, c, d, e);
    }
  };

  Socket.prototype._onConnect = function (localAddress, localPort, remoteAddress, remotePort, family) {
    this._sockname = { address: localAddress, family: family, port: localPort };
    this._peername = { address: remoteAddress, family: family, port: remotePort };
    if (!isIP(this._host)) this.emit('lookup', null, remoteAddress, family === 'IPv6' ? 6 : 4, this._host);
    this.connecting = false;
    this._unrefTimer();
    this.emit('connect');
    this.emit('ready');
    if (this.readable && !this.isPaused() && this._waitEvent() === null) this.read(0);
  };

  // What reads, writes and the end wait for: the connection, then (TLS) the handshake; null when nothing.
  Socket.prototype._waitEvent = function () {
    return this.connecting ? 'connect' : this._tlsPending ? 'secure' : null;
  };

  Socket.prototype._onData = function (bytes) {
    var chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.bytesRead += chunk.length;
    this._unrefTimer();
    if (!this.push(chunk) && this._handle !== null) binding.pause(this._handle);
  };

  Socket.prototype._onEnd = function () {
    this.push(null);
    this.read(0);
  };

  Socket.prototype._onWritten = function (sequence) {
    var cb = this._writes.get(sequence);
    if (cb === undefined) return;
    this._writes.delete(sequence);
    this._unrefTimer();
    cb();
  };

  Socket.prototype._onFinish = function () {
    var cb = this._finalCallback;
    this._finalCallback = null;
    if (cb) cb();
  };

  Socket.prototype._onError = function (code, message, syscall, address, port) {
    var error = code.indexOf('ERR_') === 0 ? errors.make(Error, code, message) : errors.network(code, message, syscall, address, port);
    if (this._tlsError) {
      // Node's TLSSocket#_tlsError: the error to emit, or null when its '_tlsError' listeners have it (tls.js).
      error = this._tlsError(error);
      if (error === null) {
        this.destroy();
        return;
      }
    }
    this.destroy(error);
  };

  Socket.prototype._read = function _read() {
    var waitFor = this._waitEvent();
    if (waitFor !== null || this._handle === null) {
      var self = this;
      if (waitFor !== null && !this._readWaiting) {
        this._readWaiting = true;
        this.once(waitFor, function () { self._readWaiting = false; self._read(); });
      }
      return;
    }
    binding.resume(this._handle);
  };

  Socket.prototype._write = function _write(chunk, encoding, cb) {
    var waitFor = this._waitEvent();
    if (waitFor !== null) {
      this._pendingData = chunk;
      this._pendingEncoding = encoding;
      var self = this;
      var resume = function () {
        self._pendingData = null;
        self._pendingWrite = null;
        self._write(chunk, encoding, cb);
      };
      // Released with ERR_SOCKET_CLOSED_BEFORE_CONNECTION if the socket is destroyed first (_destroy).
      this._pendingWrite = { event: waitFor, resume: resume, cb: cb };
      this.once(waitFor, resume);
      return;
    }
    if (this._handle === null) {
      cb(socketClosed());
      return;
    }
    var bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    var sequence = ++this._writeSequence;
    try {
      binding.write(this._handle, bytes, sequence);
    } catch (error) {
      cb(error);
      return;
    }
    this._bytesDispatched += bytes.length;
    this._writes.set(sequence, cb);
  };

  Socket.prototype._final = function _final(cb) {
    var waitFor = this._waitEvent();
    if (waitFor !== null) {
      var self = this;
      this.once(waitFor, function () { self._final(cb); });
      return;
    }
    if (this._handle === null) return cb();
    this._finalCallback = cb;
    binding.end(this._handle);
  };

  Socket.prototype._destroy = function _destroy(exception, cb) {
    this.connecting = false;
    if (this[kTimeout]) {
      timers.clearTimeout(this[kTimeout]);
      this[kTimeout] = null;
    }
    var self = this;
    var isException = !!exception;
    var pending = this._pendingWrite;
    if (pending) {
      this._pendingWrite = null;
      this._pendingData = null;
      this.removeListener(pending.event, pending.resume);
      nextTick(pending.cb, errors.make(Error, 'ERR_SOCKET_CLOSED_BEFORE_CONNECTION', 'Socket closed before the connection was established'));
    }
    if (this._handle !== null) {
      binding.destroy(this._handle, exception ? describeError(exception) : undefined);
      this._handle = null;
      // Chunks already handed to the connection: their callbacks run, as Node's do once written.
      var written = Array.from(this._writes.values());
      this._writes.clear();
      written.forEach(function (done) { nextTick(done); });
      cb(exception);
      // The connection's close comes after the error and the ticks it queued, as libuv's close callbacks do.
      timers.setImmediate(function () { self.emit('close', isException); });
    } else {
      cb(exception);
      nextTick(function () { self.emit('close', isException); });
    }
  };

  Socket.prototype.end = function end(data, encoding, callback) {
    stream.Duplex.prototype.end.call(this, data, encoding, callback);
    return this;
  };

  Socket.prototype.resetAndDestroy = function resetAndDestroy() {
    if (this._handle !== null) {
      if (this.connecting) return this.destroy(errors.make(Error, 'ERR_SOCKET_CLOSED_BEFORE_CONNECTION', 'Socket closed before the connection was established'));
      return this.destroy(errors.network('ECONNRESET', 'read ECONNRESET', 'read'));
    }
    return this.destroy(errors.make(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'));
  };

  Socket.prototype.destroySoon = function destroySoon() {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', this.destroy);
  };

  // Node's idle timeout: 'timeout' after `ms` without reads or writes; the socket stays open (the listener decides).
  Socket.prototype.setTimeout = function setTimeout(ms, callback) {
    if (typeof ms !== 'number') throw errors.invalidArgType('msecs', 'number', ms);
    if (ms < 0 || !isFinite(ms)) throw errors.outOfRange('msecs', 'a non-negative finite number', ms);
    if (this.destroyed) return this;
    this.timeout = ms;
    if (this[kTimeout]) {
      timers.clearTimeout(this[kTimeout]);
      this[kTimeout] = null;
    }
    if (ms === 0) {
      if (callback !== undefined) {
        if (typeof callback !== 'function') throw errors.invalidArgType('callback', 'function', callback);
        this.removeListener('timeout', callback);
      }
      return this;
    }
    var self = this;
    this[kTimeout] = timers.setTimeout(function () {
      self[kTimeout] = null;
      self.emit('timeout');
    }, ms);
    this[kTimeout].unref();
    if (callback !== undefined) {
      if (typeof callback !== 'function') throw errors.invalidArgType('callback', 'function', callback);
      this.once('timeout', callback);
    }
    return this;
  };

  Socket.prototype._unrefTimer = function () {
    if (this[kTimeout]) this[kTimeout].refresh();
  };

  Socket.prototype.setNoDelay = function setNoDelay(enable) {
    this._noDelay = enable === undefined ? true : !!enable;
    if (this._handle !== null) binding.configure(this._handle, this._noDelay, undefined);
    return this;
  };

  Socket.prototype.setKeepAlive = function setKeepAlive(enable) {
    this._keepAlive = !!enable;
    if (this._handle !== null) binding.configure(this._handle, undefined, this._keepAlive);
    return this;
  };

  Socket.prototype.ref = function ref() {
    this._refed = true;
    if (this._handle !== null) binding.ref(this._handle, true);
    return this;
  };

  Socket.prototype.unref = function unref() {
    this._refed = false;
    if (this._handle !== null) binding.ref(this._handle, false);
    return this;
  };

  Socket.prototype._getpeername = function () { return this._peername || {}; };
  Socket.prototype._getsockname = function () { return this._sockname || {}; };

  function connect() {
    var args = new Array(arguments.length);
    for (var i = 0; i < arguments.length; i++) args[i] = arguments[i];
    var normalized = normalizeArgs(args);
    var options = normalized[0];
    var socket = new Socket(options);
    if (options.timeout) socket.setTimeout(options.timeout);
    return socket.connect(normalized);
  }

  function Server() { throw refusal.refusal('net.Server()', reason); }
  var autoSelectFamily = true;
  var attemptTimeout = 250;

  return {
    isIP: isIP, isIPv4: isIPv4, isIPv6: isIPv6,
    Socket: Socket, Stream: Socket, Server: Server,
    connect: connect,
    createConnection: connect,
    createServer: function createServer() { throw refusal.refusal('net.createServer()', reason); },
    getDefaultAutoSelectFamily: function getDefaultAutoSelectFamily() { return autoSelectFamily; },
    setDefaultAutoSelectFamily: function setDefaultAutoSelectFamily(v) { autoSelectFamily = !!v; },
    getDefaultAutoSelectFamilyAttemptTimeout: function getDefaultAutoSelectFamilyAttemptTimeout() { return attemptTimeout; },
    setDefaultAutoSelectFamilyAttemptTimeout: function setDefaultAutoSelectFamilyAttemptTimeout(v) { attemptTimeout = v; },
    _normalizeArgs: normalizeArgs,
    _validatePort: validatePort,
  };
})
