// Node's `tty`: a hook has no terminal, so no descriptor is one. Logging packages (debug, supports-color, loaded by
// axios' follow-redirects) require it at load time to decide whether to print colours.
(function () {
  'use strict';
  function refused(name) {
    return function () {
      var error = new Error("Node's 'tty' module is not available to hooks: hooks have no terminal (tty." + name + ' was called)');
      error.code = 'ERR_HOOKS_MODULE_REFUSED';
      throw error;
    };
  }
  return {
    isatty: function isatty() { return false; },
    ReadStream: refused('ReadStream'),
    WriteStream: refused('WriteStream'),
  };
})
