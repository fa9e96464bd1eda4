// Node's `timers`: setTimeout/setInterval return Timeout objects (ref/unref/hasRef/refresh/close and
// Symbol.toPrimitive giving the id that clearTimeout also accepts) over the invocation's host timers; the global
// timer functions are these. `timers.promises` is `timers/promises`.
(function (require, binding) {
  'use strict';
  var errors = require('internal/errors');
  var kId = Symbol('kId');
  var kRefed = Symbol('refed');
  var TIMEOUT_MAX = 2147483647;

  function Timeout(id, callback, delay, args, repeat) {
    this._idleTimeout = delay;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = repeat ? delay : null;
    this._destroyed = false;
    this[kRefed] = true;
    this[kId] = id;
  }
  Timeout.prototype.ref = function ref() {
    this[kRefed] = true;
    binding.setRef(this[kId], true);
    return this;
  };
  Timeout.prototype.unref = function unref() {
    this[kRefed] = false;
    binding.setRef(this[kId], false);
    return this;
  };
  Timeout.prototype.hasRef = function hasRef() {
    return this[kRefed];
  };
  Timeout.prototype.refresh = function refresh() {
    if (!this._destroyed || this._repeat === null) {
      this._destroyed = false;
      binding.refresh(this[kId]);
      if (!this[kRefed]) binding.setRef(this[kId], false);
    }
    return this;
  };
  Timeout.prototype.close = function close() {
    clearTimeout(this);
    return this;
  };
  Timeout.prototype[Symbol.toPrimitive] = function () {
    return this[kId];
  };

  function delayOf(after) {
    after = after * 1;
    if (!(after >= 1 && after <= TIMEOUT_MAX)) after = 1;
    return after;
  }

  function setTimeout(callback, after, arg1, arg2, arg3) {
    errors.validateFunction(callback, 'callback');
    var args = Array.prototype.slice.call(arguments, 2);
    var id = binding.setTimeout.apply(undefined, [callback, after].concat(args));
    return new Timeout(id, callback, delayOf(after), args.length ? args : undefined, false);
  }

  function setInterval(callback, repeat, arg1, arg2, arg3) {
    errors.validateFunction(callback, 'callback');
    var args = Array.prototype.slice.call(arguments, 2);
    var id = binding.setInterval.apply(undefined, [callback, repeat].concat(args));
    return new Timeout(id, callback, delayOf(repeat), args.length ? args : undefined, true);
  }

  function clearTimeout(timer) {
    if (timer && typeof timer === 'object' && timer[kId] !== undefined) {
      timer._destroyed = true;
      binding.clearTimer(timer[kId]);
    } else if (typeof timer === 'number' || typeof timer === 'string') {
      binding.clearTimer(timer);
    }
  }

  var exports = {
    setTimeout: setTimeout,
    clearTimeout: clearTimeout,
    setImmediate: binding.setImmediate,
    clearImmediate: binding.clearImmediate,
    setInterval: setInterval,
    clearInterval: clearTimeout,
  };
  // util.promisify(setTimeout) is timers/promises' setTimeout, as in Node.
  Object.defineProperty(setTimeout, Symbol.for('nodejs.util.promisify.custom'), {
    enumerable: true,
    configurable: true,
    get: function () { return require('timers/promises').setTimeout; },
  });
  Object.defineProperty(exports, 'promises', {
    enumerable: true,
    configurable: true,
    get: function () { return require('timers/promises'); },
  });
  return exports;
})
