// Node's `tls`, present but refusing sockets and contexts: hooks may not open sockets on the server (https requests go
// through the host's transport, which checks certificates itself). Agent packages require it at load time.
(function () {
  'use strict';
  function refuse(name) {
    return function () {
      var error = new Error("Node's 'tls' module is not available to hooks: hooks may not open sockets on the server (tls." + name + ' was called)');
      error.code = 'ERR_HOOKS_MODULE_REFUSED';
      throw error;
    };
  }
  return {
    CLIENT_RENEG_LIMIT: 3,
    CLIENT_RENEG_WINDOW: 600,
    DEFAULT_CIPHERS: '',
    DEFAULT_ECDH_CURVE: 'auto',
    DEFAULT_MIN_VERSION: 'TLSv1.2',
    DEFAULT_MAX_VERSION: 'TLSv1.3',
    rootCertificates: Object.freeze([]),
    getCiphers: function getCiphers() { return []; },
    connect: refuse('connect'),
    createServer: refuse('createServer'),
    createSecureContext: refuse('createSecureContext'),
    checkServerIdentity: refuse('checkServerIdentity'),
    createSecurePair: refuse('createSecurePair'),
    TLSSocket: refuse('TLSSocket'),
    Server: refuse('Server'),
    SecureContext: refuse('SecureContext'),
  };
})
