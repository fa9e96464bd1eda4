// The WHATWG Event, EventTarget, AbortController and AbortSignal as Node 20 provides them (globals, and what
// stream, events and timers/promises use), plus Node's AbortError.
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  var inspectCustom = Symbol.for('nodejs.util.inspect.custom');

  class AbortError extends Error {
    constructor(message, options) {
      super(message === undefined ? 'The operation was aborted' : message, options);
      this.code = 'ABORT_ERR';
      this.name = 'AbortError';
    }
  }

  function domException(message, name) {
    var DOMException = require('internal/dom_exception').DOMException;
    return new DOMException(message, name);
  }

  var kTarget = Symbol('kTarget');
  var kStop = Symbol('kStop');
  var kCanceled = Symbol('kCanceled');
  var kImmediateStop = Symbol('kImmediateStop');

  class Event {
    constructor(type, options) {
      if (arguments.length === 0) throw errors.make(TypeError, 'ERR_MISSING_ARGS', 'The "type" argument must be specified');
      if (options != null && typeof options !== 'object') throw errors.invalidArgType('options', 'object', options);
      this[kCanceled] = false;
      this[kStop] = false;
      this[kTarget] = null;
      Object.defineProperty(this, 'type', { value: String(type), enumerable: true });
      Object.defineProperty(this, 'bubbles', { value: !!(options && options.bubbles), enumerable: true });
      Object.defineProperty(this, 'cancelable', { value: !!(options && options.cancelable), enumerable: true });
      Object.defineProperty(this, 'composed', { value: !!(options && options.composed), enumerable: true });
      Object.defineProperty(this, 'timeStamp', { value: Date.now(), enumerable: true });
      Object.defineProperty(this, 'isTrusted', { value: false, enumerable: true });
    }
    get target() { return this[kTarget]; }
    get currentTarget() { return this[kTarget]; }
    get srcElement() { return this[kTarget]; }
    get defaultPrevented() { return this.cancelable && this[kCanceled]; }
    get returnValue() { return !this.defaultPrevented; }
    get cancelBubble() { return this[kStop]; }
    get eventPhase() { return this[kTarget] ? 2 : 0; }
    preventDefault() { this[kCanceled] = true; }
    stopPropagation() { this[kStop] = true; }
    stopImmediatePropagation() { this[kStop] = true; this[kImmediateStop] = true; }
    composedPath() { return this[kTarget] ? [this[kTarget]] : []; }
  }
  Event.NONE = 0;
  Event.CAPTURING_PHASE = 1;
  Event.AT_TARGET = 2;
  Event.BUBBLING_PHASE = 3;
  Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });

  var kListeners = Symbol('kListeners');

  class EventTarget {
    constructor() {
      this[kListeners] = new Map();
    }
    addEventListener(type, listener, options) {
      if (arguments.length < 2) throw errors.make(TypeError, 'ERR_MISSING_ARGS', 'The "type" and "listener" arguments must be specified');
      if (listener == null) return;
      var once = !!(options && typeof options === 'object' && options.once);
      var capture = typeof options === 'boolean' ? options : !!(options && options.capture);
      var signal = options && typeof options === 'object' ? options.signal : undefined;
      if (signal && signal.aborted) return;
      type = String(type);
      var list = this[kListeners].get(type);
      if (!list) {
        list = [];
        this[kListeners].set(type, list);
      }
      for (var i = 0; i < list.length; i++) {
        if (list[i].listener === listener && list[i].capture === capture) return;
      }
      var entry = { listener: listener, once: once, capture: capture, removed: false };
      list.push(entry);
      if (signal) {
        var self = this;
        signal.addEventListener('abort', function () { self.removeEventListener(type, listener, options); }, { once: true });
      }
    }
    removeEventListener(type, listener, options) {
      var capture = typeof options === 'boolean' ? options : !!(options && options.capture);
      var list = this[kListeners].get(String(type));
      if (!list) return;
      for (var i = 0; i < list.length; i++) {
        if (list[i].listener === listener && list[i].capture === capture) {
          list[i].removed = true;
          list.splice(i, 1);
          return;
        }
      }
    }
    dispatchEvent(event) {
      if (!(event instanceof Event)) throw errors.invalidArgType('event', 'Event', event);
      var list = this[kListeners].get(event.type);
      event[kTarget] = this;
      if (list) {
        var snapshot = list.slice();
        for (var i = 0; i < snapshot.length; i++) {
          var entry = snapshot[i];
          if (entry.removed) continue;
          if (entry.once) this.removeEventListener(event.type, entry.listener, entry);
          var listener = entry.listener;
          try {
            if (typeof listener === 'function') listener.call(this, event);
            else if (listener && typeof listener.handleEvent === 'function') listener.handleEvent(event);
          } catch (err) {
            // Node reports a listener's exception as uncaught without stopping the dispatch.
            require('process').nextTick(function () { throw err; });
          }
          if (event[kImmediateStop] === true) break;
        }
      }
      event[kTarget] = null;
      return !event.defaultPrevented;
    }
  }
  Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });

  var kAborted = Symbol('kAborted');
  var kReason = Symbol('kReason');
  var kAllowed = Symbol('kAllowed');
  var kOnAbort = Symbol('kOnAbort');
  var allowConstruct = false;

  class AbortSignal extends EventTarget {
    constructor() {
      if (!allowConstruct) throw errors.make(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
      super();
      this[kAborted] = false;
      this[kReason] = undefined;
    }
    // An event handler attribute as Node defines it: the first assignment adds one listener in its place among the
    // others, later assignments change what that listener calls.
    get onabort() {
      var wrapper = this[kOnAbort];
      return wrapper ? wrapper.handler : null;
    }
    set onabort(value) {
      var wrapper = this[kOnAbort];
      if (!wrapper) {
        wrapper = function (event) {
          if (typeof wrapper.handler === 'function') return wrapper.handler.call(this, event);
        };
        this[kOnAbort] = wrapper;
        this.addEventListener('abort', wrapper);
      }
      wrapper.handler = value;
    }
    get aborted() { return this[kAborted]; }
    get reason() { return this[kReason]; }
    throwIfAborted() {
      if (this[kAborted]) throw this[kReason];
    }
    [inspectCustom](depth) {
      return 'AbortSignal { aborted: ' + this[kAborted] + ' }';
    }
    static abort(reason) {
      var signal = createSignal();
      signal[kAborted] = true;
      signal[kReason] = reason === undefined ? domException('This operation was aborted', 'AbortError') : reason;
      return signal;
    }
    static timeout(delay) {
      errors.validateNumber(delay, 'delay');
      if (delay < 0 || delay > 4294967295 || !Number.isInteger(delay)) {
        throw errors.outOfRange('delay', '>= 0 && <= 4294967295', delay);
      }
      var signal = createSignal();
      var timer = require('timers').setTimeout(function () {
        abortSignal(signal, domException('The operation was aborted due to timeout', 'TimeoutError'));
      }, delay);
      // As in Node, a pending timeout signal does not keep the invocation alive.
      if (timer && typeof timer.unref === 'function') timer.unref();
      return signal;
    }
    static any(signals) {
      if (!Array.isArray(signals) && (signals == null || typeof signals[Symbol.iterator] !== 'function')) {
        throw errors.invalidArgType('signals', 'Array', signals);
      }
      var list = Array.from(signals);
      for (var i = 0; i < list.length; i++) {
        if (!(list[i] instanceof AbortSignal)) throw errors.invalidArgType('signals[' + i + ']', 'AbortSignal', list[i]);
      }
      var signal = createSignal();
      for (var j = 0; j < list.length; j++) {
        if (list[j].aborted) {
          signal[kAborted] = true;
          signal[kReason] = list[j].reason;
          return signal;
        }
      }
      list.forEach(function (source) {
        source.addEventListener('abort', function () { abortSignal(signal, source.reason); }, { once: true });
      });
      return signal;
    }
  }
  Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });

  function createSignal() {
    allowConstruct = true;
    try {
      return new AbortSignal();
    } finally {
      allowConstruct = false;
    }
  }

  function abortSignal(signal, reason) {
    if (signal[kAborted]) return;
    signal[kAborted] = true;
    signal[kReason] = reason;
    signal.dispatchEvent(new Event('abort'));
  }

  var kSignal = Symbol('kSignal');

  class AbortController {
    constructor() {
      this[kSignal] = createSignal();
    }
    get signal() { return this[kSignal]; }
    abort(reason) {
      abortSignal(this[kSignal], reason === undefined ? domException('This operation was aborted', 'AbortError') : reason);
    }
    [inspectCustom]() {
      return 'AbortController { signal: AbortSignal { aborted: ' + this[kSignal].aborted + ' } }';
    }
  }
  Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });

  return {
    AbortError: AbortError,
    AbortController: AbortController,
    AbortSignal: AbortSignal,
    Event: Event,
    EventTarget: EventTarget,
    kAllowed: kAllowed,
  };
})
