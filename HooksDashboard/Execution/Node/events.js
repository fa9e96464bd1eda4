// Node's `events`: EventEmitter with Node 20's semantics (listener order, once wrappers, 'newListener' and
// 'removeListener', an 'error' without listener throws, the max-listeners warning) and `events.once`.
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  var kCapture = Symbol('kCapture');
  var kShapeMode = Symbol('shapeMode');
  var errorMonitor = Symbol('events.errorMonitor');
  var defaultMaxListeners = 10;

  function checkListener(listener) {
    errors.validateFunction(listener, 'listener');
  }

  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }

  EventEmitter.init = function (opts) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
      this[kShapeMode] = false;
    } else {
      this[kShapeMode] = true;
    }
    this._maxListeners = this._maxListeners || undefined;
    if (opts && opts.captureRejections) {
      if (typeof opts.captureRejections !== 'boolean') throw errors.invalidArgType('options.captureRejections', 'boolean', opts.captureRejections);
      this[kCapture] = true;
    } else {
      this[kCapture] = captureRejectionsDefault;
    }
  };

  var captureRejectionsDefault = false;
  var kRejection = Symbol.for('nodejs.rejection');

  // captureRejections: a listener's rejected promise becomes the emitter's 'error' (or its [nodejs.rejection] call),
  // on a later tick, with capturing off for that emit so an async 'error' listener cannot loop.
  function addCatch(that, promise, type, args) {
    try {
      var then = promise.then;
      if (typeof then === 'function') {
        then.call(promise, undefined, function (err) {
          require('process').nextTick(emitUnhandledRejectionOrErr, that, err, type, args);
        });
      }
    } catch (err) {
      that.emit('error', err);
    }
  }

  function emitUnhandledRejectionOrErr(ee, err, type, args) {
    if (typeof ee[kRejection] === 'function') {
      ee[kRejection].apply(ee, [err, type].concat(args));
      return;
    }
    var prev = ee[kCapture];
    try {
      ee[kCapture] = false;
      ee.emit('error', err);
    } finally {
      ee[kCapture] = prev;
    }
  }

  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._eventsCount = 0;
  EventEmitter.prototype._maxListeners = undefined;

  Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
    enumerable: true,
    get: function () { return defaultMaxListeners; },
    set: function (n) {
      if (typeof n !== 'number' || n < 0 || n !== n) throw errors.outOfRange('defaultMaxListeners', 'a non-negative number', n);
      defaultMaxListeners = n;
    },
  });

  EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
    if (typeof n !== 'number') throw errors.invalidArgType('setMaxListeners', 'number', n);
    if (n < 0 || n !== n) throw errors.outOfRange('setMaxListeners', '>= 0', n);
    this._maxListeners = n;
    return this;
  };

  function getMaxListeners(that) {
    return that._maxListeners === undefined ? defaultMaxListeners : that._maxListeners;
  }

  EventEmitter.prototype.getMaxListeners = function getMaxListeners_() {
    return getMaxListeners(this);
  };

  EventEmitter.prototype.emit = function emit(type) {
    var args = [];
    for (var i = 1; i < arguments.length; i++) args.push(arguments[i]);
    var doError = type === 'error';
    var events = this._events;
    if (events !== undefined) {
      if (doError && events[errorMonitor] !== undefined) this.emit.apply(this, [errorMonitor].concat(args));
      doError = doError && events.error === undefined;
    } else if (!doError) {
      return false;
    }
    if (doError) {
      var er = args.length > 0 ? args[0] : undefined;
      if (er instanceof Error) throw er;
      var shown = errors.primitive(er);
      if (er !== null && typeof er === 'object') {
        try { shown = require('util').inspect(er); } catch (e) { shown = '[object]'; }
      }
      var err = errors.make(Error, 'ERR_UNHANDLED_ERROR', 'Unhandled error. (' + shown + ')');
      err.context = er;
      throw err;
    }
    var handler = events[type];
    if (handler === undefined) return false;
    var result;
    if (typeof handler === 'function') {
      result = handler.apply(this, args);
      if (result !== undefined && result !== null && this[kCapture]) addCatch(this, result, type, args);
    } else {
      var listeners = handler.slice();
      for (var j = 0; j < listeners.length; ++j) {
        result = listeners[j].apply(this, args);
        if (result !== undefined && result !== null && this[kCapture]) addCatch(this, result, type, args);
      }
    }
    return true;
  };

  function addListener(target, type, listener, prepend) {
    checkListener(listener);
    var events = target._events;
    if (events === undefined) {
      events = target._events = Object.create(null);
      target._eventsCount = 0;
    } else {
      if (events.newListener !== undefined) {
        target.emit('newListener', type, listener.listener ? listener.listener : listener);
        events = target._events;
      }
    }
    var existing = events[type];
    if (existing === undefined) {
      events[type] = listener;
      ++target._eventsCount;
    } else {
      if (typeof existing === 'function') {
        existing = events[type] = prepend ? [listener, existing] : [existing, listener];
      } else if (prepend) {
        existing.unshift(listener);
      } else {
        existing.push(listener);
      }
      var m = getMaxListeners(target);
      if (m > 0 && existing.length > m && !existing.warned) {
        existing.warned = true;
        var name = target.constructor && target.constructor.name ? target.constructor.name : 'EventEmitter';
        var w = new Error('Possible EventEmitter memory leak detected. ' + existing.length + ' ' + String(type) +
          ' listeners added to [' + name + ']. MaxListeners is ' + m + '. Use emitter.setMaxListeners() to increase limit');
        w.name = 'MaxListenersExceededWarning';
        w.emitter = target;
        w.type = type;
        w.count = existing.length;
        require('process').emitWarning(w);
      }
    }
    return target;
  }

  EventEmitter.prototype.addListener = function addListener_(type, listener) {
    return addListener(this, type, listener, false);
  };
  EventEmitter.prototype.on = EventEmitter.prototype.addListener;
  EventEmitter.prototype.prependListener = function prependListener(type, listener) {
    return addListener(this, type, listener, true);
  };

  function onceWrapper() {
    if (!this.fired) {
      this.target.removeListener(this.type, this.wrapFn);
      this.fired = true;
      return this.listener.apply(this.target, arguments);
    }
  }

  function onceWrap(target, type, listener) {
    var state = { fired: false, wrapFn: undefined, target: target, type: type, listener: listener };
    var wrapped = onceWrapper.bind(state);
    wrapped.listener = listener;
    state.wrapFn = wrapped;
    return wrapped;
  }

  EventEmitter.prototype.once = function once(type, listener) {
    checkListener(listener);
    this.on(type, onceWrap(this, type, listener));
    return this;
  };

  EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
    checkListener(listener);
    this.prependListener(type, onceWrap(this, type, listener));
    return this;
  };

  EventEmitter.prototype.removeListener = function removeListener(type, listener) {
    checkListener(listener);
    var events = this._events;
    if (events === undefined) return this;
    var list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      this._eventsCount -= 1;
      if (this[kShapeMode]) events[type] = undefined;
      else if (this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
      if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
    } else if (typeof list !== 'function') {
      var position = -1;
      for (var i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      if (position === 0) list.shift();
      else list.splice(position, 1);
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
    }
    return this;
  };
  EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

  EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
    var events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = Object.create(null);
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = Object.create(null);
        else delete events[type];
      }
      this[kShapeMode] = false;
      return this;
    }
    if (arguments.length === 0) {
      var keys = Reflect.ownKeys(events);
      for (var k = 0; k < keys.length; k++) {
        if (keys[k] === 'removeListener') continue;
        this.removeAllListeners(keys[k]);
      }
      this.removeAllListeners('removeListener');
      this._events = Object.create(null);
      this._eventsCount = 0;
      this[kShapeMode] = false;
      return this;
    }
    var listeners = events[type];
    if (typeof listeners === 'function') {
      this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
      for (var i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    }
    return this;
  };

  function listeners(target, type, unwrap) {
    var events = target._events;
    if (events === undefined) return [];
    var listener = events[type];
    if (listener === undefined) return [];
    if (typeof listener === 'function') return unwrap ? [listener.listener || listener] : [listener];
    return unwrap ? listener.map(function (l) { return l.listener || l; }) : listener.slice();
  }

  EventEmitter.prototype.listeners = function listeners_(type) {
    return listeners(this, type, true);
  };
  EventEmitter.prototype.rawListeners = function rawListeners(type) {
    return listeners(this, type, false);
  };

  function listenerCount(type, listener) {
    var events = this._events;
    if (events !== undefined) {
      var evlistener = events[type];
      if (typeof evlistener === 'function') {
        if (listener != null) return listener === evlistener || listener === evlistener.listener ? 1 : 0;
        return 1;
      } else if (evlistener !== undefined) {
        if (listener != null) {
          var matching = 0;
          for (var i = 0; i < evlistener.length; i++) {
            if (evlistener[i] === listener || evlistener[i].listener === listener) matching++;
          }
          return matching;
        }
        return evlistener.length;
      }
    }
    return 0;
  }

  EventEmitter.prototype.listenerCount = listenerCount;
  EventEmitter.listenerCount = function (emitter, type) {
    if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
    return listenerCount.call(emitter, type);
  };

  EventEmitter.prototype.eventNames = function eventNames() {
    return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
  };

  // events.once(emitter, name): a promise of the arguments of the next event; an 'error' first rejects it.
  // Node's is an async function: a bad argument or an aborted signal is a rejected promise, and the result settles
  // two jobs after the inner promise (an async function returning a promise), which decides the order of handlers.
  function once(emitter, name, options) {
    if (!(emitter instanceof EventEmitter) && (emitter === null || typeof emitter !== 'object' || typeof emitter.on !== 'function')) {
      return Promise.reject(errors.invalidArgType('emitter', 'EventEmitter', emitter));
    }
    var signal = options && options.signal;
    if (signal && signal.aborted) return Promise.reject(abortError(signal));
    var inner = new Promise(function (resolve, reject) {
      // An abort later removes the listeners and rejects with the signal's reason as the cause.
      var onAbort = function () {
        emitter.removeListener(name, resolver);
        emitter.removeListener('error', errorListener);
        reject(abortError(signal));
      };
      var stopWatching = function () {
        if (signal) signal.removeEventListener('abort', onAbort);
      };
      var errorListener = function (err) {
        emitter.removeListener(name, resolver);
        stopWatching();
        reject(err);
      };
      var resolver = function () {
        if (name !== 'error') emitter.removeListener('error', errorListener);
        stopWatching();
        resolve(Array.prototype.slice.call(arguments));
      };
      emitter.once(name, resolver);
      if (name !== 'error') emitter.once('error', errorListener);
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
    });
    return new Promise(function (resolve) { resolve(inner); });
  }

  function abortError(signal) {
    var error = errors.make(Error, 'ABORT_ERR', 'The operation was aborted');
    error.name = 'AbortError';
    if (signal && signal.reason !== undefined) error.cause = signal.reason;
    return error;
  }

  var AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

  // events.on(emitter, name): an async iterator of the arguments of every event; an 'error' event makes it throw.
  function on(emitter, event, options) {
    var signal = options && options.signal;
    if (signal && signal.aborted) throw abortError(signal);
    var unconsumedEvents = [];
    var unconsumedPromises = [];
    var error = null;
    var finished = false;
    var iterator = Object.setPrototypeOf({
      next: function () {
        var value = unconsumedEvents.shift();
        if (value) return Promise.resolve({ value: value, done: false });
        if (error) {
          var p = Promise.reject(error);
          error = null;
          return p;
        }
        if (finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise(function (resolve, reject) {
          unconsumedPromises.push({ resolve: resolve, reject: reject });
        });
      },
      return: function () {
        removeAll();
        finished = true;
        while (unconsumedPromises.length) unconsumedPromises.shift().resolve({ value: undefined, done: true });
        return Promise.resolve({ value: undefined, done: true });
      },
      throw: function (err) {
        if (!err || !(err instanceof Error)) throw errors.invalidArgType('EventEmitter.AsyncIterator', 'Error', err);
        error = err;
        removeAll();
      },
    }, AsyncIteratorPrototype);
    iterator[Symbol.asyncIterator] = function () { return this; };
    emitter.on(event, eventHandler);
    if (event !== 'error') emitter.on('error', errorHandler);
    function abortListener() {
      errorHandler(abortError(signal));
    }
    if (signal) signal.addEventListener('abort', abortListener, { once: true });
    function removeAll() {
      emitter.removeListener(event, eventHandler);
      emitter.removeListener('error', errorHandler);
      if (signal) signal.removeEventListener('abort', abortListener);
    }
    function eventHandler() {
      var args = Array.prototype.slice.call(arguments);
      var pending = unconsumedPromises.shift();
      if (pending) pending.resolve({ value: args, done: false });
      else unconsumedEvents.push(args);
    }
    function errorHandler(err) {
      var pending = unconsumedPromises.shift();
      if (pending) pending.reject(err);
      else error = err;
      iterator.return();
    }
    return iterator;
  }

  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.on = on;
  EventEmitter.usingDomains = false;
  EventEmitter.captureRejectionSymbol = Symbol.for('nodejs.rejection');
  EventEmitter.errorMonitor = errorMonitor;
  EventEmitter.once = once;
  EventEmitter.getMaxListeners = function (emitter) {
    return emitter.getMaxListeners();
  };
  EventEmitter.getEventListeners = function (emitter, type) {
    return emitter.listeners(type);
  };
  EventEmitter.setMaxListeners = function (n, ...targets) {
    if (targets.length === 0) EventEmitter.defaultMaxListeners = n;
    else targets.forEach(function (t) { t.setMaxListeners(n); });
  };
  Object.defineProperty(EventEmitter, 'captureRejections', {
    get: function () { return captureRejectionsDefault; },
    set: function (value) {
      if (typeof value !== 'boolean') throw errors.invalidArgType('EventEmitter.captureRejections', 'boolean', value);
      captureRejectionsDefault = value;
    },
    enumerable: true,
  });
  return EventEmitter;
})
