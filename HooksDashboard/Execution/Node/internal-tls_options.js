// What tls.connect and https requests hand the host of Node's TLS options: the trusted roots (`ca`), the client
// certificate, rejectUnauthorized, ALPN, SNI and the protocol versions, as strings, booleans and arrays of strings
// (Execution/Http/SocketBinding.cs reads them). Shared by tls.js and internal-http.js.
(function (require) {
  'use strict';
  var Buffer = require('buffer').Buffer;
  var errors = require('internal/errors');
  var refusal = require('internal/refusal');

  function pemList(value) {
    if (value === undefined || value === null) return [];
    var items = Array.isArray(value) ? value : [value];
    return items.map(function (item) {
      if (typeof item === 'string') return item;
      if (item instanceof Uint8Array) return Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('latin1');
      if (item && typeof item === 'object' && item.pem !== undefined) return pemList(item.pem)[0];
      throw errors.invalidArgType('options.ca', ['string', 'Buffer', 'TypedArray', 'DataView'], item);
    });
  }

  function alpnList(protocols) {
    if (protocols === undefined || protocols === null) return [];
    if (Array.isArray(protocols)) return protocols.map(function (p) { return typeof p === 'string' ? p : Buffer.from(p).toString('latin1'); });
    if (protocols instanceof Uint8Array) {
      var list = [];
      for (var i = 0; i < protocols.length;) {
        var length = protocols[i];
        list.push(Buffer.from(protocols.subarray(i + 1, i + 1 + length)).toString('latin1'));
        i += 1 + length;
      }
      return list;
    }
    throw errors.invalidArgType('options.ALPNProtocols', ['Array', 'Buffer', 'TypedArray', 'DataView'], protocols);
  }

  // What the host needs of Node's options: strings, booleans and arrays of strings only.
  function hostOptions(options, host) {
    // A secure context made by tls.createSecureContext carries the options it was made with (mysql2 passes only that).
    var context = options.secureContext && options.secureContext.options;
    if (context) {
      options = Object.assign({}, options);
      ['ca', 'cert', 'key', 'passphrase', 'pfx', 'minVersion', 'maxVersion'].forEach(function (name) {
        if (options[name] === undefined && context[name] !== undefined) options[name] = context[name];
      });
    }
    if (options.pfx !== undefined) {
      throw refusal.refusal('tls.connect({ pfx })', 'give the client certificate and key as PEM (`cert` and `key`)', 'ERR_HOOKS_TLS_OPTION');
    }
    // SNI only when the caller names a server, as Node's tls.connect (https and its agents pass the host as servername).
    var servername = options.servername !== undefined && options.servername !== null && options.servername !== '' ? '' + options.servername : null;
    var cert = pemList(options.cert)[0];
    var key = options.key === undefined || options.key === null ? undefined : pemList(Array.isArray(options.key) ? options.key[0] : options.key)[0];
    var result = {
      rejectUnauthorized: options.rejectUnauthorized !== false,
      ca: pemList(options.ca),
      alpn: alpnList(options.ALPNProtocols),
    };
    if (servername !== null) result.servername = servername;
    if (cert !== undefined && key !== undefined) { result.cert = cert; result.key = key; }
    if (typeof options.passphrase === 'string') result.passphrase = options.passphrase;
    if (typeof options.minVersion === 'string') result.minVersion = options.minVersion;
    if (typeof options.maxVersion === 'string') result.maxVersion = options.maxVersion;
    return result;
  }

  return { pemList: pemList, alpnList: alpnList, hostOptions: hostOptions };
})
