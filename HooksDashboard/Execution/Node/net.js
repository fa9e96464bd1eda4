// Node's `net`, present but refusing sockets: hooks may not open sockets on the server (HTTP goes through fetch and
// http/https). Proxy and agent packages (agent-base, https-proxy-agent via jwks-rsa) require it at load time and use
// only isIP & co. unless a proxy is configured.
(function (require) {
  'use strict';
  var URL = require('url').URL;
  function refuse(name) {
    return function () {
      var error = new Error("Node's 'net' module is not available to hooks: hooks may not open sockets on the server (net." + name + ' was called)');
      error.code = 'ERR_HOOKS_MODULE_REFUSED';
      throw error;
    };
  }
  var v4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  function isIPv4(s) { return typeof s === 'string' && v4.test(s); }
  function isIPv6(s) {
    if (typeof s !== 'string' || s.indexOf(':') < 0) return false;
    var zone = s.indexOf('%');
    var text = zone >= 0 ? s.slice(0, zone) : s;
    try { return new URL('http://[' + text + ']/').hostname.length > 2; } catch (e) { return false; }
  }
  function isIP(s) { return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0; }
  return {
    isIP: isIP,
    isIPv4: isIPv4,
    isIPv6: isIPv6,
    connect: refuse('connect'),
    createConnection: refuse('createConnection'),
    createServer: refuse('createServer'),
    Socket: refuse('Socket'),
    Server: refuse('Server'),
    Stream: refuse('Stream'),
    BlockList: refuse('BlockList'),
    SocketAddress: refuse('SocketAddress'),
    getDefaultAutoSelectFamily: function () { return true; },
    setDefaultAutoSelectFamily: function () {},
  };
})
