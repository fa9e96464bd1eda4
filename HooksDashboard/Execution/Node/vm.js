// `vm` as packages see it (the hook's own require('vm') is refused): proxy-agent's pac-resolver (mailgun-js, older
// SDKs) and template engines require it at load for an optional feature. Compiling code in a context of its own is not
// offered: every function and class fails when used, naming the policy; isContext answers false.
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  var refused = require('internal/refusal').refused;
  var reason = 'hooks may not compile code in contexts of their own';
  function isContext(object) {
    if (object === null || typeof object !== 'object') throw errors.invalidArgType('object', 'Object', object);
    return false;
  }
  return {
    Script: refused('vm.Script()', reason),
    createContext: refused('vm.createContext()', reason),
    createScript: refused('vm.createScript()', reason),
    runInContext: refused('vm.runInContext()', reason),
    runInNewContext: refused('vm.runInNewContext()', reason),
    runInThisContext: refused('vm.runInThisContext()', reason),
    isContext: isContext,
    compileFunction: refused('vm.compileFunction()', reason),
    measureMemory: refused('vm.measureMemory()', reason),
    constants: Object.freeze({ __proto__: null, USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol('vm_dynamic_import_main_context_default'), DONT_CONTEXTIFY: Symbol('vm_context_no_contextify') }),
  };
})
