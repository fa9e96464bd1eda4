// `net` as packages see it (the hook's own require('net') is refused): the address checks work as Node's; opening a
// socket or a server is refused with a clear error (outbound calls go through fetch/http(s) and the egress policy).
(function (require) {
  'use strict';
  var refused = require('internal/refusal').refused;
  var reason = 'hooks may not open sockets on the server (use fetch or http/https, which go through the egress policy)';
  var v4Seg = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
  var v4Str = '(?:' + v4Seg + '\\.){3}' + v4Seg;
  var v6Seg = '(?:[0-9a-fA-F]{1,4})';
  var IPv4Reg = new RegExp('^' + v4Str + '$');
  var IPv6Reg = new RegExp('^(?:' +
    '(?:' + v6Seg + ':){7}(?:' + v6Seg + '|:)|' +
    '(?:' + v6Seg + ':){6}(?:' + v4Str + '|:' + v6Seg + '|:)|' +
    '(?:' + v6Seg + ':){5}(?::' + v4Str + '|(?::' + v6Seg + '){1,2}|:)|' +
    '(?:' + v6Seg + ':){4}(?:(?::' + v6Seg + '){0,1}:' + v4Str + '|(?::' + v6Seg + '){1,3}|:)|' +
    '(?:' + v6Seg + ':){3}(?:(?::' + v6Seg + '){0,2}:' + v4Str + '|(?::' + v6Seg + '){1,4}|:)|' +
    '(?:' + v6Seg + ':){2}(?:(?::' + v6Seg + '){0,3}:' + v4Str + '|(?::' + v6Seg + '){1,5}|:)|' +
    '(?:' + v6Seg + ':){1}(?:(?::' + v6Seg + '){0,4}:' + v4Str + '|(?::' + v6Seg + '){1,6}|:)|' +
    '(?::(?:(?::' + v6Seg + '){0,5}:' + v4Str + '|(?::' + v6Seg + '){1,7}|:))' +
    ')(?:%[0-9a-zA-Z-.:]{1,})?$');
  function isIPv4(s) { return IPv4Reg.test('' + s); }
  function isIPv6(s) { return IPv6Reg.test('' + s); }
  function isIP(s) { return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0; }

  var Socket = refused('net.Socket()', reason);
  var Server = refused('net.Server()', reason);
  var autoSelectFamily = true;
  var attemptTimeout = 250;
  return {
    isIP: isIP, isIPv4: isIPv4, isIPv6: isIPv6,
    Socket: Socket, Stream: Socket, Server: Server,
    connect: refused('net.connect()', reason),
    createConnection: refused('net.createConnection()', reason),
    createServer: refused('net.createServer()', reason),
    getDefaultAutoSelectFamily: function getDefaultAutoSelectFamily() { return autoSelectFamily; },
    setDefaultAutoSelectFamily: function setDefaultAutoSelectFamily(v) { autoSelectFamily = !!v; },
    getDefaultAutoSelectFamilyAttemptTimeout: function getDefaultAutoSelectFamilyAttemptTimeout() { return attemptTimeout; },
    setDefaultAutoSelectFamilyAttemptTimeout: function setDefaultAutoSelectFamilyAttemptTimeout(v) { attemptTimeout = v; },
  };
})
