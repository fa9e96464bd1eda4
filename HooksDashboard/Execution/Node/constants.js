// Node's deprecated `constants` module: one frozen object holding os.constants' dlopen, errno, priority and signals,
// fs.constants and crypto.constants, assembled in Node 20's order (older packages such as node-rsa read RSA paddings
// from it).
(function (require) {
  'use strict';
  var os = require('os').constants;
  var constants = {};
  [os.dlopen, os.errno, os.priority, os.signals, require('internal/fs_constants'), require('crypto').constants].forEach(function (part) {
    // crypto's defaultCipherList is not there unless crypto was loaded first (Node installs it lazily): left out.
    Object.keys(part).forEach(function (name) { if (name !== 'defaultCipherList') constants[name] = part[name]; });
  });
  return Object.freeze(constants);
})
