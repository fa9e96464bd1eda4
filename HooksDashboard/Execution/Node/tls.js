// `tls` as packages see it (the hook's own require('tls') is refused): Node 20's constants and option helpers, so
// agents and SDKs load; TLS connections are the host's (https, fetch): tls.connect and servers are refused.
(function (require) {
  'use strict';
  var refused = require('internal/refusal').refused;
  var reason = 'hooks may not open sockets on the server (https and fetch make TLS connections through the egress policy)';
  function SecureContext(options) { this.context = {}; this.options = Object.assign({}, options); }
  // A TLSSocket can be made over a stream (http2-wrapper, loaded by got 12+, does so while loading to reach Node's
  // internal JSStreamSocket class through `_handle._parentWrap.constructor`), but it never speaks TLS: every
  // operation, and making a JSStreamSocket, is refused.
  var JSStreamSocket = refused('JSStreamSocket()', reason);
  function TLSSocket(socket) {
    if (!(this instanceof TLSSocket)) throw new TypeError("Class constructor TLSSocket cannot be invoked without 'new'");
    this.encrypted = true;
    this.authorized = false;
    this._handle = { _parentWrap: socket === undefined ? null : Object.create(JSStreamSocket.prototype) };
  }
  ['connect', 'write', 'end', 'setSession', 'renegotiate', 'getPeerCertificate', 'getCertificate', 'getSession', 'exportKeyingMaterial'].forEach(function (method) {
    TLSSocket.prototype[method] = refused('tls.TLSSocket.' + method + '()', reason);
  });
  return {
    CLIENT_RENEG_LIMIT: 3, CLIENT_RENEG_WINDOW: 600,
    DEFAULT_CIPHERS: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA',
    DEFAULT_ECDH_CURVE: 'auto', DEFAULT_MIN_VERSION: 'TLSv1.2', DEFAULT_MAX_VERSION: 'TLSv1.3',
    getCiphers: function getCiphers() { return ['aes128-gcm-sha256', 'aes256-gcm-sha384', 'chacha20-poly1305-sha256', 'ecdhe-ecdsa-aes128-gcm-sha256', 'ecdhe-ecdsa-aes256-gcm-sha384', 'ecdhe-rsa-aes128-gcm-sha256', 'ecdhe-rsa-aes256-gcm-sha384', 'tls_aes_128_gcm_sha256', 'tls_aes_256_gcm_sha384', 'tls_chacha20_poly1305_sha256']; },
    rootCertificates: Object.freeze([]),
    convertALPNProtocols: function convertALPNProtocols(protocols, out) {
      var Buffer = require('buffer').Buffer;
      if (Array.isArray(protocols)) {
        out.ALPNProtocols = Buffer.concat(protocols.map(function (p) { var b = Buffer.from(p); return Buffer.concat([Buffer.from([b.length]), b]); }));
      } else if (protocols instanceof Uint8Array) {
        out.ALPNProtocols = Buffer.from(protocols);
      }
    },
    // The host verifies certificates; a package calling this itself is refused rather than told "valid".
    checkServerIdentity: refused('tls.checkServerIdentity()', reason),
    createSecureContext: function createSecureContext(options) { return new SecureContext(options); },
    SecureContext: SecureContext,
    TLSSocket: TLSSocket,
    Server: refused('tls.Server()', reason),
    createServer: refused('tls.createServer()', reason),
    connect: refused('tls.connect()', reason),
    createSecurePair: refused('tls.createSecurePair()', reason),
  };
})
