// The WHATWG fetch family as Node 20 (undici) has it: `fetch`, `Headers`, `Request`, `Response`, `FormData`, `Blob`,
// `File`. The network is the host's (`binding`, Execution/Http/FetchBinding.cs): `binding.request(...)` starts a
// request on the shared transport and returns its id; its events (`response`, `data`, `end`, `error`) arrive later
// as event-loop callbacks on this engine. Only strings, numbers and Uint8Arrays cross the binding.
(function (require, binding) {
  'use strict';
  var DOMException = require('internal/dom_exception').DOMException;
  var errors = require('internal/errors');
  var abortModule = require('internal/abort_controller');
  var AbortSignal = abortModule.AbortSignal;
  var AbortController = abortModule.AbortController;
  var urlModule = require('url');
  var processModule = require('process');
  var URL = urlModule.URL;
  var URLSearchParams = urlModule.URLSearchParams;

  var encode = binding.encode; // string -> Uint8Array (UTF-8)
  var decode = binding.decode; // Uint8Array -> string (UTF-8, BOM dropped)

  var TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

  function webidlError(context, message) { return new TypeError(context + ': ' + message); }

  function toBytes(view) {
    return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
  }

  function concat(chunks) {
    var total = 0;
    for (var i = 0; i < chunks.length; i++) total += chunks[i].length;
    if (chunks.length === 1) return chunks[0];
    var out = new Uint8Array(total);
    var offset = 0;
    for (var j = 0; j < chunks.length; j++) { out.set(chunks[j], offset); offset += chunks[j].length; }
    return out;
  }

  // ---- Headers -------------------------------------------------------------------------------------------------

  function normalizeValue(value) {
    return String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  }

  // WebIDL's ByteString, which header names and values are converted to first: Latin-1 goes out as its bytes, a
  // character above 255 is a TypeError in undici's words.
  function byteString(value, method, argument) {
    if (typeof value === 'symbol') throw new TypeError(method + ': ' + argument + ' is a symbol, which cannot be converted to a DOMString.');
    var text = String(value);
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      if (code > 255) {
        throw new TypeError('Cannot convert argument to a ByteString because the character at index ' + i + ' has a value of ' + code + ' which is greater than 255.');
      }
    }
    return text;
  }

  var headersList, headersGuard, guardOf;

  class Headers {
    #list = []; // [lowerName, value] pairs in insertion order
    #guard = 'none';
    constructor(init) {
      if (init === undefined || init === null) {
        if (init === null) throw new TypeError("Headers constructor: Expected init to be either a sequence or a record.");
        return;
      }
      if (typeof init !== 'object' && typeof init !== 'function') {
        throw new TypeError("Headers constructor: Expected init (\"" + String(init) + "\") to be an instance of Sequence or Record.");
      }
      if (init instanceof Headers) {
        var list = init.#list;
        for (var k = 0; k < list.length; k++) this.#list.push([list[k][0], list[k][1]]);
        return;
      }
      if (typeof init[Symbol.iterator] === 'function') {
        for (var pair of init) {
          var items = typeof pair === 'string' ? null : Array.from(pair);
          if (!items || items.length !== 2) throw new TypeError('Headers constructor: expected name/value pair to be length 2, found ' + (items ? items.length : 0) + '.');
          this.append(items[0], items[1]);
        }
        return;
      }
      var keys = Object.keys(init);
      for (var i = 0; i < keys.length; i++) this.append(keys[i], init[keys[i]]);
    }
    #check(method, name, value) {
      name = String(name);
      if (!TOKEN.test(name)) throw webidlError('Headers.' + method, '"' + name + '" is an invalid header name.');
      if (value !== undefined && /[\0\r\n]/.test(value)) throw webidlError('Headers.' + method, '"' + value + '" is an invalid header value.');
      if (this.#guard === 'immutable') throw new TypeError('immutable');
      return name.toLowerCase();
    }
    append(name, value) {
      if (arguments.length < 2) throw new TypeError('Headers.append: 2 arguments required, but only ' + arguments.length + ' present.');
      name = byteString(name, 'Headers.append', 'name');
      value = normalizeValue(byteString(value, 'Headers.append', 'value'));
      this.#list.push([this.#check('append', name, value), value]);
    }
    delete(name) {
      var lower = this.#check('delete', byteString(name, 'Headers.delete', 'name'));
      this.#list = this.#list.filter(function (p) { return p[0] !== lower; });
    }
    get(name) {
      var lower = byteString(name, 'Headers.get', 'name').toLowerCase();
      if (!TOKEN.test(lower)) throw webidlError('Headers.get', '"' + name + '" is an invalid header name.');
      var values = [];
      for (var i = 0; i < this.#list.length; i++) if (this.#list[i][0] === lower) values.push(this.#list[i][1]);
      return values.length === 0 ? null : values.join(', ');
    }
    getSetCookie() {
      return this.#list.filter(function (p) { return p[0] === 'set-cookie'; }).map(function (p) { return p[1]; });
    }
    has(name) {
      var lower = byteString(name, 'Headers.has', 'name').toLowerCase();
      if (!TOKEN.test(lower)) throw webidlError('Headers.has', '"' + name + '" is an invalid header name.');
      return this.#list.some(function (p) { return p[0] === lower; });
    }
    set(name, value) {
      if (arguments.length < 2) throw new TypeError('Headers.set: 2 arguments required, but only ' + arguments.length + ' present.');
      name = byteString(name, 'Headers.set', 'name');
      value = normalizeValue(byteString(value, 'Headers.set', 'value'));
      var lower = this.#check('set', name, value);
      var index = -1;
      this.#list = this.#list.filter(function (p, i) {
        if (p[0] !== lower) return true;
        if (index < 0) { index = i; return true; }
        return false;
      });
      if (index < 0) this.#list.push([lower, value]); else this.#list[index] = [lower, value];
    }
    #sorted() {
      var names = [];
      for (var i = 0; i < this.#list.length; i++) if (names.indexOf(this.#list[i][0]) < 0) names.push(this.#list[i][0]);
      names.sort();
      var out = [];
      for (var j = 0; j < names.length; j++) {
        if (names[j] === 'set-cookie') {
          var cookies = this.getSetCookie();
          for (var c = 0; c < cookies.length; c++) out.push(['set-cookie', cookies[c]]);
        } else {
          out.push([names[j], this.get(names[j])]);
        }
      }
      return out;
    }
    forEach(callback, thisArg) {
      if (typeof callback !== 'function') throw new TypeError("Headers.forEach: Argument 1 could not be converted to: Function.");
      var entries = this.#sorted();
      for (var i = 0; i < entries.length; i++) callback.call(thisArg, entries[i][1], entries[i][0], this);
    }
    keys() { return this.#sorted().map(function (p) { return p[0]; }).values(); }
    values() { return this.#sorted().map(function (p) { return p[1]; }).values(); }
    entries() { return this.#sorted().values(); }
    [Symbol.iterator]() { return this.entries(); }
    [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
      var record = {};
      this.#sorted().forEach(function (p) { record[p[0]] = p[1]; });
      return 'Headers ' + inspect(record, options);
    }
    static {
      headersList = function (h) { return h.#list; };
      headersGuard = function (h, guard) { h.#guard = guard; };
      guardOf = function (h) { return h.#guard; };
    }
  }
  Object.defineProperty(Headers.prototype, Symbol.toStringTag, { value: 'Headers', configurable: true });

  function fillHeaders(headers, init) {
    if (init === undefined) return;
    var source = new Headers(init);
    headersList(source).forEach(function (p) { headers.append(p[0], p[1]); });
  }

  // ---- Blob, File, FormData ------------------------------------------------------------------------------------

  var blobBytes;

  class Blob {
    #bytes; #type;
    constructor(parts, options) {
      var chunks = [];
      if (parts !== undefined) {
        if (parts === null || typeof parts !== 'object' || typeof parts[Symbol.iterator] !== 'function') {
          throw new TypeError("Blob constructor: Argument 1 can't be converted to a sequence.");
        }
        for (var part of parts) {
          if (part instanceof Blob) chunks.push(part.#bytes);
          else if (part instanceof ArrayBuffer) chunks.push(new Uint8Array(part.slice(0)));
          else if (ArrayBuffer.isView(part)) chunks.push(toBytes(part));
          else chunks.push(encode(String(part)));
        }
      }
      this.#bytes = concat(chunks.length ? chunks : [new Uint8Array(0)]);
      var type = options && options.type !== undefined ? String(options.type) : '';
      this.#type = /^[\x20-\x7E]*$/.test(type) ? type.toLowerCase() : '';
    }
    get size() { return this.#bytes.length; }
    get type() { return this.#type; }
    slice(start, end, type) {
      var size = this.#bytes.length;
      var from = start === undefined ? 0 : start < 0 ? Math.max(size + start, 0) : Math.min(start, size);
      var to = end === undefined ? size : end < 0 ? Math.max(size + end, 0) : Math.min(end, size);
      return new Blob([this.#bytes.slice(from, Math.max(from, to))], { type: type === undefined ? '' : type });
    }
    text() { return Promise.resolve(decode(this.#bytes)); }
    arrayBuffer() { return Promise.resolve(this.#bytes.slice().buffer); }
    static { blobBytes = function (b) { return b.#bytes; }; }
  }
  Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: 'Blob', configurable: true });

  class File extends Blob {
    #name; #lastModified;
    constructor(bits, name, options) {
      if (arguments.length < 2) throw new TypeError('File constructor: 2 arguments required, but only ' + arguments.length + ' present.');
      super(bits, options);
      this.#name = String(name);
      this.#lastModified = options && options.lastModified !== undefined ? Number(options.lastModified) : Date.now();
    }
    get name() { return this.#name; }
    get lastModified() { return this.#lastModified; }
  }
  Object.defineProperty(File.prototype, Symbol.toStringTag, { value: 'File', configurable: true });

  var formEntries;

  function toEntryValue(value, filename) {
    if (value instanceof Blob) {
      if (!(value instanceof File) || filename !== undefined) {
        return new File([value], filename !== undefined ? String(filename) : value instanceof File ? value.name : 'blob', { type: value.type });
      }
      return value;
    }
    return String(value);
  }

  class FormData {
    #entries = [];
    constructor(form) {
      if (form !== undefined) throw new TypeError("FormData constructor: Argument 1 is not of type 'HTMLFormElement'.");
    }
    append(name, value, filename) {
      if (arguments.length < 2) throw new TypeError('FormData.append: 2 arguments required, but only ' + arguments.length + ' present.');
      this.#entries.push([String(name), toEntryValue(value, filename)]);
    }
    delete(name) { name = String(name); this.#entries = this.#entries.filter(function (e) { return e[0] !== name; }); }
    get(name) { name = String(name); for (var i = 0; i < this.#entries.length; i++) if (this.#entries[i][0] === name) return this.#entries[i][1]; return null; }
    getAll(name) { name = String(name); return this.#entries.filter(function (e) { return e[0] === name; }).map(function (e) { return e[1]; }); }
    has(name) { name = String(name); return this.#entries.some(function (e) { return e[0] === name; }); }
    set(name, value, filename) {
      if (arguments.length < 2) throw new TypeError('FormData.set: 2 arguments required, but only ' + arguments.length + ' present.');
      name = String(name);
      var entry = [name, toEntryValue(value, filename)];
      var index = -1;
      this.#entries = this.#entries.filter(function (e, i) {
        if (e[0] !== name) return true;
        if (index < 0) { index = i; return true; }
        return false;
      });
      if (index < 0) this.#entries.push(entry); else this.#entries[index] = entry;
    }
    forEach(callback, thisArg) {
      var entries = this.#entries.slice();
      for (var i = 0; i < entries.length; i++) callback.call(thisArg, entries[i][1], entries[i][0], this);
    }
    keys() { return this.#entries.map(function (e) { return e[0]; }).values(); }
    values() { return this.#entries.map(function (e) { return e[1]; }).values(); }
    entries() { return this.#entries.map(function (e) { return [e[0], e[1]]; }).values(); }
    [Symbol.iterator]() { return this.entries(); }
    static { formEntries = function (f) { return f.#entries; }; }
  }
  Object.defineProperty(FormData.prototype, Symbol.toStringTag, { value: 'FormData', configurable: true });

  function escapeName(name) {
    return name.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
  }

  function multipart(form) {
    var boundary = '----formdata-undici-0' + String(Math.floor(Math.random() * 1e11)).padStart(11, '0');
    var chunks = [];
    formEntries(form).forEach(function (entry) {
      var head = '--' + boundary + '\r\nContent-Disposition: form-data; name="' + escapeName(entry[0]) + '"';
      if (typeof entry[1] === 'string') {
        chunks.push(encode(head + '\r\n\r\n' + entry[1].replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n') + '\r\n'));
      } else {
        chunks.push(encode(head + '; filename="' + escapeName(entry[1].name) + '"\r\nContent-Type: ' + (entry[1].type || 'application/octet-stream') + '\r\n\r\n'));
        chunks.push(blobBytes(entry[1]));
        chunks.push(encode('\r\n'));
      }
    });
    chunks.push(encode('--' + boundary + '--\r\n'));
    return { bytes: concat(chunks), type: 'multipart/form-data; boundary=' + boundary };
  }

  // ---- Bodies --------------------------------------------------------------------------------------------------

  // A body is a source of bytes: complete (from a constructor) or arriving (from the network), read at most once.
  function BodySource(bytes) {
    this.chunks = bytes ? [bytes] : [];
    this.done = !!bytes;
    this.error = null;
    this.waiters = [];
    this.readers = []; // told of every new chunk (a body stream waiting in pull)
    this.clones = [];
    this.cancel = null; // set by fetch: stops the network request when the body stream is cancelled
    this.flow = null; // set by fetch: { pause, resume } of the network request (backpressure)
    this.buffered = 0; // bytes arrived and not yet handed to the body stream
    this.paused = false;
  }
  // Unread bytes past which the connection is paused until the body stream takes some (undici's socket pause).
  var BODY_HIGH_WATER = 64 * 1024;
  BodySource.prototype.push = function (chunk) {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    // Not while something waits for the whole body (text(), json(), ...) or a clone shares the chunks.
    if (this.flow && !this.paused && this.buffered >= BODY_HIGH_WATER && !this.waiters.length && !this.clones.length) {
      this.paused = true;
      this.flow.pause();
    }
    this.clones.forEach(function (c) { c.push(chunk); });
    var readers = this.readers;
    this.readers = [];
    readers.forEach(function (r) { r(); });
  };
  BodySource.prototype.finish = function (error) {
    if (this.done) return;
    this.done = true;
    this.error = error || null;
    var waiters = this.waiters.concat(this.readers);
    this.waiters = [];
    this.readers = [];
    waiters.forEach(function (w) { w(); });
    this.clones.forEach(function (c) { c.finish(error); });
  };
  BodySource.prototype.taken = function (length) {
    this.buffered -= length;
    if (this.paused && this.buffered < BODY_HIGH_WATER) this.unpause();
  };
  BodySource.prototype.unpause = function () {
    if (!this.paused) return;
    this.paused = false;
    if (this.flow) this.flow.resume();
  };
  BodySource.prototype.whenDone = function () {
    var self = this;
    self.unpause();
    return new Promise(function (resolve, reject) {
      var settle = function () { if (self.error) reject(self.error); else resolve(concat(self.chunks.length ? self.chunks : [new Uint8Array(0)])); };
      if (self.done) settle(); else self.waiters.push(settle);
    });
  };
  BodySource.prototype.tee = function () {
    var copy = new BodySource(null);
    copy.chunks = this.chunks.slice();
    if (this.done) { copy.done = true; copy.error = this.error; } else this.clones.push(copy);
    return copy;
  };

  var webstreamsModule;
  function webstreams() { return webstreamsModule || (webstreamsModule = require('internal/webstreams')); }
  function isReadableStream(value) {
    return value !== null && typeof value === 'object' && typeof value.getReader === 'function' && webstreams().internal.isReadableStream(value);
  }

  // All of a body stream's bytes (each chunk must be a Uint8Array, as undici requires).
  function readAll(stream) {
    var reader = stream.getReader();
    var chunks = [];
    function next() {
      return reader.read().then(function (result) {
        if (result.done) return concat(chunks.length ? chunks : [new Uint8Array(0)]);
        if (!(result.value instanceof Uint8Array)) throw new TypeError('Received non-Uint8Array chunk');
        chunks.push(result.value);
        return next();
      });
    }
    return next();
  }

  // The body's ReadableStream over a BodySource: a byte stream (as undici's), each pull delivering the next chunk
  // as it arrives from the network; cancelling it stops the request.
  function makeStream(state) {
    var source = state.source;
    var index = 0;
    var ReadableStream = webstreams().ReadableStream;
    return new ReadableStream({
      type: 'bytes',
      pull: function (controller) {
        return new Promise(function (resolve) {
          var step = function () {
            if (source.error) { controller.error(source.error); resolve(); return; }
            while (index < source.chunks.length) {
              var chunk = source.chunks[index];
              // Delivered chunks are dropped: once the stream exists, the body is read through it only.
              source.chunks[index++] = null;
              source.taken(chunk.length);
              if (chunk.length > 0) { controller.enqueue(chunk); resolve(); return; }
            }
            if (source.done) { controller.close(); resolve(); return; }
            source.readers.push(step);
          };
          step();
        });
      },
      cancel: function (reason) {
        if (source.cancel) source.cancel(reason);
        source.finish(null);
      },
    });
  }

  function extractBody(init) {
    if (init === null || init === undefined) return null;
    if (isReadableStream(init)) {
      var web = webstreams().internal;
      if (web.isDisturbed(init) || web.isLocked(init)) throw new TypeError('Response body object should not be disturbed or locked');
      return { stream: init, bytes: null, type: null };
    }
    if (typeof init === 'string') return { bytes: encode(init), type: 'text/plain;charset=UTF-8' };
    if (init instanceof URLSearchParams) return { bytes: encode(init.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
    if (init instanceof ArrayBuffer) return { bytes: new Uint8Array(init.slice(0)), type: null };
    if (ArrayBuffer.isView(init)) return { bytes: toBytes(init), type: null };
    if (init instanceof Blob) return { bytes: blobBytes(init), type: init.type || null };
    if (init instanceof FormData) return multipart(init);
    return { bytes: encode(String(init)), type: 'text/plain;charset=UTF-8' };
  }

  var bodyState;

  // The Body mixin of Request and Response, over a BodySource kept in a module-private WeakMap.
  // (A private field of each class rather than a WeakMap: no weak-table entry per Request/Response.)
  var requestBody, responseBody;
  function bodyOf(self) {
    if (self === null || (typeof self !== 'object' && typeof self !== 'function')) return undefined;
    var state = requestBody(self);
    return state !== undefined ? state : responseBody(self);
  }

  function consume(self, convert) {
    var state = bodyOf(self);
    if (!state) return Promise.reject(new TypeError('Illegal invocation'));
    if (isUsed(state) || (state.stream && webstreams().internal.isLocked(state.stream))) {
      return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    }
    state.used = true;
    if (state.stream) return readAll(state.stream).then(convert);
    if (!state.source) return Promise.resolve(new Uint8Array(0)).then(convert);
    return state.source.whenDone().then(convert);
  }

  function isUsed(state) { return !!(state.used || (state.stream && webstreams().internal.isDisturbed(state.stream))); }
  function hasBody(state) { return !!(state.source || state.stream); }

  // A copy of a body for clone(): a stream is teed (this body keeps one branch), a source shares its chunks.
  function cloneBody(state) {
    if (state.stream) {
      var branches = state.stream.tee();
      state.stream = branches[0];
      return { used: false, source: null, stream: branches[1] };
    }
    return { used: false, source: state.source ? state.source.tee() : null, stream: null };
  }

  var BodyMixin = {
    get bodyUsed() { var s = bodyOf(this); return !!(s && isUsed(s)); },
    get body() {
      var s = bodyOf(this);
      if (!s || !hasBody(s)) return null;
      return s.stream || (s.stream = makeStream(s));
    },
    text() { return consume(this, decode); },
    json() { return consume(this, function (b) { return JSON.parse(decode(b)); }); },
    arrayBuffer() { return consume(this, function (b) { return b.slice().buffer; }); },
    blob() {
      var type = this.headers.get('content-type') || '';
      return consume(this, function (b) { return new Blob([b], { type: type }); });
    },
    formData() {
      var type = this.headers.get('content-type') || '';
      return consume(this, function (b) {
        if (/^application\/x-www-form-urlencoded/i.test(type)) {
          var form = new FormData();
          new URLSearchParams(decode(b)).forEach(function (v, k) { form.append(k, v); });
          return form;
        }
        throw new TypeError('Response.formData: only application/x-www-form-urlencoded bodies are supported by HooksDashboard');
      });
    },
  };

  function mixBody(Class) {
    Object.getOwnPropertyNames(BodyMixin).forEach(function (name) {
      Object.defineProperty(Class.prototype, name, Object.assign(Object.getOwnPropertyDescriptor(BodyMixin, name), { enumerable: false }));
    });
  }

  // ---- Request -------------------------------------------------------------------------------------------------

  // The WHATWG URL parse of a request's URL, remembered per engine (a warm engine serves many invocations, which
  // usually fetch the same few URLs): parsing is a pure function of the string, and the JS parser is most of what a
  // Request costs. Failures are not remembered (they throw as before).
  var parsedUrls = new Map();
  var MAX_PARSED_URLS = 64;
  function parseRequestUrl(input) {
    var text = String(input);
    var hit = parsedUrls.get(text);
    if (hit !== undefined) return hit;
    var parsed;
    try {
      parsed = new URL(text);
    } catch (e) {
      throw new TypeError('Failed to parse URL from ' + String(input), { cause: e });
    }
    if (parsed.username || parsed.password) {
      throw new TypeError('Request cannot be constructed from a URL that includes credentials: ' + String(input));
    }
    var entry = { href: parsed.href, port: parsed.port };
    if (parsedUrls.size >= MAX_PARSED_URLS) parsedUrls.clear();
    parsedUrls.set(text, entry);
    return entry;
  }

  var NORMALIZED = { DELETE: 'DELETE', GET: 'GET', HEAD: 'HEAD', OPTIONS: 'OPTIONS', POST: 'POST', PUT: 'PUT' };
  var FORBIDDEN_METHODS = ['CONNECT', 'TRACE', 'TRACK'];
  var requestState;

  class Request {
    #method; #url; #port; #headers; #redirect; #signal; #controller; #init; #body;
    constructor(input, init) {
      if (arguments.length < 1) throw new TypeError('Request constructor: 1 argument required, but only 0 present.');
      init = init === undefined || init === null ? {} : init;
      var source = input instanceof Request ? input : null;
      if (source) {
        this.#url = source.#url;
        this.#port = source.#port;
        this.#method = source.#method;
        this.#redirect = source.#redirect;
      } else {
        var parsed = parseRequestUrl(input);
        this.#url = parsed.href;
        this.#port = parsed.port;
        this.#method = 'GET';
        this.#redirect = 'follow';
      }
      if (init.method !== undefined) {
        var method = String(init.method);
        if (!TOKEN.test(method)) throw new TypeError("'" + method + "' is not a valid HTTP method.");
        var upper = method.toUpperCase();
        if (FORBIDDEN_METHODS.indexOf(upper) >= 0) throw new TypeError("'" + method + "' HTTP method is unsupported.");
        this.#method = NORMALIZED[upper] || method;
      }
      if (init.redirect !== undefined) {
        var redirect = String(init.redirect);
        if (['follow', 'manual', 'error'].indexOf(redirect) < 0) {
          throw new TypeError("Request constructor: " + redirect + " is not an accepted type. Expected one of follow, manual, error.");
        }
        this.#redirect = redirect;
      }
      var signal = init.signal !== undefined ? init.signal : source ? source.#signal : undefined;
      if (signal !== undefined && signal !== null && !(signal instanceof AbortSignal)) {
        throw new TypeError("Request constructor: Expected signal (\"" + String(signal) + "\") to be an instance of AbortSignal.");
      }
      // The request's own signal follows the given one. Without one nothing can abort it, so it is made only when
      // the script reads `signal` (fetch then has nothing to listen to).
      if (signal) {
        var controller = this.#controller = new AbortController();
        this.#signal = controller.signal;
        if (signal.aborted) controller.abort(signal.reason);
        else signal.addEventListener('abort', function () { controller.abort(signal.reason); }, { once: true });
      }
      this.#headers = new Headers();
      if (init.headers !== undefined) fillHeaders(this.#headers, init.headers);
      else if (source) fillHeaders(this.#headers, source.#headers);
      var givenBody = init.body !== undefined && init.body !== null;
      if ((givenBody || (source && hasBody(bodyOf(source)) && init.body === undefined)) && (this.#method === 'GET' || this.#method === 'HEAD')) {
        throw new TypeError('Request with GET/HEAD method cannot have body.');
      }
      var state = { used: false, source: null, stream: null };
      if (givenBody) {
        var extracted = extractBody(init.body);
        if (extracted.stream && init.duplex === undefined) throw new TypeError('RequestInit: duplex option is required when sending a body.');
        if (extracted.stream && String(init.duplex) !== 'half') {
          throw new TypeError("RequestInit: Expected duplex (\"" + String(init.duplex) + "\") to be one of: half.");
        }
        if (extracted.stream) state.stream = extracted.stream; else state.source = new BodySource(extracted.bytes);
        if (extracted.type && !this.#headers.has('content-type')) this.#headers.append('content-type', extracted.type);
      } else if (source && init.body === undefined) {
        var sourceState = bodyOf(source);
        if (isUsed(sourceState)) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
        state.source = sourceState.source;
        state.stream = sourceState.stream;
        if (hasBody(sourceState)) sourceState.used = true;
      }
      this.#body = state;
      this.#init = {
        cache: init.cache !== undefined ? String(init.cache) : 'default',
        credentials: init.credentials !== undefined ? String(init.credentials) : 'same-origin',
        mode: init.mode !== undefined ? String(init.mode) : 'cors',
        keepalive: !!init.keepalive,
        referrer: 'about:client',
        referrerPolicy: init.referrerPolicy !== undefined ? String(init.referrerPolicy) : '',
        integrity: init.integrity !== undefined ? String(init.integrity) : '',
      };
    }
    get method() { return this.#method; }
    get url() { return this.#url; }
    get headers() { return this.#headers; }
    get redirect() { return this.#redirect; }
    get signal() {
      if (this.#signal === undefined) {
        this.#controller = new AbortController();
        this.#signal = this.#controller.signal;
      }
      return this.#signal;
    }
    get destination() { return ''; }
    get cache() { return this.#init.cache; }
    get credentials() { return this.#init.credentials; }
    get mode() { return this.#init.mode; }
    get keepalive() { return this.#init.keepalive; }
    get referrer() { return this.#init.referrer; }
    get referrerPolicy() { return this.#init.referrerPolicy; }
    get integrity() { return this.#init.integrity; }
    get duplex() { return 'half'; }
    clone() {
      var state = bodyOf(this);
      if (isUsed(state)) throw new TypeError('Request.clone: Body has already been consumed.');
      var copy = new Request(this, { body: null });
      copy.#body = cloneBody(state);
      return copy;
    }
    static {
      // signal: null when the request has none that can abort (see the constructor).
      requestState = function (r) { return { method: r.#method, url: r.#url, port: r.#port, headers: r.#headers, redirect: r.#redirect, signal: r.#signal || null }; };
      requestBody = function (r) { return #body in r ? r.#body : undefined; };
    }
  }
  mixBody(Request);
  Object.defineProperty(Request.prototype, Symbol.toStringTag, { value: 'Request', configurable: true });

  // ---- Response ------------------------------------------------------------------------------------------------

  var makeResponse;
  var INTERNAL = {}; // makeResponse's constructor argument: fields set by makeResponse, nothing validated

  class Response {
    #status; #statusText; #headers; #rawHeaders; #guard; #type; #url; #redirected; #body;
    constructor(body, init) {
      if (body === INTERNAL) return;
      init = init === undefined || init === null ? {} : init;
      var status = init.status !== undefined ? Number(init.status) : 200;
      if (!(status >= 200 && status <= 599) || Math.trunc(status) !== status) {
        throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
      }
      var statusText = init.statusText !== undefined ? String(init.statusText) : '';
      if (/[^\t\x20-\x7E\x80-\xFF]/.test(statusText)) throw new TypeError('Invalid statusText');
      this.#status = status;
      this.#statusText = statusText;
      this.#headers = new Headers();
      if (init.headers !== undefined) fillHeaders(this.#headers, init.headers);
      this.#type = 'default';
      this.#url = '';
      this.#redirected = false;
      var state = { used: false, source: null, stream: null };
      if (body !== undefined && body !== null) {
        if (status === 101 || status === 204 || status === 205 || status === 304) {
          throw new TypeError('Response constructor: Invalid response status code ' + status);
        }
        var extracted = extractBody(body);
        if (extracted.stream) state.stream = extracted.stream; else state.source = new BodySource(extracted.bytes);
        if (extracted.type && !this.#headers.has('content-type')) this.#headers.append('content-type', extracted.type);
      }
      this.#body = state;
    }
    get type() { return this.#type; }
    get url() { return this.#url; }
    get redirected() { return this.#redirected; }
    get status() { return this.#status; }
    get ok() { return this.#status >= 200 && this.#status <= 299; }
    get statusText() { return this.#statusText; }
    get headers() {
      // A response from the network keeps the host's flat name/value list until its headers are first read.
      if (this.#headers === undefined) {
        var headers = new Headers();
        var list = headersList(headers);
        var raw = this.#rawHeaders;
        for (var i = 0; i + 1 < raw.length; i += 2) list.push([raw[i], raw[i + 1]]);
        if (this.#guard) headersGuard(headers, this.#guard);
        this.#headers = headers;
        this.#rawHeaders = null;
      }
      return this.#headers;
    }
    clone() {
      var state = bodyOf(this);
      if (isUsed(state)) throw new TypeError('Response.clone: Body has already been consumed.');
      // The copy's headers keep this one's guard (an immutable network response clones immutable, as in undici).
      var raw = this.#rawHeaders;
      var guard = this.#guard;
      if (this.#headers !== undefined) {
        raw = [];
        var list = headersList(this.#headers);
        for (var i = 0; i < list.length; i++) raw.push(list[i][0], list[i][1]);
        guard = guardOf(this.#headers) === 'immutable' ? 'immutable' : null;
      }
      var copy = makeResponse(this.#status, this.#statusText, raw, this.#url, this.#redirected, this.#type, null, guard);
      copy.#body = cloneBody(state);
      return copy;
    }
    static error() {
      return makeResponse(0, '', [], '', false, 'error', null, 'immutable');
    }
    static json(data, init) {
      var text = JSON.stringify(data);
      if (text === undefined) throw new TypeError('Value is not JSON serializable');
      var headers = new Headers(init && init.headers !== undefined ? init.headers : undefined);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      return new Response(text, Object.assign({}, init, { headers: headers }));
    }
    static redirect(url, status) {
      var parsed;
      try { parsed = new URL(String(url)); } catch (e) { throw new TypeError('Failed to parse URL from ' + url, { cause: e }); }
      status = status === undefined ? 302 : Number(status);
      if ([301, 302, 303, 307, 308].indexOf(status) < 0) throw new RangeError('Invalid status code ' + status);
      return makeResponse(status, '', ['location', parsed.href], '', false, 'default', null, 'immutable');
    }
    static {
      // flatHeaders: names (lower case) and values alternating; guard: the Headers' guard once made ('immutable' or null).
      makeResponse = function (status, statusText, flatHeaders, url, redirected, type, source, guard) {
        var r = new Response(INTERNAL);
        r.#status = status;
        r.#statusText = statusText;
        r.#rawHeaders = flatHeaders;
        r.#guard = guard;
        r.#url = url;
        r.#redirected = redirected;
        r.#type = type;
        r.#body = { used: false, source: source, stream: null };
        return r;
      };
      responseBody = function (r) { return #body in r ? r.#body : undefined; };
    }
  }
  mixBody(Response);
  Object.defineProperty(Response.prototype, Symbol.toStringTag, { value: 'Response', configurable: true });

  // ---- fetch ---------------------------------------------------------------------------------------------------

  // The Fetch Standard's "bad ports", refused before any connection as undici does.
  var BAD_PORTS = [1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103,
    104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526,
    530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045,
    4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080];

  function fetchFailed(cause) {
    return new TypeError('fetch failed', { cause: cause });
  }

  function fetch(input, init) {
    var request;
    try {
      request = new Request(input, init);
    } catch (e) {
      return Promise.reject(e);
    }
    var r = requestState(request);
    var signal = r.signal;
    if (signal && signal.aborted) return Promise.reject(signal.reason);
    var scheme = r.url.slice(0, r.url.indexOf(':'));
    if (scheme !== 'http' && scheme !== 'https') {
      return Promise.reject(fetchFailed(new Error(scheme === 'data' || scheme === 'blob' || scheme === 'about' || scheme === 'file'
        ? scheme + ': URLs are not supported by fetch in HooksDashboard hooks' : 'unknown scheme')));
    }

    var port = r.port;
    if (port !== '' && BAD_PORTS.indexOf(Number(port)) >= 0) return Promise.reject(fetchFailed(new Error('bad port')));

    var state = bodyOf(request);
    if (hasBody(state) && isUsed(state)) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    if (state.stream) {
      // A stream body (duplex: 'half') is sent chunked, each chunk as the stream yields it.
      state.used = true;
      return send(request, r, signal, null, state.stream);
    }
    var body = null;
    if (state.source) {
      state.used = true;
      body = concat(state.source.chunks.length ? state.source.chunks : [new Uint8Array(0)]);
    }
    return send(request, r, signal, body);
  }

  // undici's default request headers (name, value), added when the request has none of that name; brotli is asked
  // for over https only.
  var DEFAULT_HEADERS = ['accept', '*/*', 'accept-language', '*', 'sec-fetch-mode', 'cors', 'user-agent', 'node', 'accept-encoding', 'gzip, deflate'];
  var DEFAULT_HTTPS_ENCODINGS = 'br, gzip, deflate';

  // The Fetch standard's cache-mode headers, as undici adds them after user-agent: a conditional request (If-None-Match,
  // If-Modified-Since, ...) in the default mode is a "no-store" one; "no-store" and "reload" send Pragma and
  // Cache-Control no-cache, "no-cache" Cache-Control max-age=0, unless the request has them.
  var CONDITIONAL_HEADERS = ['if-modified-since', 'if-none-match', 'if-unmodified-since', 'if-match', 'if-range'];
  function cacheHeaders(mode, list, flat) {
    function present(name) {
      for (var k = 0; k < list.length; k++) if (list[k][0] === name) return true;
      return false;
    }
    if (mode === 'default' && CONDITIONAL_HEADERS.some(present)) mode = 'no-store';
    if (mode === 'no-cache' && !present('cache-control')) flat.push('cache-control', 'max-age=0');
    if (mode === 'no-store' || mode === 'reload') {
      if (!present('pragma')) flat.push('pragma', 'no-cache');
      if (!present('cache-control')) flat.push('cache-control', 'no-cache');
    }
  }

  function send(request, r, signal, body, upload) {
    if (signal && signal.aborted) return Promise.reject(signal.reason);

    var flat = [];
    var list = headersList(r.headers);
    for (var i = 0; i < list.length; i++) flat.push(list[i][0], list[i][1]);
    for (var d = 0; d < DEFAULT_HEADERS.length; d += 2) {
      var name = DEFAULT_HEADERS[d];
      if (name === 'accept-encoding') cacheHeaders(request.cache, list, flat);
      var present = false;
      for (var k = 0; k < list.length && !present; k++) present = list[k][0] === name;
      if (!present) flat.push(name, name === 'accept-encoding' && r.url.slice(0, 6) === 'https:' ? DEFAULT_HTTPS_ENCODINGS : DEFAULT_HEADERS[d + 1]);
    }

    return new Promise(function (resolve, reject) {
      var response = null;
      var source = null;
      var settled = false;
      var id;
      var ended = false; // the request ended or failed: the upload stops
      var onDrain = null;
      var url = r.url.indexOf('#') >= 0 ? r.url.slice(0, r.url.indexOf('#')) : r.url;

      function onAbort() {
        ended = true;
        if (id !== undefined) binding.abort(id);
        if (!settled) { settled = true; reject(signal.reason); }
        if (source) source.finish(signal.reason);
      }

      function onEvent(kind, a, b, c, d, e) {
        switch (kind) {
          case 'response':
            source = new BodySource(null);
            source.flow = { pause: function () { binding.pause(id); }, resume: function () { binding.resume(id); } };
            source.cancel = function () {
              if (signal) signal.removeEventListener('abort', onAbort);
              if (id !== undefined) binding.abort(id);
            };
            response = makeResponse(a, b, c, d, e, 'basic', r.method === 'HEAD' || a === 204 || a === 304 ? null : source, 'immutable');
            settled = true;
            resolve(response);
            break;
          case 'data':
            if (source) source.push(a);
            break;
          case 'drain':
            if (onDrain) { var go = onDrain; onDrain = null; go(); }
            break;
          case 'end':
            ended = true;
            if (signal) signal.removeEventListener('abort', onAbort);
            if (source) source.finish(null);
            break;
          case 'error':
            ended = true;
            if (signal) signal.removeEventListener('abort', onAbort);
            var cause = errors.network(a, b, c, d, e);
            if (!settled) { settled = true; reject(fetchFailed(cause)); } else if (source) source.finish(new TypeError('terminated', { cause: cause }));
            break;
        }
      }

      try {
        // undici's connections follow NODE_TLS_REJECT_UNAUTHORIZED as tls.connect does (fetch has no ca option).
        var insecure = url.slice(0, 6) === 'https:' && processModule.env.NODE_TLS_REJECT_UNAUTHORIZED === '0';
        id = binding.request(r.method, url, flat, body, r.redirect, onEvent, upload ? 'stream' : undefined,
          insecure ? { rejectUnauthorized: false, ca: [], alpn: [] } : null);
      } catch (e) {
        settled = true;
        reject(fetchFailed(e));
        return;
      }
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
      if (upload) uploadBody(upload);

      // Each chunk goes out as the stream yields it; the next is read once the connection took the last (drain).
      function uploadBody(stream) {
        var reader = stream.getReader();
        function next() {
          if (ended) { reader.cancel().catch(function () {}); return; }
          reader.read().then(function (result) {
            if (ended) { reader.cancel().catch(function () {}); return; }
            if (result.done) { binding.endBody(id); return; }
            var chunk = result.value;
            if (typeof chunk === 'string') chunk = encode(chunk);
            else if (!(chunk instanceof Uint8Array)) throw new TypeError('Received non-Uint8Array chunk');
            if (chunk.length > 0 && binding.write(id, chunk) === false) onDrain = next; else next();
          }).catch(function (error) {
            // The stream failed or a chunk was refused (type, size limit): the request is abandoned, fetch fails.
            ended = true;
            binding.abort(id);
            if (signal) signal.removeEventListener('abort', onAbort);
            if (!settled) { settled = true; reject(fetchFailed(error)); } else if (source) source.finish(new TypeError('terminated', { cause: error }));
          });
        }
        next();
      }
    });
  }

  return {
    fetch: fetch,
    Headers: Headers,
    Request: Request,
    Response: Response,
    FormData: FormData,
    Blob: Blob,
    File: File,
  };
})
