// The WHATWG `EventTarget`, `Event`, `AbortController` and `AbortSignal` (with `abort`, `timeout`, `any`), as Node 20
// has them as globals. `binding` holds the invocation's unref'd timer (AbortSignal.timeout's timer, like Node's,
// does not keep the event loop alive).
(function (require, binding) {
  'use strict';
  var DOMException = require('internal/dom_exception').DOMException;

  // Module-private accessors of the classes' private state, assigned in their static blocks.
  var stopped, signalAbort;

  class Event {
    #type; #bubbles; #cancelable; #defaultPrevented = false; #timeStamp; #stop = false;
    constructor(type, options) {
      if (arguments.length === 0) throw new TypeError('The "type" argument must be specified');
      this.#type = String(type);
      this.#bubbles = !!(options && options.bubbles);
      this.#cancelable = !!(options && options.cancelable);
      this.#timeStamp = Date.now();
      this.target = null;
      this.currentTarget = null;
    }
    get type() { return this.#type; }
    get bubbles() { return this.#bubbles; }
    get cancelable() { return this.#cancelable; }
    get defaultPrevented() { return this.#cancelable && this.#defaultPrevented; }
    get timeStamp() { return this.#timeStamp; }
    get isTrusted() { return false; }
    preventDefault() { this.#defaultPrevented = true; }
    stopPropagation() {}
    stopImmediatePropagation() { this.#stop = true; }
    static { stopped = function (event) { return event.#stop; }; }
  }
  Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });

  class EventTarget {
    #listeners = new Map();
    addEventListener(type, listener, options) {
      if (listener === null || listener === undefined) return;
      var once = typeof options === 'object' && options !== null && !!options.once;
      var signal = typeof options === 'object' && options !== null ? options.signal : undefined;
      var list = this.#listeners.get(String(type));
      if (!list) this.#listeners.set(String(type), list = []);
      for (var i = 0; i < list.length; i++) if (list[i].listener === listener) return;
      var entry = { listener: listener, once: once };
      list.push(entry);
      if (signal) {
        var self = this;
        signal.addEventListener('abort', function () { self.removeEventListener(type, listener); }, { once: true });
      }
    }
    removeEventListener(type, listener) {
      var list = this.#listeners.get(String(type));
      if (!list) return;
      for (var i = 0; i < list.length; i++) {
        if (list[i].listener === listener) { list.splice(i, 1); return; }
      }
    }
    dispatchEvent(event) {
      if (!(event instanceof Event)) {
        throw Object.assign(new TypeError('The "event" argument must be an instance of Event. Received ' + typeof event), { code: 'ERR_INVALID_ARG_TYPE' });
      }
      event.target = this;
      event.currentTarget = this;
      var list = (this.#listeners.get(event.type) || []).slice();
      var failure = null;
      var call = function (fn, self) {
        try {
          if (typeof fn === 'function') fn.call(self, event);
          else if (fn && typeof fn.handleEvent === 'function') fn.handleEvent(event);
        } catch (e) {
          if (failure === null) failure = { error: e };
        }
      };
      for (var i = 0; i < list.length; i++) {
        if (list[i].once) this.removeEventListener(event.type, list[i].listener);
        call(list[i].listener, this);
        if (stopped(event)) break;
      }
      event.currentTarget = null;
      if (failure) throw failure.error;
      return !event.defaultPrevented;
    }
  }
  Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });

  var creating = false;

  class AbortSignal extends EventTarget {
    #aborted = false; #reason = undefined; #onabort = null; #onabortListening = false;
    constructor() {
      if (!creating) throw Object.assign(new TypeError('Illegal constructor'), { code: 'ERR_ILLEGAL_CONSTRUCTOR' });
      super();
    }
    // An event handler attribute: listens from the first time it is set, in that place among the listeners.
    get onabort() { return this.#onabort; }
    set onabort(handler) {
      this.#onabort = typeof handler === 'function' ? handler : null;
      if (!this.#onabortListening) {
        this.#onabortListening = true;
        var self = this;
        this.addEventListener('abort', function (event) { if (self.#onabort) self.#onabort.call(self, event); });
      }
    }
    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }
    throwIfAborted() { if (this.#aborted) throw this.#reason; }
    static abort(reason) {
      var signal = create();
      signalAbort(signal, reason === undefined ? abortError() : reason, false);
      return signal;
    }
    static timeout(delay) {
      var ms = Number(delay);
      if (!Number.isFinite(ms) || ms < 0 || ms > 4294967295) {
        throw Object.assign(new RangeError('The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received ' + delay), { code: 'ERR_OUT_OF_RANGE' });
      }
      var signal = create();
      binding.setTimeout(function () {
        signalAbort(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError'), true);
      }, Math.trunc(ms));
      return signal;
    }
    static any(signals) {
      var result = create();
      var list = Array.from(signals);
      for (var i = 0; i < list.length; i++) {
        if (list[i].aborted) { signalAbort(result, list[i].reason, false); return result; }
      }
      list.forEach(function (s) {
        s.addEventListener('abort', function () { signalAbort(result, s.reason, true); }, { once: true });
      });
      return result;
    }
    static {
      signalAbort = function (signal, reason, dispatch) {
        if (signal.#aborted) return;
        signal.#aborted = true;
        signal.#reason = reason;
        if (dispatch !== false) signal.dispatchEvent(new Event('abort'));
      };
    }
  }
  Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });

  function create() {
    creating = true;
    try { return new AbortSignal(); } finally { creating = false; }
  }

  function abortError() { return new DOMException('This operation was aborted', 'AbortError'); }

  class AbortController {
    #signal = create();
    get signal() { return this.#signal; }
    abort(reason) { signalAbort(this.#signal, reason === undefined ? abortError() : reason, true); }
  }
  Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });

  return { Event: Event, EventTarget: EventTarget, AbortSignal: AbortSignal, AbortController: AbortController, abortError: abortError };
})
