// Node's `timers`: the invocation's own timer functions (the globals), and `timers.promises`.
(function (require, binding) {
  'use strict';
  var exports = {
    setTimeout: binding.setTimeout,
    clearTimeout: binding.clearTimeout,
    setImmediate: binding.setImmediate,
    clearImmediate: binding.clearImmediate,
    setInterval: binding.setInterval,
    clearInterval: binding.clearInterval,
  };
  Object.defineProperty(exports, 'promises', {
    enumerable: true,
    configurable: true,
    get: function () { return require('timers/promises'); },
  });
  return exports;
})
