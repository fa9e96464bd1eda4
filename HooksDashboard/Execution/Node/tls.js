// Node's `tls` client: `tls.connect` (a new connection, or TLS over an open `net.Socket` for STARTTLS) and `TLSSocket`
// over the host's connections (`binding`, Execution/Http/SocketBinding.cs; the egress policy, limits and recording of
// `net`). The host verifies the chain against the system's roots or the `ca` option; the name check is Node's own
// `checkServerIdentity` (or the caller's), run here as Node runs it. Servers are refused. Also Node 20's constants and
// option helpers, which agents and SDKs read at load.
(function (require, binding) {
  'use strict';
  var net = require('net');
  var Buffer = require('buffer').Buffer;
  var errors = require('internal/errors');
  var refusal = require('internal/refusal');
  var processModule = require('process');
  var reason = 'hooks may not accept TLS connections on the server';

  function SecureContext(options) { this.context = {}; this.options = Object.assign({}, options); }

  var tlsOptions = require('internal/tls_options');
  var pemList = tlsOptions.pemList;
  var hostOptions = tlsOptions.hostOptions;

  // Node's internal JSStreamSocket, which TLS over a stream that is not a socket would need: refused when used.
  var JSStreamSocket = function JSStreamSocket() {
    throw refusal.refusal('tls over a stream that is not a net.Socket', 'TLS runs over the host\'s own connections (net.connect, tls.connect)');
  };

  function TLSSocket(socket, options) {
    if (!(this instanceof TLSSocket)) throw new TypeError("Class constructor TLSSocket cannot be invoked without 'new'");
    options = Object.assign({}, options);
    net.Socket.call(this, { allowHalfOpen: options.allowHalfOpen, signal: options.signal });
    this.encrypted = true;
    this.authorized = false;
    this.authorizationError = null;
    this.alpnProtocol = null;
    this.servername = null;
    this._tlsPending = true;
    this._secureEstablished = false;
    this._protocol = null;
    this._cipher = null;
    this._certificate = '';
    // A TLSSocket made by hand over an open socket (mysql 2's STARTTLS): the handshake waits for _start(), and its
    // verdict is the caller's to read from ssl.verifyError(), as Node's wrap gives it.
    if (socket instanceof net.Socket) {
      this._wrapped = socket;
      this._wrapOptions = options;
    }
    var self = this;
    this.ssl = { verifyError: function verifyError() { return self._verifyError(); } };
    if (socket !== undefined && socket !== null && !(socket instanceof net.Socket)) {
      // http2-wrapper reaches Node's JSStreamSocket class through this at load (`_handle._parentWrap.constructor`).
      this._handle = { _parentWrap: Object.create(JSStreamSocket.prototype) };
      this._jsStream = true;
      this._tlsPending = false;
      this._write = function (chunk, encoding, cb) { cb(refusal.refusal('tls over a stream that is not a net.Socket', 'TLS runs over the host\'s own connections (net.connect, tls.connect)')); };
    }
  }
  Object.setPrototypeOf(TLSSocket.prototype, net.Socket.prototype);
  Object.setPrototypeOf(TLSSocket, net.Socket);

  TLSSocket.prototype._onSecure = function (protocol, alpn, authorized, code, cipher, certificate) {
    this._protocol = protocol;
    this._cipher = cipher;
    this._certificate = certificate;
    this.alpnProtocol = alpn === '' ? false : alpn;
    this._tlsPending = false;
    this._secureEstablished = true;
    this._authorizedByChain = authorized;
    this._chainError = code;
    this.emit('secure');
    if (!this.destroyed && this.readable && !this.isPaused()) this.read(0);
  };

  // Node's verdict after the handshake (onConnectSecure): the chain's error, or the name check's.
  function onConnectSecure() {
    var options = this._connectOptions;
    var verifyError = null;
    if (!this._authorizedByChain) {
      verifyError = errors.make(Error, this._chainError, chainMessage(this._chainError));
    } else {
      var hostname = options.servername || options.host || (options.socket && options.socket._host) || 'localhost';
      verifyError = options.checkServerIdentity(hostname, this.getPeerCertificate(true)) || null;
    }
    if (verifyError) {
      this.authorized = false;
      this.authorizationError = verifyError.code || verifyError.message;
      if (options.rejectUnauthorized !== false) {
        this.destroy(verifyError);
        return;
      }
    } else {
      this.authorized = true;
    }
    this.removeListener('end', onConnectEnd);
    this.emit('secureConnect');
  }

  var CHAIN_MESSAGES = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
    SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
    CERT_HAS_EXPIRED: 'certificate has expired',
    CERT_NOT_YET_VALID: 'certificate is not yet valid',
    CERT_REVOKED: 'certificate revoked',
    CERT_SIGNATURE_FAILURE: 'certificate signature failure',
  };
  function chainMessage(code) { return CHAIN_MESSAGES[code] || code; }

  // The peer closed before the handshake ended.
  function onConnectEnd() {
    if (this._secureEstablished) return;
    var options = this._connectOptions || {};
    var error = errors.make(Error, 'ECONNRESET', 'Client network socket disconnected before secure TLS connection was established');
    error.path = options.path;
    error.host = options.host;
    error.port = options.port;
    error.localAddress = options.localAddress;
    this.destroy(error);
  }

  TLSSocket.prototype._tlsError = function (error) {
    // The host refused the chain (rejectUnauthorized): Node's error carries only the OpenSSL code and text.
    if (CHAIN_MESSAGES[error.code] !== undefined) {
      var chain = errors.make(Error, error.code, chainMessage(error.code));
      this.authorizationError = error.code;
      error = chain;
    }
    // Node's wrap tells '_tlsError' listeners first; a socket made by hand (no tls.connect, which releases control)
    // reports to them only when it has some (mysql 2 listens there, not on 'error').
    this.emit('_tlsError', error);
    return this._started && this.listenerCount('_tlsError') > 0 ? null : error;
  };

  // The chain's verdict after the handshake (Node's wrap.verifyError()): null when it verified, else its error.
  TLSSocket.prototype._verifyError = function () {
    if (!this._secureEstablished || this._authorizedByChain) return null;
    return errors.make(Error, this._chainError, chainMessage(this._chainError));
  };

  // Starts the handshake of a TLSSocket made by hand over an open socket; tls.connect starts its own.
  TLSSocket.prototype._start = function _start() {
    if (this._wrapped === undefined || this._connectOptions !== undefined || this._started) return;
    this._started = true;
    var options = this._wrapOptions;
    // The handshake completes whatever the chain: the caller reads ssl.verifyError() (Node's client wrap verifies
    // nothing itself; tls.connect's check is what rejects).
    var host = options.servername || this._wrapped._host || 'localhost';
    this._hostOptions = hostOptions(Object.assign({}, options, { rejectUnauthorized: false }), host);
    this.servername = this._hostOptions.servername || false;
    this._startOver(this._wrapped);
  };

  // TLS over this socket's open connection (STARTTLS): the plain socket hands its connection over.
  TLSSocket.prototype._startOver = function (socket) {
    var self = this;
    if (socket.connecting) {
      socket.once('connect', function () { self._startOver(socket); });
      return;
    }
    if (socket._handle === null || socket.destroyed) {
      nextTick(function () { self.destroy(errors.make(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed')); });
      return;
    }
    this._handle = socket._handle;
    this._host = socket._host;
    this._peername = socket._peername;
    this._sockname = socket._sockname;
    socket._handle = null;
    this._parent = socket;
    binding.upgrade(this._handle, this._hostOptions, function (kind, a, b, c, d, e, f) { self._onHostEvent(kind, a, b, c, d, e, f); });
    if (!socket._refed) this.unref();
  };

  function nextTick() { processModule.nextTick.apply(processModule, arguments); }

  // The plain socket under a STARTTLS upgrade closes with the TLS socket, as Node's does ('close' only).
  TLSSocket.prototype._destroy = function _destroy(exception, cb) {
    var parent = this._parent;
    this._parent = null;
    net.Socket.prototype._destroy.call(this, exception, cb);
    if (parent && !parent.destroyed) parent.destroy();
  };

  TLSSocket.prototype.getPeerCertificate = function getPeerCertificate(detailed) {
    if (!this._certificate) return this._secureEstablished ? {} : null;
    var cert = binding.certificate(this._certificate);
    cert.raw = Buffer.from(this._certificate, 'base64');
    if (detailed && JSON.stringify(cert.subject) === JSON.stringify(cert.issuer)) cert.issuerCertificate = cert;
    return cert;
  };
  TLSSocket.prototype.getProtocol = function getProtocol() { return this._protocol; };
  TLSSocket.prototype.getCipher = function getCipher() {
    if (!this._cipher) return undefined;
    return { name: this._cipher, standardName: this._cipher, version: this._protocol === 'TLSv1.3' ? 'TLSv1.3' : 'TLSv1/SSLv3' };
  };
  TLSSocket.prototype.getSession = function getSession() { return undefined; };
  TLSSocket.prototype.getTLSTicket = function getTLSTicket() { return undefined; };
  TLSSocket.prototype.isSessionReused = function isSessionReused() { return false; };
  TLSSocket.prototype.setSession = function setSession() { };
  TLSSocket.prototype.getCertificate = function getCertificate() { return null; };
  TLSSocket.prototype.getFinished = function getFinished() { return undefined; };
  TLSSocket.prototype.getPeerFinished = function getPeerFinished() { return undefined; };
  TLSSocket.prototype.getEphemeralKeyInfo = function getEphemeralKeyInfo() { return {}; };
  TLSSocket.prototype.getSharedSigalgs = function getSharedSigalgs() { return []; };
  TLSSocket.prototype.setMaxSendFragment = function setMaxSendFragment() { return true; };
  TLSSocket.prototype.setServername = function setServername(name) {
    errors.validateString(name, 'name');
    this.servername = name;
  };
  TLSSocket.prototype.disableRenegotiation = function disableRenegotiation() { };
  TLSSocket.prototype.enableTrace = function enableTrace() { };
  TLSSocket.prototype.renegotiate = function renegotiate(options, callback) {
    var error = refusal.refusal('tls.TLSSocket.renegotiate()', 'TLS 1.2 renegotiation is not offered');
    if (typeof callback === 'function') nextTick(callback, error);
    return false;
  };
  TLSSocket.prototype.exportKeyingMaterial = refusal.refused('tls.TLSSocket.exportKeyingMaterial()', 'keying material stays in the host\'s TLS layer');

  function normalizeConnectArgs(args) {
    var normalized = net._normalizeArgs(args);
    var options = normalized[0];
    var cb = normalized[1];
    // (port, host, options) and (port, options): the options object after the address.
    if (args[1] !== null && typeof args[1] === 'object') Object.assign(options, args[1]);
    else if (args[2] !== null && typeof args[2] === 'object') Object.assign(options, args[2]);
    return [options, cb];
  }

  var warnedInsecure = false;
  var warnedIpServername = false;

  function connect() {
    var args = new Array(arguments.length);
    for (var i = 0; i < arguments.length; i++) args[i] = arguments[i];
    var normalized = normalizeConnectArgs(args);
    var cb = normalized[1];
    var allowUnauthorized = processModule.env.NODE_TLS_REJECT_UNAUTHORIZED === '0';
    if (allowUnauthorized && !warnedInsecure) {
      warnedInsecure = true;
      processModule.emitWarning("Setting the NODE_TLS_REJECT_UNAUTHORIZED environment variable to '0' makes TLS connections and HTTPS requests insecure by disabling certificate verification.");
    }
    var options = Object.assign({ rejectUnauthorized: !allowUnauthorized, checkServerIdentity: checkServerIdentity }, normalized[0]);
    errors.validateFunction(options.checkServerIdentity, 'options.checkServerIdentity');
    var host = options.host == null ? (options.socket && options.socket._host) || 'localhost' : '' + options.host;
    var socket = new TLSSocket(options.socket, { allowHalfOpen: options.allowHalfOpen, signal: options.signal });
    if (socket._jsStream) throw refusal.refusal('tls.connect({ socket }) over a stream that is not a net.Socket', 'TLS runs over the host\'s own connections');
    socket._connectOptions = options;
    socket._hostOptions = hostOptions(options, host);
    socket.servername = socket._hostOptions.servername || false;
    if (options.servername && net.isIP(options.servername) && !warnedIpServername) {
      warnedIpServername = true;
      processModule.emitWarning('Setting the TLS ServerName to an IP address is not permitted by RFC 6066. This will be ignored in a future version.', 'DeprecationWarning', 'DEP0123');
    }
    if (cb) socket.once('secureConnect', cb);
    socket.on('secure', onConnectSecure);
    socket.prependListener('end', onConnectEnd);
    if (options.socket) {
      socket._startOver(options.socket);
    } else {
      if (options.timeout) socket.setTimeout(options.timeout);
      socket.connect(options);
    }
    return socket;
  }

  // Node's checkServerIdentity: the name (or address) against the certificate's altnames, else its CN.
  function checkServerIdentity(hostname, cert) {
    var subject = cert && cert.subject;
    var altNames = cert && cert.subjectaltname;
    var dnsNames = [];
    var ips = [];
    hostname = '' + hostname;
    if (altNames) {
      splitAltNames(altNames).forEach(function (name) {
        if (name.indexOf('DNS:') === 0) dnsNames.push(name.slice(4));
        else if (name.indexOf('IP Address:') === 0) ips.push(canonicalizeIP(name.slice(11)));
      });
    }
    var valid = false;
    var why = 'Unknown reason';
    hostname = hostname.replace(/\.$/, '');
    if (net.isIP(hostname)) {
      valid = ips.indexOf(canonicalizeIP(hostname)) >= 0;
      if (!valid) why = 'IP: ' + hostname + " is not in the cert's list: " + ips.join(', ');
    } else if (dnsNames.length > 0 || (subject && subject.CN)) {
      var hostParts = hostname.toLowerCase().split('.');
      var wildcard = function (pattern) { return matchName(hostParts, pattern); };
      if (dnsNames.length > 0) {
        valid = dnsNames.some(wildcard);
        if (!valid) why = 'Host: ' + hostname + ". is not in the cert's altnames: " + altNames;
      } else {
        var cn = subject.CN;
        valid = Array.isArray(cn) ? cn.some(wildcard) : wildcard(cn);
        if (!valid) why = 'Host: ' + hostname + ". is not cert's CN: " + cn;
      }
    } else {
      why = 'Cert does not contain a DNS name';
    }
    if (!valid) {
      var error = errors.make(Error, 'ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames: " + why);
      error.reason = why;
      error.host = hostname;
      error.cert = cert;
      return error;
    }
    return undefined;
  }

  function splitAltNames(altNames) {
    var names = [];
    var current = '';
    var quoted = false;
    for (var i = 0; i < altNames.length; i++) {
      var ch = altNames[i];
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === ',' && altNames[i + 1] === ' ') { names.push(current); current = ''; i++; }
      else current += ch;
    }
    names.push(current);
    return names;
  }

  function canonicalizeIP(ip) {
    if (!net.isIPv6(ip)) return ip;
    var halves = ip.toLowerCase().split('::');
    var head = halves[0] ? halves[0].split(':') : [];
    var tail = halves.length > 1 && halves[1] ? halves[1].split(':') : [];
    var groups = head.concat(new Array(Math.max(8 - head.length - tail.length, 0)).fill('0'), tail);
    return groups.map(function (g) { return parseInt(g, 16).toString(16); }).join(':');
  }

  function matchName(hostParts, pattern) {
    if (typeof pattern !== 'string' || pattern.length === 0) return false;
    var patternParts = pattern.toLowerCase().replace(/\.$/, '').split('.');
    if (hostParts.length !== patternParts.length) return false;
    if (patternParts.some(function (p) { return p.length === 0; })) return false;
    for (var i = hostParts.length - 1; i > 0; i -= 1) {
      if (hostParts[i] !== patternParts[i]) return false;
    }
    var hostSubdomain = hostParts[0];
    var patternSubdomain = patternParts[0];
    var star = patternSubdomain.split('*');
    if (star.length === 1 || patternSubdomain.indexOf('xn--') >= 0) return hostSubdomain === patternSubdomain;
    if (star.length > 2) return false;
    if (patternParts.length <= 2) return false;
    var prefix = star[0];
    var suffix = star[1];
    if (prefix.length + suffix.length > hostSubdomain.length) return false;
    if (!hostSubdomain.startsWith(prefix)) return false;
    if (!hostSubdomain.endsWith(suffix)) return false;
    return true;
  }

  return {
    CLIENT_RENEG_LIMIT: 3, CLIENT_RENEG_WINDOW: 600,
    DEFAULT_CIPHERS: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA',
    DEFAULT_ECDH_CURVE: 'auto', DEFAULT_MIN_VERSION: 'TLSv1.2', DEFAULT_MAX_VERSION: 'TLSv1.3',
    getCiphers: function getCiphers() { return ['aes128-gcm-sha256', 'aes256-gcm-sha384', 'chacha20-poly1305-sha256', 'ecdhe-ecdsa-aes128-gcm-sha256', 'ecdhe-ecdsa-aes256-gcm-sha384', 'ecdhe-rsa-aes128-gcm-sha256', 'ecdhe-rsa-aes256-gcm-sha384', 'tls_aes_128_gcm_sha256', 'tls_aes_256_gcm_sha384', 'tls_chacha20_poly1305_sha256']; },
    rootCertificates: Object.freeze([]),
    convertALPNProtocols: function convertALPNProtocols(protocols, out) {
      if (Array.isArray(protocols)) {
        out.ALPNProtocols = Buffer.concat(protocols.map(function (p) { var b = Buffer.from(p); return Buffer.concat([Buffer.from([b.length]), b]); }));
      } else if (protocols instanceof Uint8Array) {
        out.ALPNProtocols = Buffer.from(protocols);
      }
    },
    checkServerIdentity: checkServerIdentity,
    createSecureContext: function createSecureContext(options) { return new SecureContext(options); },
    SecureContext: SecureContext,
    TLSSocket: TLSSocket,
    Server: refusal.refused('tls.Server()', reason),
    createServer: refusal.refused('tls.createServer()', reason),
    connect: connect,
    createSecurePair: refusal.refused('tls.createSecurePair()', reason),
  };
})
