// Node's `timers/promises`: setTimeout and setImmediate as promises of their value, setInterval as an async
// iterator; each takes { signal, ref } as Node does (ref: false lets the invocation end without waiting).
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  var timers = require('timers');

  function abortError(signal) {
    var error = errors.make(Error, 'ABORT_ERR', 'The operation was aborted');
    error.name = 'AbortError';
    if (signal && signal.reason !== undefined) error.cause = signal.reason;
    return error;
  }

  function validateOptions(options) {
    if (options === undefined) return {};
    errors.validateObject(options, 'options');
    return options;
  }

  function setTimeout(delay, value, options) {
    var opts = validateOptions(options);
    var signal = opts.signal;
    return new Promise(function (resolve, reject) {
      if (signal && signal.aborted) return reject(abortError(signal));
      var id = timers.setTimeout(function () { resolve(value); }, delay);
      if (opts.ref === false) id.unref();
      if (signal && typeof signal.addEventListener === 'function') {
        signal.addEventListener('abort', function () {
          timers.clearTimeout(id);
          reject(abortError(signal));
        }, { once: true });
      }
    });
  }

  function setImmediate(value, options) {
    var opts = validateOptions(options);
    var signal = opts.signal;
    return new Promise(function (resolve, reject) {
      if (signal && signal.aborted) return reject(abortError(signal));
      timers.setImmediate(function () { resolve(value); });
    });
  }

  async function* setInterval(delay, value, options) {
    var opts = validateOptions(options);
    var signal = opts.signal;
    if (signal && signal.aborted) throw abortError(signal);
    var interval;
    var onCancel;
    try {
      var notYielded = 0;
      var callback;
      interval = timers.setInterval(function () {
        notYielded++;
        if (callback) {
          callback();
          callback = undefined;
        }
      }, delay);
      if (opts.ref === false) interval.unref();
      if (signal && typeof signal.addEventListener === 'function') {
        onCancel = function () {
          timers.clearInterval(interval);
          if (callback) {
            callback(Promise.reject(abortError(signal)));
            callback = undefined;
          }
        };
        signal.addEventListener('abort', onCancel, { once: true });
      }
      while (!(signal && signal.aborted)) {
        if (notYielded === 0) {
          await new Promise(function (resolve) { callback = resolve; });
        }
        for (; notYielded > 0; notYielded--) yield value;
      }
      throw abortError(signal);
    } finally {
      timers.clearInterval(interval);
      if (signal && onCancel) signal.removeEventListener('abort', onCancel);
    }
  }

  return {
    setTimeout: setTimeout,
    setInterval: setInterval,
    setImmediate: setImmediate,
    scheduler: {
      wait: function wait(delay, options) { return setTimeout(delay, undefined, options); },
      yield: function yield_() { return setImmediate(); },
    },
  };
})
