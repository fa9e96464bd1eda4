// `async_hooks` as packages see it (the hook's own require('async_hooks') is refused): error reporters and tracers
// (@sentry/node, OpenTelemetry, undici) require it at load for AsyncLocalStorage and AsyncResource. A store is set for
// the synchronous extent of run() (or from enterWith() on), and carried into a callback only where the code binds it
// itself (AsyncResource, AsyncLocalStorage.bind/snapshot): the engine has no hooks into its promise jobs and timers,
// so a store is not seen after an await or in a timer. createHook() gives a hook that is never called.
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  var instances = new Set();

  // Every instance's store as it is now, and a function that runs code with them restored (and put back after).
  function capture() {
    var saved = [];
    instances.forEach(function (storage) { saved.push([storage, storage._enabled, storage._store]); });
    return saved;
  }
  function restore(saved) {
    saved.forEach(function (s) { s[0]._enabled = s[1]; s[0]._store = s[2]; });
  }
  function runWith(saved, fn, thisArg, args) {
    var now = capture();
    instances.forEach(function (storage) { storage._enabled = false; storage._store = undefined; });
    restore(saved);
    try {
      return fn.apply(thisArg, args);
    } finally {
      restore(now);
    }
  }

  function AsyncLocalStorage() {
    if (!(this instanceof AsyncLocalStorage)) throw errors.make(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', "Class constructor AsyncLocalStorage cannot be invoked without 'new'");
    Object.defineProperty(this, '_enabled', { value: false, writable: true });
    Object.defineProperty(this, '_store', { value: undefined, writable: true });
    instances.add(this);
  }
  AsyncLocalStorage.prototype.disable = function disable() {
    this._enabled = false;
    this._store = undefined;
  };
  AsyncLocalStorage.prototype._enable = function _enable() {
    this._enabled = true;
  };
  AsyncLocalStorage.prototype._propagate = function _propagate() {};
  AsyncLocalStorage.prototype.enterWith = function enterWith(store) {
    this._enable();
    this._store = store;
  };
  AsyncLocalStorage.prototype.run = function run(store, callback) {
    var args = Array.prototype.slice.call(arguments, 2);
    var wasEnabled = this._enabled, previous = this._store;
    this._enable();
    this._store = store;
    try {
      return callback.apply(null, args);
    } finally {
      this._store = previous;
      this._enabled = wasEnabled;
    }
  };
  AsyncLocalStorage.prototype.exit = function exit(callback) {
    var args = Array.prototype.slice.call(arguments, 1);
    if (!this._enabled) return callback.apply(null, args);
    var previous = this._store;
    this._enabled = false;
    try {
      return callback.apply(null, args);
    } finally {
      this._enabled = true;
      this._store = previous;
    }
  };
  AsyncLocalStorage.prototype.getStore = function getStore() {
    return this._enabled ? this._store : undefined;
  };
  AsyncLocalStorage.bind = function bind(fn) {
    errors.validateFunction(fn, 'fn');
    var saved = capture();
    return function () { return runWith(saved, fn, this, arguments); };
  };
  AsyncLocalStorage.snapshot = function snapshot() {
    var saved = capture();
    return function runInAsyncScope(fn) { return runWith(saved, fn, this, Array.prototype.slice.call(arguments, 1)); };
  };

  var nextAsyncId = 2;
  function AsyncResource(type, options) {
    if (!(this instanceof AsyncResource)) throw errors.make(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', "Class constructor AsyncResource cannot be invoked without 'new'");
    if (typeof type !== 'string') throw errors.invalidArgType('type', 'string', type);
    var trigger = typeof options === 'number' ? options : options && options.triggerAsyncId !== undefined ? options.triggerAsyncId : 1;
    Object.defineProperty(this, '_asyncId', { value: nextAsyncId++ });
    Object.defineProperty(this, '_triggerAsyncId', { value: trigger });
    Object.defineProperty(this, '_stores', { value: capture() });
  }
  AsyncResource.prototype.runInAsyncScope = function runInAsyncScope(fn, thisArg) {
    return runWith(this._stores, fn, thisArg, Array.prototype.slice.call(arguments, 2));
  };
  AsyncResource.prototype.emitDestroy = function emitDestroy() { return this; };
  AsyncResource.prototype.asyncId = function asyncId() { return this._asyncId; };
  AsyncResource.prototype.triggerAsyncId = function triggerAsyncId() { return this._triggerAsyncId; };
  AsyncResource.prototype.bind = function bind(fn, thisArg) {
    errors.validateFunction(fn, 'fn');
    var resource = this;
    var bound = function () { return resource.runInAsyncScope.apply(resource, [fn, thisArg === undefined ? this : thisArg].concat(Array.prototype.slice.call(arguments))); };
    Object.defineProperties(bound, {
      length: { value: fn.length, configurable: true },
      asyncResource: { value: resource, configurable: true, enumerable: true, writable: true },
    });
    return bound;
  };
  AsyncResource.bind = function bind(fn, type, thisArg) {
    type = type || fn.name || 'bound-anonymous-fn';
    return new AsyncResource(type).bind(fn, thisArg);
  };

  function AsyncHook() {}
  AsyncHook.prototype.enable = function enable() { return this; };
  AsyncHook.prototype.disable = function disable() { return this; };
  function createHook(callbacks) {
    if (callbacks === null || typeof callbacks !== 'object') throw errors.invalidArgType('callbacks', 'Object', callbacks);
    ['init', 'before', 'after', 'destroy', 'promiseResolve'].forEach(function (name) {
      if (callbacks[name] !== undefined && typeof callbacks[name] !== 'function') throw errors.make(TypeError, 'ERR_ASYNC_CALLBACK', 'hook.' + name + ' must be a function');
    });
    return new AsyncHook();
  }

  var topResource = {};
  var providers = Object.create(null);
  ['NONE', 'DIRHANDLE', 'DNSCHANNEL', 'ELDHISTOGRAM', 'FILEHANDLE', 'FILEHANDLECLOSEREQ', 'BLOBREADER', 'FSEVENTWRAP',
    'FSREQCALLBACK', 'FSREQPROMISE', 'GETADDRINFOREQWRAP', 'GETNAMEINFOREQWRAP', 'HEAPSNAPSHOT', 'HTTP2SESSION',
    'HTTP2STREAM', 'HTTP2PING', 'HTTP2SETTINGS', 'HTTPINCOMINGMESSAGE', 'HTTPCLIENTREQUEST', 'JSSTREAM', 'JSUDPWRAP',
    'MESSAGEPORT', 'PIPECONNECTWRAP', 'PIPESERVERWRAP', 'PIPEWRAP', 'PROCESSWRAP', 'PROMISE', 'QUERYWRAP',
    'QUIC_LOGSTREAM', 'QUIC_PACKET', 'SHUTDOWNWRAP', 'SIGNALWRAP', 'STATWATCHER', 'STREAMPIPE', 'TCPCONNECTWRAP',
    'TCPSERVERWRAP', 'TCPWRAP', 'TTYWRAP', 'UDPSENDWRAP', 'UDPWRAP', 'SIGINTWATCHDOG', 'WORKER', 'WORKERHEAPSNAPSHOT',
    'WRITEWRAP', 'ZLIB', 'CHECKPRIMEREQUEST', 'PBKDF2REQUEST', 'KEYPAIRGENREQUEST', 'KEYGENREQUEST', 'KEYEXPORTREQUEST',
    'CIPHERREQUEST', 'DERIVEBITSREQUEST', 'HASHREQUEST', 'RANDOMBYTESREQUEST', 'RANDOMPRIMEREQUEST', 'SCRYPTREQUEST',
    'SIGNREQUEST', 'TLSWRAP', 'VERIFYREQUEST'].forEach(function (name, i) { providers[name] = i; });
  Object.freeze(providers);

  return {
    AsyncLocalStorage: AsyncLocalStorage,
    createHook: createHook,
    executionAsyncId: function executionAsyncId() { return 1; },
    triggerAsyncId: function triggerAsyncId() { return 0; },
    executionAsyncResource: function executionAsyncResource() { return topResource; },
    asyncWrapProviders: providers,
    AsyncResource: AsyncResource,
  };
})
