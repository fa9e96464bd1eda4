// Node's `http` and `https` clients (`ClientRequest`, `IncomingMessage`, `Agent`) over the host's outbound HTTP
// (`binding`, Execution/Http/FetchBinding.cs, in its Node mode: no decompression, no redirects followed, exactly the
// headers set here, response header names as received). Every request goes through the invocation's egress policy,
// limits, recording and mocks, as fetch does. The body is sent as it is written: a request with a body written before
// `end()` starts at once and streams each `write()` chunk (chunked unless a content-length was set); one ended before
// it has a socket goes in one piece. No server can be created. Returns { http, https }.
(function (require, binding) {
  'use strict';
  var EE = require('events');
  var Stream = require('stream');
  var Buffer = require('buffer').Buffer;
  var errors = require('internal/errors');
  var processModule = require('process');
  var timers = require('timers');
  var urlModule = require('url');

  function nextTick() {
    processModule.nextTick.apply(processModule, arguments);
  }

  var STATUS_CODES = {
    100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
    200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
    205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
    300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
    305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
    400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
    405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
    409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
    414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
    418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
    424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
    429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
    500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
    504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
    507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
    511: 'Network Authentication Required',
  };

  var METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH',
    'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND',
    'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND',
    'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];

  // ---- validation, with Node's codes and wording ----

  var TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
  var INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;
  var INVALID_PATH = /[^\u0021-\u00ff]/;

  function validateHeaderName(name, label) {
    if (typeof name !== 'string' || !name || !TOKEN.test(name)) {
      throw errors.make(TypeError, 'ERR_INVALID_HTTP_TOKEN', (label || 'Header name') + ' must be a valid HTTP token ["' + name + '"]');
    }
  }

  function validateHeaderValue(name, value) {
    if (value === undefined) {
      throw errors.make(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', 'Invalid value "' + value + '" for header "' + name + '"');
    }
    if (INVALID_HEADER_CHAR.test(String(value))) {
      throw errors.make(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in header content ["' + name + '"]');
    }
  }

  function connReset(message) {
    var error = new Error(message);
    error.code = 'ECONNRESET';
    return error;
  }

  function toBuffer(chunk, encoding, what) {
    if (typeof chunk === 'string') return Buffer.from(chunk, encoding);
    if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    throw errors.invalidArgType(what, ['string', 'Buffer', 'Uint8Array'], chunk);
  }

  // ---- Agent: accepted and consulted (protocol, port, keep-alive); the host's pool makes the connections ----

  function Agent(options) {
    if (!(this instanceof Agent)) return new Agent(options);
    EE.call(this);
    this.defaultPort = 80;
    this.protocol = 'http:';
    this.options = Object.assign({ __proto__: null }, options);
    if (this.options.noDelay === undefined) this.options.noDelay = true;
    this.options.path = null;
    this.requests = { __proto__: null };
    this.sockets = { __proto__: null };
    this.freeSockets = { __proto__: null };
    this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
    this.keepAlive = this.options.keepAlive || false;
    this.maxSockets = this.options.maxSockets || Agent.defaultMaxSockets;
    this.maxFreeSockets = this.options.maxFreeSockets || 256;
    this.scheduling = this.options.scheduling || 'lifo';
    this.maxTotalSockets = this.options.maxTotalSockets || Infinity;
    this.totalSocketCount = 0;
  }
  Object.setPrototypeOf(Agent.prototype, EE.prototype);
  Object.setPrototypeOf(Agent, EE);
  Agent.defaultMaxSockets = Infinity;

  Agent.prototype.getName = function (options) {
    options = options || {};
    var name = (options.host || 'localhost') + ':';
    if (options.port) name += options.port;
    name += ':';
    if (options.localAddress) name += options.localAddress;
    if (options.family === 4 || options.family === 6) name += ':' + options.family;
    if (options.socketPath) name += ':' + options.socketPath;
    return name;
  };
  // The one path every request takes: it gets its (stand-in) socket here, as custom agents expect to override.
  Agent.prototype.addRequest = function (req, options) {
    req.onSocket(new Socket(req, options, this.protocol === 'https:'));
  };
  Agent.prototype.createConnection = function () {
    throw errors.make(Error, 'ERR_HOOKS_MODULE_REFUSED', 'Agent.createConnection(): hooks may not open sockets on the server; requests go through the host');
  };
  Agent.prototype.createSocket = Agent.prototype.createConnection;
  Agent.prototype.keepSocketAlive = function () { return this.keepAlive; };
  Agent.prototype.reuseSocket = function () {};
  Agent.prototype.removeSocket = function () {};
  Agent.prototype.destroy = function () {};

  function HttpsAgent(options) {
    if (!(this instanceof HttpsAgent)) return new HttpsAgent(options);
    Agent.call(this, options);
    this.defaultPort = 443;
    this.protocol = 'https:';
    this.maxCachedSessions = this.options.maxCachedSessions === undefined ? 100 : this.options.maxCachedSessions;
  }
  Object.setPrototypeOf(HttpsAgent.prototype, Agent.prototype);
  Object.setPrototypeOf(HttpsAgent, Agent);
  HttpsAgent.prototype.getName = function (options) {
    var name = Agent.prototype.getName.call(this, options) + ':';
    ['ca', 'cert', 'clientCertEngine', 'ciphers', 'key', 'pfx', 'rejectUnauthorized', 'servername', 'minVersion', 'maxVersion',
      'secureProtocol', 'crl', 'honorCipherOrder', 'ecdhCurve', 'dhparam', 'secureOptions', 'sessionIdContext', 'sigalgs',
      'privateKeyIdentifier', 'privateKeyEngine'].forEach(function (key, i) {
      if (i > 0) name += ':';
      if (options && options[key] !== undefined && options[key] !== null) name += options[key];
    });
    return name;
  };

  var globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });
  var httpsGlobalAgent = new HttpsAgent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

  // ---- Socket: what libraries touch on req.socket; the connection itself belongs to the host ----

  function Socket(req, options, encrypted) {
    EE.call(this);
    this._req = req;
    // Each request's socket is a new connection to the script: connecting until its 'connect' (see onSocket).
    this.connecting = true;
    this._connecting = true;
    this.readable = true;
    this.writable = true;
    this.destroyed = false;
    this.encrypted = encrypted || undefined;
    this.authorized = encrypted ? true : undefined;
    this.authorizationError = null;
    this.alpnProtocol = encrypted ? 'http/1.1' : undefined;
    this.servername = encrypted ? (options && (options.servername || options.host)) : undefined;
    this.remoteAddress = undefined;
    this.remotePort = options && options.port ? Number(options.port) : undefined;
    this.remoteFamily = undefined;
    this.localAddress = undefined;
    this.localPort = undefined;
    this.bytesRead = 0;
    this.bytesWritten = 0;
    this.timeout = 0;
    this._timer = null;
    this._httpMessage = req;
  }
  Object.setPrototypeOf(Socket.prototype, EE.prototype);

  // An idle timeout, as net.Socket's: 'timeout' after ms without activity (received data).
  Socket.prototype.setTimeout = function (ms, callback) {
    ms = Number(ms) || 0;
    this.timeout = ms;
    if (this._timer) { timers.clearTimeout(this._timer); this._timer = null; }
    if (callback) {
      if (ms === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    if (ms > 0 && !this.destroyed) {
      var self = this;
      this._timer = timers.setTimeout(function () { self._timer = null; self.emit('timeout'); }, ms);
    }
    return this;
  };
  Socket.prototype._active = function () {
    if (this._timer) this._timer.refresh();
  };
  Socket.prototype._release = function () {
    if (this._timer) { timers.clearTimeout(this._timer); this._timer = null; }
  };
  Socket.prototype.setNoDelay = function () { return this; };
  Socket.prototype.setKeepAlive = function () { return this; };
  Socket.prototype.ref = function () { return this; };
  Socket.prototype.unref = function () { return this; };
  Socket.prototype.pause = function () { return this; };
  Socket.prototype.resume = function () { return this; };
  Socket.prototype.cork = function () {};
  Socket.prototype.uncork = function () {};
  Socket.prototype.address = function () { return {}; };
  Socket.prototype.getPeerCertificate = function () { return {}; };
  Socket.prototype.getCipher = function () { return this.encrypted ? { name: 'TLS_AES_256_GCM_SHA384', standardName: 'TLS_AES_256_GCM_SHA384', version: 'TLSv1.3' } : undefined; };
  Socket.prototype.getProtocol = function () { return this.encrypted ? 'TLSv1.3' : null; };
  Socket.prototype.getSession = function () { return undefined; };
  Socket.prototype.isSessionReused = function () { return false; };
  Socket.prototype.end = function () { return this; };
  Socket.prototype.write = function () { return true; };
  Socket.prototype.destroy = function (error) {
    if (this._req && !this._req.destroyed) this._req.destroy(error);
    return this;
  };
  Socket.prototype._destroyed = function () {
    if (this.destroyed) return;
    this.destroyed = true;
    this.readable = false;
    this.writable = false;
    this._release();
  };

  // ---- ClientRequest ----

  var kHeaders = Symbol('kOutHeaders');
  var kState = Symbol('kRequestState');

  function isURL(value) {
    return value instanceof urlModule.URL || (value !== null && typeof value === 'object' && typeof value.href === 'string' &&
      typeof value.protocol === 'string' && value.searchParams !== undefined && value.auth === undefined && value.path === undefined);
  }

  var NO_BODY_BY_DEFAULT = ['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'];

  function ClientRequest(input, options, cb) {
    if (!(this instanceof ClientRequest)) return new ClientRequest(input, options, cb);
    Stream.call(this);

    if (typeof input === 'string') {
      input = urlModule.urlToHttpOptions(new urlModule.URL(input));
    } else if (isURL(input)) {
      input = urlModule.urlToHttpOptions(input);
    } else {
      cb = options;
      options = input;
      input = null;
    }
    if (typeof options === 'function') {
      cb = options;
      options = input || {};
    } else {
      options = Object.assign(input || {}, options);
    }

    var agent = options.agent;
    var defaultAgent = options._defaultAgent || globalAgent;
    if (agent === false) {
      agent = new defaultAgent.constructor();
    } else if (agent === null || agent === undefined) {
      agent = defaultAgent;
    } else if (typeof agent.addRequest !== 'function') {
      throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "options.agent" property must be one of Agent-like Object, undefined, or false. Received ' + errors.describe(agent));
    }
    this.agent = agent;

    var protocol = options.protocol || defaultAgent.protocol;
    var expectedProtocol = defaultAgent.protocol;
    if (this.agent && this.agent.protocol) expectedProtocol = this.agent.protocol;
    if (options.path) {
      if (INVALID_PATH.test(String(options.path))) {
        throw errors.make(TypeError, 'ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
      }
    }
    if (protocol !== expectedProtocol) {
      throw errors.make(TypeError, 'ERR_INVALID_PROTOCOL', 'Protocol "' + protocol + '" not supported. Expected "' + expectedProtocol + '"');
    }
    if (options.socketPath) {
      throw errors.make(Error, 'ERR_HOOKS_MODULE_REFUSED', 'options.socketPath: hooks may not connect to sockets on the server');
    }

    var defaultPort = options.defaultPort || (this.agent && this.agent.defaultPort);
    var port = options.port = options.port || defaultPort || 80;
    var host = options.host = validateHost(options.hostname, 'hostname') || validateHost(options.host, 'host') || 'localhost';
    var setHost = options.setHost === undefined || Boolean(options.setHost);

    var method = options.method;
    if (method !== null && method !== undefined && typeof method !== 'string') {
      throw errors.invalidArgType('options.method', 'string', method);
    }
    if (method) {
      validateHeaderName(method, 'Method');
      method = method.toUpperCase();
    } else {
      method = 'GET';
    }
    if (options.timeout !== undefined) this.timeout = timerDuration(options.timeout, 'timeout');
    var timeout = this.timeout;

    this.method = method;
    this.path = options.path || '/';
    this.host = host;
    this.protocol = protocol;
    this.maxHeadersCount = null;
    this.reusedSocket = false;
    this.socket = null;
    this.res = null;
    this.aborted = false;
    this.destroyed = false;
    this.finished = false;
    this.writable = true;
    this.writableEnded = false;
    this.writableFinished = false;
    this.headersSent = false;
    this.useChunkedEncodingByDefault = NO_BODY_BY_DEFAULT.indexOf(method) < 0;
    this._header = null;
    this[kHeaders] = null;
    this[kState] = {
      port: Number(port), defaultPort: defaultPort, chunks: [], written: false, started: false, id: undefined,
      contentLength: null, raw: null, keepAlive: !!(this.agent && this.agent.keepAlive), closed: false, error: null, timeout: timeout,
    };
    if (cb) this.once('response', cb);
    if (protocol === 'https:') this[kState].tlsSource = options;

    var headers = options.headers;
    if (Array.isArray(headers)) {
      // Raw [name, value, ...] headers are sent exactly as given.
      if (headers.length % 2 !== 0) throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'headers' is invalid. Received " + errors.primitive(String(headers)));
      for (var r = 0; r < headers.length; r += 2) {
        validateHeaderName(headers[r]);
        validateHeaderValue(headers[r], headers[r + 1]);
      }
      this[kState].raw = headers.map(String);
    } else {
      if (headers) {
        var keys = Object.keys(headers);
        for (var i = 0; i < keys.length; i++) this.setHeader(keys[i], headers[keys[i]]);
      }
      if (host && !this.getHeader('host') && setHost) {
        var hostHeader = host;
        var colon = hostHeader.indexOf(':');
        if (colon !== -1 && hostHeader.indexOf(':', colon + 1) !== -1 && hostHeader.charCodeAt(0) !== 91) hostHeader = '[' + hostHeader + ']';
        if (port && +port !== defaultPort) hostHeader += ':' + port;
        this.setHeader('Host', hostHeader);
      }
      if (options.auth && !this.getHeader('Authorization')) {
        this.setHeader('Authorization', 'Basic ' + Buffer.from(options.auth).toString('base64'));
      }
    }

    if (options.signal) {
      var signal = options.signal;
      var self = this;
      if (signal.aborted) {
        nextTick(function () { self.destroy(abortError(signal)); });
      } else {
        var onAbort = function () { self.destroy(abortError(signal)); };
        signal.addEventListener('abort', onAbort, { once: true });
        this.once('close', function () { signal.removeEventListener('abort', onAbort); });
      }
    }

    var agentOptions = Object.assign({}, options);
    this.agent.addRequest(this, agentOptions);
  }
  Object.setPrototypeOf(ClientRequest.prototype, Stream.prototype);
  Object.setPrototypeOf(ClientRequest, Stream);

  function abortError(signal) {
    var AbortError = require('internal/abort_controller').AbortError;
    return new AbortError(undefined, { cause: signal.reason });
  }

  function validateHost(host, name) {
    if (host !== null && host !== undefined && typeof host !== 'string') {
      throw errors.invalidArgType('options.' + name, ['string', 'undefined', 'null'], host);
    }
    return host;
  }

  function timerDuration(value, name) {
    if (typeof value !== 'number') throw errors.invalidArgType(name, 'number', value);
    if (value < 0 || !isFinite(value)) throw errors.outOfRange(name, '>= 0 and <= 2147483647', value);
    return value;
  }

  Object.defineProperty(ClientRequest.prototype, 'connection', {
    configurable: true, enumerable: true,
    get: function () { return this.socket; },
    set: function (value) { this.socket = value; },
  });
  Object.defineProperty(ClientRequest.prototype, 'writableLength', { configurable: true, get: function () { return 0; } });
  Object.defineProperty(ClientRequest.prototype, 'writableHighWaterMark', { configurable: true, get: function () { return 16384; } });
  Object.defineProperty(ClientRequest.prototype, 'writableCorked', { configurable: true, get: function () { return 0; } });
  Object.defineProperty(ClientRequest.prototype, 'writableObjectMode', { configurable: true, get: function () { return false; } });
  Object.defineProperty(ClientRequest.prototype, 'writableNeedDrain', { configurable: true, get: function () { return !!this[kState].needDrain; } });

  function headersSentError(action) {
    return errors.make(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot ' + action + ' headers after they are sent to the client');
  }

  ClientRequest.prototype.setHeader = function (name, value) {
    if (this._header) throw headersSentError('set');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    if (this[kState].raw) throw errors.make(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot set headers after they are sent to the client');
    var list = this[kHeaders] || (this[kHeaders] = { __proto__: null });
    list[name.toLowerCase()] = [name, value];
    return this;
  };
  ClientRequest.prototype.appendHeader = function (name, value) {
    if (this._header) throw headersSentError('append');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    var list = this[kHeaders] || (this[kHeaders] = { __proto__: null });
    var key = name.toLowerCase();
    if (list[key]) {
      var existing = list[key][1];
      list[key][1] = [].concat(existing, value);
    } else {
      list[key] = [name, value];
    }
    return this;
  };
  ClientRequest.prototype.getHeader = function (name) {
    errors.validateString(name, 'name');
    var list = this[kHeaders];
    if (!list) return undefined;
    var entry = list[name.toLowerCase()];
    return entry && entry[1];
  };
  ClientRequest.prototype.getHeaders = function () {
    var out = { __proto__: null };
    var list = this[kHeaders];
    if (list) for (var key in list) out[key] = list[key][1];
    return out;
  };
  ClientRequest.prototype.getHeaderNames = function () {
    return this[kHeaders] ? Object.keys(this[kHeaders]) : [];
  };
  ClientRequest.prototype.getRawHeaderNames = function () {
    var list = this[kHeaders];
    if (!list) return [];
    return Object.keys(list).map(function (key) { return list[key][0]; });
  };
  ClientRequest.prototype.hasHeader = function (name) {
    errors.validateString(name, 'name');
    return !!(this[kHeaders] && this[kHeaders][name.toLowerCase()]);
  };
  ClientRequest.prototype.removeHeader = function (name) {
    errors.validateString(name, 'name');
    if (this._header) throw headersSentError('remove');
    if (this[kHeaders]) delete this[kHeaders][name.toLowerCase()];
  };

  ClientRequest.prototype.setTimeout = function (msecs, callback) {
    msecs = timerDuration(msecs, 'msecs');
    if (callback !== undefined) errors.validateFunction(callback, 'callback');
    if (callback) this.once('timeout', callback);
    this[kState].timeout = msecs;
    if (this.socket) armTimeout(this, this.socket);
    return this;
  };

  function armTimeout(req, socket) {
    if (req[kState].timeoutListener) socket.removeListener('timeout', req[kState].timeoutListener);
    var listener = req[kState].timeoutListener = function () { req.emit('timeout'); };
    socket.on('timeout', listener);
    socket.setTimeout(req[kState].timeout);
  }

  ClientRequest.prototype.setNoDelay = function () {};
  ClientRequest.prototype.setSocketKeepAlive = function () {};
  ClientRequest.prototype.cork = function () {};
  ClientRequest.prototype.uncork = function () {};

  // The headers are fixed here; they reach the wire with the body when end() is called.
  ClientRequest.prototype.flushHeaders = function () {
    if (!this._header) this._header = describeHeaders(this, this[kState].contentLength);
    this.headersSent = true;
  };

  ClientRequest.prototype.write = function (chunk, encoding, callback) {
    if (typeof encoding === 'function') { callback = encoding; encoding = null; }
    var state = this[kState];
    if (this.writableEnded) {
      var ended = errors.make(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
      var self = this;
      nextTick(function () {
        if (typeof callback === 'function') callback(ended);
        self.emit('error', ended);
      });
      return true;
    }
    if (chunk === null) throw errors.make(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
    var buffer = toBuffer(chunk, encoding, 'chunk');
    if (this.destroyed) {
      var destroyed = errors.make(Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed');
      if (typeof callback === 'function') nextTick(callback, destroyed);
      return false;
    }
    if (!state.written && !this._header) state.contentLength = null;
    state.written = true;
    state.chunks.push(buffer);
    if (!this._header) this.flushHeaders();
    // Sent now, as Node writes each chunk to the socket (chunked unless a content-length was set). False when the
    // connection is behind (the host's unsent bytes reach 16 KiB) or, before the socket, when 16 KiB wait here;
    // 'drain' follows once they went out, as in Node.
    var ok;
    if (this.socket && !this.destroyed && state.id !== undefined) {
      ok = pumpBody(this);
    } else {
      var waiting = 0;
      for (var i = 0; i < state.chunks.length; i++) waiting += state.chunks[i].length;
      ok = waiting < 16384;
      if (!ok) state.needDrain = true;
      if (this.socket && !this.destroyed) ok = start(this) && ok;
    }
    if (!ok) state.needDrain = true;
    if (typeof callback === 'function') nextTick(callback);
    return ok;
  };

  ClientRequest.prototype.end = function (chunk, encoding, callback) {
    if (typeof chunk === 'function') { callback = chunk; chunk = null; encoding = null; } else if (typeof encoding === 'function') { callback = encoding; encoding = null; }
    var state = this[kState];
    if (chunk !== null && chunk !== undefined) {
      if (this.writableEnded) {
        var self = this;
        var ended = errors.make(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
        nextTick(function () { if (typeof callback === 'function') callback(ended); self.emit('error', ended); });
        return this;
      }
      var buffer = toBuffer(chunk, encoding, 'chunk');
      if (!this._header) state.contentLength = (state.written ? null : buffer.length);
      state.chunks.push(buffer);
    } else if (!this._header && !state.written) {
      state.contentLength = 0;
    }
    if (typeof callback === 'function') this.once('finish', callback);
    if (this.writableEnded) return this;
    if (!this._header) this._header = describeHeaders(this, state.contentLength);
    this.headersSent = true;
    this.writableEnded = true;
    this.finished = true;
    if (this.socket && !this.destroyed) start(this);
    return this;
  };

  // The headers that go out, in Node's order: the script's, Host and Authorization (set in the constructor),
  // then Connection and the body's framing unless the script set them.
  function outgoingHeaders(req, contentLength) {
    var state = req[kState];
    var flat = [];
    if (state.raw) {
      flat = state.raw.slice();
    } else {
      var list = req[kHeaders] || {};
      for (var key in list) {
        var entry = list[key];
        var values = Array.isArray(entry[1]) ? entry[1] : [entry[1]];
        for (var v = 0; v < values.length; v++) flat.push(entry[0], String(values[v]));
      }
    }
    if (!hasHeaderIn(flat, 'connection')) flat.push('Connection', state.keepAlive ? 'keep-alive' : 'close');
    if (!hasHeaderIn(flat, 'content-length') && !hasHeaderIn(flat, 'transfer-encoding') && req.useChunkedEncodingByDefault) {
      if (typeof contentLength === 'number') flat.push('Content-Length', String(contentLength));
      else flat.push('Transfer-Encoding', 'chunked');
    }
    return flat;
  }

  function describeHeaders(req, contentLength) {
    var flat = outgoingHeaders(req, contentLength);
    var text = req.method + ' ' + req.path + ' HTTP/1.1\r\n';
    for (var i = 0; i + 1 < flat.length; i += 2) text += flat[i] + ': ' + flat[i + 1] + '\r\n';
    return text + '\r\n';
  }

  function hasHeaderIn(flat, name) {
    for (var i = 0; i < flat.length; i += 2) if (String(flat[i]).toLowerCase() === name) return true;
    return false;
  }

  function requestUrl(req) {
    var state = req[kState];
    var host = req.host;
    if (host.indexOf(':') >= 0 && host.charCodeAt(0) !== 91) host = '[' + host + ']';
    var path = req.path.charAt(0) === '/' ? req.path : '/' + req.path;
    var standard = req.protocol === 'https:' ? 443 : 80;
    return req.protocol + '//' + host + (state.port === standard ? '' : ':' + state.port) + path;
  }

  // An https request's TLS settings as Node's agent hands them to tls.connect (the agent's options over the request's;
  // rejectUnauthorized from NODE_TLS_REJECT_UNAUTHORIZED unless given), for the host: null when they are the defaults
  // (the system's roots, the certificate checked), so that such requests share the common connection pool.
  var TLS_OPTION_NAMES = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'secureContext', 'minVersion', 'maxVersion'];
  function tlsOptionsOf(req) {
    var source = req[kState].tlsSource;
    if (!source) return null;
    var merged = Object.assign({}, source, req.agent && req.agent.options);
    if (merged.rejectUnauthorized === undefined) merged.rejectUnauthorized = processModule.env.NODE_TLS_REJECT_UNAUTHORIZED !== '0';
    var custom = merged.rejectUnauthorized === false;
    for (var i = 0; i < TLS_OPTION_NAMES.length && !custom; i++) custom = merged[TLS_OPTION_NAMES[i]] != null;
    if (!custom) return null;
    var host = require('internal/tls_options').hostOptions(merged, req.host);
    delete host.alpn; // the HTTP client offers http/1.1 itself
    delete host.servername; // and names the request's host
    return host;
  }

  // Hands the request to the host once it has a socket and either is complete (end(): the body goes in one piece) or
  // has a body being written (write() before end(): the request starts streaming and each chunk follows as written,
  // end() closes the body). Events come back as macrotasks.
  function start(req) {
    var state = req[kState];
    if (state.started) {
      return state.streaming ? pumpBody(req) : true;
    }
    if (!req.writableEnded) {
      // Node sends a request of a method without a body by default (GET, DELETE, ...) whose writes were all empty
      // with no framing at all (Stripe's retrieve and delete write '' once connected): it waits for end() here
      // instead of going out as a chunked stream.
      var empty = !req.useChunkedEncodingByDefault;
      for (var c = 0; c < state.chunks.length && empty; c++) empty = state.chunks[c].length === 0;
      if (empty) return true;
    }
    state.started = true;
    if (!req.writableEnded) {
      state.streaming = true;
      try {
        state.id = binding.request(req.method, requestUrl(req), outgoingHeaders(req, state.contentLength), null, 'manual', function (kind, a, b, c, d, e) {
          onEvent(req, kind, a, b, c, d, e);
        }, 'node-stream', tlsOptionsOf(req));
      } catch (e) {
        nextTick(function () { failRequest(req, e); });
        return true;
      }
      return pumpBody(req);
    }
    var headers = outgoingHeaders(req, state.contentLength);
    var total = 0;
    for (var i = 0; i < state.chunks.length; i++) total += state.chunks[i].length;
    var body = null;
    if (total > 0 || hasHeaderIn(headers, 'content-length') || hasHeaderIn(headers, 'transfer-encoding')) {
      body = new Uint8Array(Buffer.concat(state.chunks, total));
    }
    state.chunks = [];
    try {
      state.id = binding.request(req.method, requestUrl(req), headers, body, 'manual', function (kind, a, b, c, d, e) {
        onEvent(req, kind, a, b, c, d, e);
      }, 'node', tlsOptionsOf(req));
    } catch (e) {
      // A limit refused the request before it started: reported as Node reports a failed connection.
      nextTick(function () { failRequest(req, e); });
      return true;
    }
    if (req.socket) req.socket.bytesWritten = total;
    return true;
  }

  // Sends what was written since the last call, and the end of the body once end() was called. Returns the last
  // write's result (false: the connection is behind, wait for 'drain').
  function pumpBody(req) {
    var state = req[kState];
    if (state.id === undefined) return true;
    var ok = true;
    try {
      var pending = state.chunks.filter(function (c) { return c.length > 0; });
      for (var i = 0; i < pending.length; i++) {
        // Chunks buffered before the socket past the mark already promised a 'drain': the last one asks for it.
        ok = binding.write(state.id, new Uint8Array(pending[i]), !!state.needDrain && i === pending.length - 1) !== false;
        if (req.socket) req.socket.bytesWritten += pending[i].length;
      }
      state.chunks = [];
      if (req.writableEnded && !state.bodyEnded) {
        state.bodyEnded = true;
        binding.endBody(state.id);
      }
    } catch (e) {
      // Over the request size limit: the request is abandoned and fails as a failed connection does.
      state.chunks = [];
      binding.abort(state.id);
      state.id = undefined;
      nextTick(function () { failRequest(req, e); });
    }
    return ok;
  }

  // 'finish' means the request reached the server: Node emits it once written to a connected socket, before the
  // response; a request that never connected has no 'finish'.
  function finish(req) {
    if (req.writableFinished) return;
    req.writableFinished = true;
    req.emit('prefinish');
    req.emit('finish');
  }

  function onEvent(req, kind, a, b, c, d, e) {
    var state = req[kState];
    var socket = req.socket;
    if (socket) socket._active();
    switch (kind) {
      case 'response': {
        finish(req);
        if (req.destroyed) return;
        var res = new IncomingMessage(socket);
        res.req = req;
        res.statusCode = a;
        res.statusMessage = b || STATUS_CODES[a] || '';
        res.rawHeaders = c;
        res.url = '';
        req.res = res;
        if (socket) {
          socket.remoteAddress = socket.remoteAddress || req.host;
          socket.remotePort = state.port;
          // Node's parser reads the socket ('data') until the response ends cleanly; node-fetch 2 takes a listener
          // still there at the response's close for a body cut short ("Premature close").
          socket.on('data', socketParserListener);
        }
        if (req.method === 'HEAD' || a === 204 || a === 304) state.noBody = true;
        if (!req.emit('response', res)) res._dump();
        break;
      }
      case 'data':
        if (req.res && !state.noBody) {
          if (socket) socket.bytesRead += a.length;
          // Node's parser stops reading the socket when the response's buffer is full; _read resumes it.
          if (!req.res.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength)) && state.id !== undefined && !state.paused) {
            state.paused = true;
            binding.pause(state.id);
          }
        }
        break;
      case 'finish':
        // The streamed body went out to its end: Node's 'finish', before the response.
        finish(req);
        break;
      case 'drain':
        if (state.needDrain) {
          state.needDrain = false;
          if (!req.finished) req.emit('drain');
        }
        break;
      case 'end':
        state.id = undefined;
        if (socket) socket.removeListener('data', socketParserListener);
        if (req.res) {
          req.res.complete = true;
          // A kept-alive socket is freed at the body's end, so the request closes before the response does;
          // with connection: close the socket's close comes after the response's.
          if (state.keepAlive && !hasConnectionClose(req)) req.res.once('end', function () { closeRequest(req); });
          req.res.once('close', function () { closeRequest(req); });
          req.res.push(null);
          if (req.res.destroyed) closeRequest(req);
        } else {
          closeRequest(req);
        }
        break;
      case 'error':
        state.id = undefined;
        failRequest(req, errors.network(a, b, c, d, e));
        break;
    }
  }

  function socketParserListener() {}

  function failRequest(req, error) {
    if (req[kState].closed) return;
    var res = req.res;
    if (res && !res.complete) {
      // As Node's socket listeners: a socket error reaches the request (an 'error' a hook must listen for); a body
      // the server cut short by closing is only the close's part. Then the response is aborted ('aborted', and an
      // 'error' for its listeners only) and the request closes before the response's error and close arrive.
      // A hooks limit (ERR_HOOKS_*) is the response's own error instead, emitted even without listeners, so a hook
      // that reads the body never takes a cut body for a whole one.
      if (isHooksLimit(error)) {
        abortResponse(req, res, error);
        return;
      }
      if (error.code !== 'UND_ERR_SOCKET') req.emit('error', error);
      abortResponse(req, res);
      return;
    }
    req.destroyed = true;
    // The server closed the connection before any response: the request had reached it ('finish'), and Node's http
    // client calls that a hang-up.
    if (error.code === 'UND_ERR_SOCKET') {
      finish(req);
      error = connReset('socket hang up');
    } else if (error.syscall === 'read') {
      finish(req); // reset while the answer was awaited: the request had been written
    }
    req.emit('error', error);
    closeRequest(req);
  }

  function hasConnectionClose(req) {
    var value = req[kState].raw ? null : req.getHeader('connection');
    return typeof value === 'string' && value.toLowerCase() === 'close';
  }

  function closeRequest(req) {
    var state = req[kState];
    if (state.closed) return;
    state.closed = true;
    req.destroyed = true;
    if (req.socket) req.socket._destroyed();
    req.emit('close');
  }

  ClientRequest.prototype.onSocket = function (socket, err) {
    var req = this;
    nextTick(function () {
      if (req.destroyed || err) {
        req.destroyed = true;
        var error = err || req[kState].error;
        if (!req.aborted && !error) error = connReset('socket hang up');
        if (error) req.emit('error', error);
        closeRequest(req);
        return;
      }
      req.socket = socket;
      if (req[kState].timeout !== undefined) armTimeout(req, socket);
      req.emit('socket', socket);
      if (req.writableEnded || req[kState].written) start(req);
      connectSocket(req, socket);
    });
  };

  // The socket's 'connect' (and 'secureConnect' for TLS) on a later turn, as a new connection's: libraries write the
  // body only then (stripe-node 4 waits for 'secureConnect'; later versions check `connecting`). The host connects
  // when the request is sent and buffers what is written before, so nothing waits on the real connection; a request
  // that fails or is destroyed first never connects, as in Node.
  function connectSocket(req, socket) {
    timers.setImmediate(function () {
      if (req.destroyed || socket.destroyed || !socket.connecting) return;
      socket.connecting = false;
      socket._connecting = false;
      socket.emit('connect');
      socket.emit('ready');
      if (socket.encrypted) socket.emit('secureConnect');
    });
  }

  ClientRequest.prototype.abort = function () {
    if (this.aborted) return;
    this.aborted = true;
    var req = this;
    nextTick(function () { req.emit('abort'); });
    this.destroy();
  };

  ClientRequest.prototype.destroy = function (error) {
    if (this.destroyed) return this;
    this.destroyed = true;
    var state = this[kState];
    state.error = error;
    if (state.id !== undefined) {
      binding.abort(state.id);
      state.id = undefined;
    }
    if (!this.socket) return this; // onSocket reports it when the socket arrives
    var req = this;
    var res = this.res;
    nextTick(function () {
      // destroy(err) destroys the socket with it: the request's 'error' (socketErrorListener) comes first.
      if (res && error) req.emit('error', error);
      if (res && !res.complete) {
        abortResponse(req, res);
        return;
      }
      if (!res) req.emit('error', error || connReset('socket hang up'));
      if (req.socket) req.socket._destroyed();
      closeRequest(req);
    });
    return this;
  };

  // Marks a response abortResponse destroys: its own 'aborted' is already emitted and its request closes at once.
  var kClosing = Symbol('kClosing');

  // Node's socketCloseListener for a response not yet complete: 'aborted', the response destroyed with an 'aborted'
  // ECONNRESET (emitted to its 'error' listeners only, on a later tick), the request's close at once.
  function abortResponse(req, res, limitError) {
    res.aborted = true;
    res.emit('aborted');
    res[kClosing] = true;
    res.destroy(limitError || connReset('aborted'));
    if (req.socket) req.socket._destroyed();
    closeRequest(req);
  }

  // ---- IncomingMessage ----

  // Headers whose repeats Node drops (the first value wins).
  var SINGLE = ['content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization', 'proxy-authorization',
    'if-modified-since', 'if-unmodified-since', 'from', 'location', 'max-forwards', 'retry-after', 'etag', 'last-modified',
    'server', 'age', 'expires'];

  function IncomingMessage(socket) {
    Stream.Readable.call(this);
    this._readableState.readingMore = true;
    this.socket = socket;
    this.httpVersionMajor = 1;
    this.httpVersionMinor = 1;
    this.httpVersion = '1.1';
    this.complete = false;
    this.rawHeaders = [];
    this.rawTrailers = [];
    this.joinDuplicateHeaders = false;
    this.aborted = false;
    this.upgrade = false;
    this.url = '';
    this.method = null;
    this.statusCode = null;
    this.statusMessage = null;
    this.client = socket;
    this._consuming = false;
    this._dumped = false;
    this._headersCache = null;
  }
  Object.setPrototypeOf(IncomingMessage.prototype, Stream.Readable.prototype);
  Object.setPrototypeOf(IncomingMessage, Stream.Readable);

  Object.defineProperty(IncomingMessage.prototype, 'connection', {
    configurable: true, enumerable: true,
    get: function () { return this.socket; },
    set: function (value) { this.socket = value; },
  });
  Object.defineProperty(IncomingMessage.prototype, 'headers', {
    configurable: true, enumerable: true,
    get: function () {
      if (!this._headersCache) {
        var out = {};
        var raw = this.rawHeaders;
        for (var i = 0; i + 1 < raw.length; i += 2) addHeaderLine(out, raw[i].toLowerCase(), raw[i + 1], this.joinDuplicateHeaders);
        this._headersCache = out;
      }
      return this._headersCache;
    },
    set: function (value) { this._headersCache = value; },
  });
  Object.defineProperty(IncomingMessage.prototype, 'headersDistinct', {
    configurable: true, enumerable: true,
    get: function () {
      var out = {};
      var raw = this.rawHeaders;
      for (var i = 0; i + 1 < raw.length; i += 2) {
        var key = raw[i].toLowerCase();
        (out[key] || (out[key] = [])).push(raw[i + 1]);
      }
      return out;
    },
  });
  Object.defineProperty(IncomingMessage.prototype, 'trailers', {
    configurable: true, enumerable: true, get: function () { return {}; }, set: function () {},
  });
  Object.defineProperty(IncomingMessage.prototype, 'trailersDistinct', {
    configurable: true, enumerable: true, get: function () { return {}; },
  });

  function addHeaderLine(dest, key, value, join) {
    if (key === 'set-cookie') {
      (dest[key] || (dest[key] = [])).push(value);
    } else if (dest[key] === undefined) {
      dest[key] = value;
    } else if (key === 'cookie') {
      dest[key] += '; ' + value;
    } else if (join || SINGLE.indexOf(key) < 0) {
      dest[key] += ', ' + value;
    }
  }

  IncomingMessage.prototype._read = function () {
    this._consuming = true;
    var state = this.req && this.req[kState];
    if (state && state.paused) {
      state.paused = false;
      if (state.id !== undefined) binding.resume(state.id);
    }
  };
  IncomingMessage.prototype._dump = function () {
    if (!this._dumped) {
      this._dumped = true;
      this.removeAllListeners('data');
      this.resume();
    }
  };
  IncomingMessage.prototype.setTimeout = function (msecs, callback) {
    if (callback) this.on('timeout', callback);
    if (this.socket) this.socket.setTimeout(msecs);
    return this;
  };
  IncomingMessage.prototype._destroy = function (error, callback) {
    var req = this.req;
    // The hook's own res.destroy(err) destroys the socket with it: the request hears that error (socketErrorListener).
    var toRequest = error && !this[kClosing] && req && !req[kState].closed ? error : null;
    if (!this.readableEnded || !this.complete) {
      this.aborted = true;
      if (!this[kClosing]) this.emit('aborted');
      if (req && !req.destroyed) {
        req.destroyed = true;
        var state = req[kState];
        if (state.id !== undefined) { binding.abort(state.id); state.id = undefined; }
        this.once('close', function () { closeRequest(req); });
      }
    }
    // Node emits a response's error only when it has listeners at that point, a tick later (IncomingMessage's onError,
    // "backward compatible"); a hooks limit is emitted regardless.
    var self = this;
    nextTick(function () {
      if (toRequest) req.emit('error', toRequest);
      callback(error && (self.listenerCount('error') > 0 || isHooksLimit(error)) ? error : null);
    });
  };

  function isHooksLimit(error) {
    return typeof error.code === 'string' && error.code.indexOf('ERR_HOOKS_') === 0;
  }

  // ---- the modules ----

  function refusedServer(protocol) {
    return function () {
      throw errors.make(Error, 'ERR_HOOKS_MODULE_REFUSED', protocol + '.createServer(): hooks may not listen for connections');
    };
  }

  // A server object can be made (SDKs read a fresh server's defaults at load: telnyx takes
  // http.createServer().timeout), with Node's defaults; listening is what hooks may not do.
  function serverClass(protocol) {
    function Server(options, requestListener) {
      if (!(this instanceof Server)) return new Server(options, requestListener);
      EE.call(this);
      if (typeof options === 'function') requestListener = options;
      if (typeof requestListener === 'function') this.on('request', requestListener);
      this.timeout = 0;
      this.maxHeadersCount = null;
      this.maxRequestsPerSocket = 0;
      var given = options !== null && typeof options === 'object' ? options : {};
      this.requestTimeout = typeof given.requestTimeout === 'number' ? given.requestTimeout : 300000;
      this.headersTimeout = typeof given.headersTimeout === 'number' ? given.headersTimeout : Math.min(60000, this.requestTimeout);
      this.keepAliveTimeout = typeof given.keepAliveTimeout === 'number' ? given.keepAliveTimeout : 5000;
      this.listening = false;
    }
    Object.setPrototypeOf(Server.prototype, EE.prototype);
    Object.setPrototypeOf(Server, EE);
    Server.prototype.listen = function listen() {
      throw errors.make(Error, 'ERR_HOOKS_MODULE_REFUSED', protocol + '.Server.listen(): hooks may not listen for connections');
    };
    Server.prototype.close = function close(callback) {
      if (typeof callback === 'function') {
        processModule.nextTick(callback, errors.make(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.'));
      }
      return this;
    };
    Server.prototype.address = function address() { return null; };
    Server.prototype.setTimeout = function setTimeout(msecs, callback) {
      this.timeout = msecs;
      if (typeof callback === 'function') this.on('timeout', callback);
      return this;
    };
    Server.prototype.ref = function ref() { return this; };
    Server.prototype.unref = function unref() { return this; };
    Server.prototype.closeAllConnections = function closeAllConnections() {};
    Server.prototype.closeIdleConnections = function closeIdleConnections() {};
    Server.prototype.getConnections = function getConnections(callback) {
      if (typeof callback === 'function') processModule.nextTick(callback, null, 0);
      return this;
    };
    return Server;
  }
  var HttpServer = serverClass('http');
  var HttpsServer = serverClass('https');

  function OutgoingMessage() {
    throw errors.make(Error, 'ERR_HOOKS_MODULE_REFUSED', 'http.OutgoingMessage: only ClientRequest (http.request) is available to hooks');
  }

  var maxHeaderSize = 16384;

  function request(url, options, cb) {
    return new ClientRequest(url, options, cb);
  }

  function get(url, options, cb) {
    var req = request(url, options, cb);
    req.end();
    return req;
  }

  var http = {
    _connectionListener: undefined,
    METHODS: METHODS.slice(),
    STATUS_CODES: STATUS_CODES,
    Agent: Agent,
    ClientRequest: ClientRequest,
    IncomingMessage: IncomingMessage,
    OutgoingMessage: OutgoingMessage,
    Server: HttpServer,
    ServerResponse: refusedServer('http'),
    createServer: function createServer(options, requestListener) { return new HttpServer(options, requestListener); },
    validateHeaderName: function (name, label) { validateHeaderName(name, label); },
    validateHeaderValue: function (name, value) { validateHeaderValue(name, value); },
    get: get,
    request: request,
    setMaxIdleHTTPParsers: function (max) { errors.validateNumber(max, 'max'); },
    maxHeaderSize: maxHeaderSize,
    globalAgent: globalAgent,
  };
  delete http._connectionListener;

  function httpsRequest() {
    var args = Array.prototype.slice.call(arguments);
    var options = {};
    if (typeof args[0] === 'string') {
      options = urlModule.urlToHttpOptions(new urlModule.URL(args.shift()));
    } else if (isURL(args[0])) {
      options = urlModule.urlToHttpOptions(args.shift());
    }
    if (args[0] && typeof args[0] !== 'function') Object.assign(options, args.shift());
    options._defaultAgent = https.globalAgent;
    return new ClientRequest(options, args[0]);
  }

  var https = {
    Agent: HttpsAgent,
    globalAgent: httpsGlobalAgent,
    Server: HttpsServer,
    createServer: function createServer(options, requestListener) { return new HttpsServer(options, requestListener); },
    get: function () {
      var req = httpsRequest.apply(null, arguments);
      req.end();
      return req;
    },
    request: httpsRequest,
  };

  return { http: http, https: https };
})
