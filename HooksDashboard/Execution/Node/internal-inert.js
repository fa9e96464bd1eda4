// What a package gets when it requires one of the modules hooks may not use (`fs`, `net`, `tls`, `dns`, `tty`,
// `http2`): the module's shape — constants, classes for `instanceof`, the pure helpers (`net.isIP`, `tty.isatty`) —
// whose every function reaching the host throws ERR_HOOKS_MODULE_REFUSED when called. HTTP clients require these
// at load time for paths a hook never takes (file uploads, proxies, HTTP/2, DNS caches); the hook's own
// `require('fs')` still fails at once (NodeRuntime.RequireForPackage). Returns name -> exports.
(function (require) {
  'use strict';
  var errors = require('internal/errors');

  var REASONS = {
    fs: "hooks run isolated from the server's file system",
    net: 'hooks may not open sockets on the server',
    tls: 'hooks may not open sockets on the server',
    dns: "hooks may not query the server's resolver",
    tty: 'hooks have no terminal',
    http2: 'hooks may not open sockets on the server',
  };

  function refusal(module, name) {
    return errors.make(Error, 'ERR_HOOKS_MODULE_REFUSED',
      module + '.' + name + "(): Node's '" + module + "' module is not available to hooks: " + REASONS[module]);
  }

  function refused(module, name) {
    var f = function () { throw refusal(module, name); };
    Object.defineProperty(f, 'name', { value: name });
    return f;
  }

  function refusedAsync(module, name) {
    var f = function () { return Promise.reject(refusal(module, name)); };
    Object.defineProperty(f, 'name', { value: name });
    return f;
  }

  // A class that exists (for `instanceof` and `extends`) but cannot be constructed.
  function refusedClass(module, name) {
    var C = function () { throw refusal(module, 'new ' + name); };
    Object.defineProperty(C, 'name', { value: name });
    return C;
  }

  function fill(target, module, names, make) {
    names.split(' ').forEach(function (name) { target[name] = make(module, name); });
    return target;
  }

  // ---- fs ----
  var FS_FUNCTIONS = 'access appendFile chmod chown close copyFile cp exists fchmod fchown fdatasync fstat fsync ftruncate futimes ' +
    'lchown link lstat lutimes mkdir mkdtemp open opendir read readdir readFile readlink readv realpath rename rm rmdir stat statfs ' +
    'symlink truncate unlink utimes write writeFile writev watch watchFile unwatchFile createReadStream createWriteStream openAsBlob';
  var fs = {};
  FS_FUNCTIONS.split(' ').forEach(function (name) {
    fs[name] = refused('fs', name);
    if (!/^(watch|watchFile|unwatchFile|createReadStream|createWriteStream|openAsBlob|exists)$/.test(name)) fs[name + 'Sync'] = refused('fs', name + 'Sync');
  });
  fs.existsSync = refused('fs', 'existsSync');
  fs.realpath.native = refused('fs', 'realpath.native');
  fs.realpathSync.native = refused('fs', 'realpathSync.native');
  fill(fs, 'fs', 'ReadStream WriteStream Stats Dirent Dir FileReadStream FileWriteStream', refusedClass);
  fs.constants = {
    UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, UV_DIRENT_UNKNOWN: 0,
    UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4, UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6,
    UV_DIRENT_BLOCK: 7, S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576, S_IFIFO: 4096,
    S_IFLNK: 40960, S_IFSOCK: 49152, O_CREAT: 64, O_EXCL: 128, UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512,
    O_APPEND: 1024, O_DIRECTORY: 65536, O_NOATIME: 262144, O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096,
    O_DIRECT: 16384, O_NONBLOCK: 2048, S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128, S_IXUSR: 64, S_IRWXG: 56, S_IRGRP: 32,
    S_IWGRP: 16, S_IXGRP: 8, S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2, S_IXOTH: 1, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
    UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
    UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
  };
  ['F_OK', 'R_OK', 'W_OK', 'X_OK'].forEach(function (k) { fs[k] = fs.constants[k]; });
  var fsPromises = {};
  FS_FUNCTIONS.split(' ').forEach(function (name) {
    if (!/^(exists|watchFile|unwatchFile|createReadStream|createWriteStream|openAsBlob|close|fchmod|fchown|fdatasync|fstat|fsync|ftruncate|futimes|read|readv|write|writev)$/.test(name)) {
      fsPromises[name] = refusedAsync('fs', 'promises.' + name);
    }
  });
  fsPromises.constants = fs.constants;
  fs.promises = fsPromises;

  // ---- net ----
  var V4 = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
  var V4_RE = new RegExp('^' + V4 + '(?:\\.' + V4 + '){3}$');
  function isIPv4(s) { return V4_RE.test(String(s)); }
  function isIPv6(s) {
    s = String(s);
    var zone = s.indexOf('%');
    if (zone >= 0) { if (zone === s.length - 1) return false; s = s.slice(0, zone); }
    var tail = 0;
    var lastColon = s.lastIndexOf(':');
    if (s.indexOf('.') >= 0) {
      if (!isIPv4(s.slice(lastColon + 1))) return false;
      s = s.slice(0, lastColon + 1) + '0:0';
      tail = 0;
    }
    var halves = s.split('::');
    if (halves.length > 2) return false;
    function groups(part) {
      if (part === '') return [];
      var list = part.split(':');
      for (var i = 0; i < list.length; i++) if (!/^[0-9a-fA-F]{1,4}$/.test(list[i])) return null;
      return list;
    }
    var left = groups(halves[0]);
    if (left === null) return false;
    if (halves.length === 1) return left.length === 8 + tail;
    var right = groups(halves[1]);
    if (right === null) return false;
    return left.length + right.length <= 7;
  }
  function isIP(s) { return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0; }
  var net = {
    isIP: isIP, isIPv4: isIPv4, isIPv6: isIPv6,
    getDefaultAutoSelectFamily: function () { return true; },
    setDefaultAutoSelectFamily: function () {},
    getDefaultAutoSelectFamilyAttemptTimeout: function () { return 250; },
    setDefaultAutoSelectFamilyAttemptTimeout: function () {},
  };
  fill(net, 'net', 'connect createConnection createServer', refused);
  fill(net, 'net', 'Socket Server Stream BlockList SocketAddress', refusedClass);

  // ---- tls ----
  var tls = {
    CLIENT_RENEG_LIMIT: 3, CLIENT_RENEG_WINDOW: 600, DEFAULT_CIPHERS: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA',
    DEFAULT_ECDH_CURVE: 'auto', DEFAULT_MIN_VERSION: 'TLSv1.2', DEFAULT_MAX_VERSION: 'TLSv1.3',
    rootCertificates: Object.freeze([]),
    getCiphers: function () { return ['aes128-gcm-sha256', 'aes128-sha', 'aes128-sha256', 'aes256-gcm-sha384', 'aes256-sha', 'aes256-sha256', 'tls_aes_128_gcm_sha256', 'tls_aes_256_gcm_sha384', 'tls_chacha20_poly1305_sha256']; },
  };
  fill(tls, 'tls', 'connect createServer createSecureContext createSecurePair checkServerIdentity convertALPNProtocols', refused);
  fill(tls, 'tls', 'TLSSocket Server SecureContext', refusedClass);

  // ---- dns ----
  var DNS_FUNCTIONS = 'lookup lookupService resolve resolve4 resolve6 resolveAny resolveCaa resolveCname resolveMx resolveNaptr ' +
    'resolveNs resolvePtr resolveSoa resolveSrv resolveTxt reverse setServers setDefaultResultOrder';
  var dns = fill({}, 'dns', DNS_FUNCTIONS, refused);
  dns.getServers = function () { return []; };
  dns.getDefaultResultOrder = function () { return 'verbatim'; };
  dns.Resolver = refusedClass('dns', 'Resolver');
  dns.ADDRCONFIG = 32; dns.ALL = 16; dns.V4MAPPED = 8;
  'NODATA FORMERR SERVFAIL NOTFOUND NOTIMP REFUSED BADQUERY BADNAME BADFAMILY BADRESP CONNREFUSED TIMEOUT EOF FILE NOMEM DESTRUCTION BADSTR BADFLAGS NONAME BADHINTS NOTINITIALIZED LOADIPHLPAPI ADDRGETNETWORKPARAMS CANCELLED'
    .split(' ').forEach(function (code) { dns[code] = code === 'EOF' ? 'EOF' : 'E' + code; });
  dns.promises = fill({}, 'dns', DNS_FUNCTIONS, function (m, n) { return refusedAsync(m, 'promises.' + n); });
  dns.promises.Resolver = refusedClass('dns', 'promises.Resolver');
  dns.promises.getServers = dns.getServers;

  // ---- tty ----
  var tty = { isatty: function () { return false; } };
  fill(tty, 'tty', 'ReadStream WriteStream', refusedClass);

  // ---- http2 ----
  var http2 = fill({}, 'http2', 'connect createServer createSecureServer getPackedSettings getUnpackedSettings performServerHandshake', refused);
  fill(http2, 'http2', 'Http2ServerRequest Http2ServerResponse', refusedClass);
  http2.sensitiveHeaders = Symbol('nodejs.http2.sensitiveHeaders');
  http2.getDefaultSettings = function () {
    return { headerTableSize: 4096, enablePush: true, initialWindowSize: 65535, maxFrameSize: 16384, maxConcurrentStreams: 4294967295,
      maxHeaderListSize: 65535, maxHeaderSize: 65535, enableConnectProtocol: false };
  };
  var constants = { NGHTTP2_SESSION_SERVER: 0, NGHTTP2_SESSION_CLIENT: 1, NGHTTP2_NO_ERROR: 0, NGHTTP2_PROTOCOL_ERROR: 1,
    NGHTTP2_INTERNAL_ERROR: 2, NGHTTP2_FLOW_CONTROL_ERROR: 3, NGHTTP2_SETTINGS_TIMEOUT: 4, NGHTTP2_STREAM_CLOSED: 5,
    NGHTTP2_FRAME_SIZE_ERROR: 6, NGHTTP2_REFUSED_STREAM: 7, NGHTTP2_CANCEL: 8, NGHTTP2_COMPRESSION_ERROR: 9,
    NGHTTP2_CONNECT_ERROR: 10, NGHTTP2_ENHANCE_YOUR_CALM: 11, NGHTTP2_INADEQUATE_SECURITY: 12, NGHTTP2_HTTP_1_1_REQUIRED: 13,
    NGHTTP2_DEFAULT_WEIGHT: 16, HTTP_STATUS_OK: 200 };
  (':status :method :authority :scheme :path :protocol accept-encoding accept-language accept-ranges accept access-control-allow-credentials ' +
    'access-control-allow-headers access-control-allow-methods access-control-allow-origin access-control-expose-headers ' +
    'access-control-request-headers access-control-request-method age authorization cache-control connection content-disposition ' +
    'content-encoding content-length content-type cookie date etag forwarded host if-modified-since if-none-match if-range ' +
    'last-modified link location range referer server set-cookie strict-transport-security transfer-encoding te ' +
    'upgrade-insecure-requests upgrade user-agent vary x-content-type-options x-frame-options keep-alive proxy-connection ' +
    'x-xss-protection alt-svc content-security-policy early-data expect-ct origin purpose timing-allow-origin x-forwarded-for ' +
    'priority accept-charset access-control-max-age allow content-language content-location content-md5 content-range dnt ' +
    'expect expires from if-match if-unmodified-since max-forwards prefer proxy-authenticate proxy-authorization refresh ' +
    'retry-after trailer tk via warning www-authenticate http2-settings').split(' ').forEach(function (h) {
    constants['HTTP2_HEADER_' + h.replace(/^:/, '').toUpperCase().replace(/-/g, '_')] = h;
  });
  ('ACL BASELINE-CONTROL BIND CHECKIN CHECKOUT CONNECT COPY DELETE GET HEAD LABEL LINK LOCK MERGE MKACTIVITY MKCALENDAR MKCOL ' +
    'MKREDIRECTREF MKWORKSPACE MOVE OPTIONS ORDERPATCH PATCH POST PRI PROPFIND PROPPATCH PUT REBIND REPORT SEARCH TRACE UNBIND ' +
    'UNCHECKOUT UNLINK UNLOCK UPDATE UPDATEREDIRECTREF VERSION-CONTROL').split(' ').forEach(function (m) {
    constants['HTTP2_METHOD_' + m.replace(/-/g, '_')] = m;
  });
  http2.constants = constants;

  return { fs: fs, 'fs/promises': fsPromises, net: net, tls: tls, dns: dns, 'dns/promises': dns.promises, tty: tty, http2: http2 };
})
