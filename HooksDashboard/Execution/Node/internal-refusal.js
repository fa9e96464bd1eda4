// Shared by the stand-ins packages get for modules refused to hooks (fs, net, tls, child_process, tty, dns, http2):
// the error an operation that would reach the host fails with, naming the operation and the policy.
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  function refusal(operation, reason, code) {
    var error = errors.make(Error, code || 'ERR_HOOKS_MODULE_REFUSED', operation + ' is not available to hooks: ' + reason);
    return error;
  }
  // A function that throws the refusal when called (constructors too).
  function refused(operation, reason, code) {
    var name = operation.replace(/^.*\./, '').replace(/\(.*$/, '');
    return { [name]: function () { throw refusal(operation, reason, code); } }[name];
  }
  return { refusal: refusal, refused: refused };
})
