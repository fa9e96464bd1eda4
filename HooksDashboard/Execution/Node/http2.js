// Node's `http2`, present but refusing sessions: hooks may not open sockets on the server. HTTP clients (superagent,
// axios) require it at load time and read its header-name constants; they use HTTP/1.1 unless told otherwise.
(function () {
  'use strict';
  function refuse(name) {
    return function () {
      var error = new Error("Node's 'http2' module is not available to hooks: hooks may not open sockets on the server (http2." + name + ' was called)');
      error.code = 'ERR_HOOKS_MODULE_REFUSED';
      throw error;
    };
  }
  var constants = {
    NGHTTP2_CANCEL: 8,
    NGHTTP2_REFUSED_STREAM: 7,
    NGHTTP2_NO_ERROR: 0,
    HTTP2_HEADER_STATUS: ':status',
    HTTP2_HEADER_METHOD: ':method',
    HTTP2_HEADER_AUTHORITY: ':authority',
    HTTP2_HEADER_SCHEME: ':scheme',
    HTTP2_HEADER_PATH: ':path',
    HTTP2_HEADER_PROTOCOL: ':protocol',
    HTTP2_HEADER_HOST: 'host',
    HTTP2_HEADER_SET_COOKIE: 'set-cookie',
    HTTP2_HEADER_CONTENT_TYPE: 'content-type',
    HTTP2_HEADER_CONTENT_LENGTH: 'content-length',
    HTTP2_HEADER_CONTENT_ENCODING: 'content-encoding',
    HTTP2_HEADER_ACCEPT: 'accept',
    HTTP2_HEADER_ACCEPT_ENCODING: 'accept-encoding',
    HTTP2_HEADER_AUTHORIZATION: 'authorization',
    HTTP2_HEADER_USER_AGENT: 'user-agent',
    HTTP2_HEADER_LOCATION: 'location',
    HTTP2_METHOD_GET: 'GET',
    HTTP2_METHOD_POST: 'POST',
    HTTP_STATUS_OK: 200,
  };
  return {
    constants: constants,
    connect: refuse('connect'),
    createServer: refuse('createServer'),
    createSecureServer: refuse('createSecureServer'),
    getDefaultSettings: function getDefaultSettings() { return {}; },
    getPackedSettings: refuse('getPackedSettings'),
    getUnpackedSettings: refuse('getUnpackedSettings'),
    sensitiveHeaders: Symbol('nodejs.http2.sensitiveHeaders'),
    Http2ServerRequest: refuse('Http2ServerRequest'),
    Http2ServerResponse: refuse('Http2ServerResponse'),
  };
})
