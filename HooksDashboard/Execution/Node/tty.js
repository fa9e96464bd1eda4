// `tty` as packages see it (the hook's own require('tty') is refused): no descriptor is a terminal, so `debug`,
// `chalk` and `supports-color` load and print plain text; terminal streams are refused.
(function (require) {
  'use strict';
  var refused = require('internal/refusal').refused;
  return {
    isatty: function isatty() { return false; },
    ReadStream: refused('tty.ReadStream()', 'hooks have no terminal'),
    WriteStream: refused('tty.WriteStream()', 'hooks have no terminal'),
  };
})
