// `dgram` as packages see it (the hook's own require('dgram') is refused): aws-sdk v2 requires it at load for its
// optional client-side monitoring; creating a UDP socket is refused.
(function (require) {
  'use strict';
  var refused = require('internal/refusal').refused;
  var reason = 'hooks may not open sockets on the server';
  return { createSocket: refused('dgram.createSocket()', reason), Socket: refused('dgram.Socket()', reason) };
})
