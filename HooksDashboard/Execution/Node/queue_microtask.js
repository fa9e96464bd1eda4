// queueMicrotask: a job on the engine's promise job queue, so it interleaves with promise reactions as in Node.
// An error it throws is uncaught (binding.uncaught ends the run), unlike a rejected promise.
(function (require, binding) {
  'use strict';
  var errors = require('internal/errors');
  var resolved = Promise.resolve();
  var then = Promise.prototype.then;
  return function queueMicrotask(callback) {
    errors.validateFunction(callback, 'callback');
    then.call(resolved, function () {
      try {
        callback();
      } catch (error) {
        binding.uncaught(error);
      }
    });
  };
})
