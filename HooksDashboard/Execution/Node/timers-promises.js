// Node's `timers/promises`: setTimeout and setImmediate as promises of their value.
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

  return {
    setTimeout: setTimeout,
    setImmediate: setImmediate,
    scheduler: {
      wait: function wait(delay, options) { return setTimeout(delay, undefined, options); },
      yield: function yield_() { return setImmediate(); },
    },
  };
})
