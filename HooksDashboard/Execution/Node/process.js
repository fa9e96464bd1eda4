// Node's `process` for a hook: an EventEmitter with a Node 20 identity, a per-invocation `env` (never the host's
// environment) that stores strings as Node's does, `nextTick`, and clocks. Nothing here reaches the host:
// `exit`, `kill`, `chdir` and friends throw.
(function (require, binding) {
  'use strict';
  var errors = require('internal/errors');
  var EventEmitter = require('events');

  // A constructor named `process`, so util.inspect prints `process { ... }` as Node does.
  var ProcessConstructor = function process() {};
  ProcessConstructor.prototype = Object.create(EventEmitter.prototype, {
    constructor: { value: ProcessConstructor, writable: true, configurable: true },
  });
  var process = new ProcessConstructor();
  var warningHintShown = false;
  EventEmitter.call(process);
  // Object.prototype.toString(process) is '[object process]' in Node: axios and others detect Node by it.
  Object.defineProperty(process, Symbol.toStringTag, { value: 'process', writable: true, enumerable: false, configurable: false });

  // Assignments store strings (`process.env.X = 5` reads back '5'), a Symbol throws, as in Node.
  var envTarget = {};
  var env = new Proxy(envTarget, {
    set: function (target, key, value) {
      if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
      target[key] = '' + value;
      return true;
    },
    defineProperty: function (target, key, descriptor) {
      if (descriptor.get || descriptor.set) {
        throw errors.make(TypeError, 'ERR_INVALID_OBJECT_DEFINE_PROPERTY', "'process.env' does not accept an accessor(getter/setter) descriptor");
      }
      if (!descriptor.configurable || !descriptor.writable || !descriptor.enumerable) {
        throw errors.make(TypeError, 'ERR_INVALID_OBJECT_DEFINE_PROPERTY', "'process.env' only accepts a configurable, writable, and enumerable data descriptor");
      }
      if (typeof descriptor.value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
      target[key] = '' + descriptor.value;
      return true;
    },
  });

  function refused(name, why) {
    return function () {
      throw errors.make(Error, 'ERR_HOOKS_PROCESS_REFUSED', 'process.' + name + '() is not available to hooks: ' + why);
    };
  }

  function hrtime(previous) {
    var now = binding.hrtime();
    if (previous !== undefined) {
      if (!Array.isArray(previous)) throw errors.invalidArgType('time', 'Array', previous);
      if (previous.length !== 2) throw errors.make(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "time" is out of range. It must be 2. Received ' + previous.length);
      var sec = now[0] - previous[0];
      var nsec = now[1] - previous[1];
      if (nsec < 0) {
        sec -= 1;
        nsec += 1e9;
      }
      return [sec, nsec];
    }
    return now;
  }
  hrtime.bigint = function bigint() {
    var now = binding.hrtime();
    return BigInt(now[0]) * 1000000000n + BigInt(now[1]);
  };

  var versions = {
    node: '20.20.2', acorn: '8.16.0', ada: '2.9.2', ares: '1.34.6', brotli: '1.1.0', cjs_module_lexer: '2.2.0',
    cldr: '48.0', icu: '78.2', llhttp: '9.3.1', modules: '115', napi: '9', nghttp2: '1.61.0', openssl: '3.0.19',
    simdutf: '6.4.2', tz: '2025c', undici: '6.24.1', unicode: '17.0', uv: '1.46.0', uvwasi: '0.0.23',
    v8: '11.3.244.8-node.38', zlib: '1.3.1-e00f703',
  };

  var props = {
    title: 'node',
    version: 'v' + versions.node,
    versions: versions,
    arch: 'x64',
    platform: 'linux',
    release: { name: 'node', lts: 'Iron' },
    env: env,
    argv: ['/usr/local/bin/node', '/hook.js'],
    argv0: 'node',
    execArgv: [],
    execPath: '/usr/local/bin/node',
    pid: binding.pid,
    ppid: 0,
    exitCode: undefined,
    config: { variables: {} },
    features: { inspector: false, debug: false, uv: true, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: true, tls: true },
    hrtime: hrtime,
    nextTick: function nextTick(callback) {
      errors.validateFunction(callback, 'callback');
      binding.nextTick(callback, Array.prototype.slice.call(arguments, 1));
    },
    cwd: function cwd() { return '/'; },
    uptime: function uptime() { return binding.uptime(); },
    memoryUsage: Object.assign(function memoryUsage() {
      return { rss: 50331648, heapTotal: 16777216, heapUsed: 8388608, external: 1048576, arrayBuffers: 16384 };
    }, { rss: function rss() { return 50331648; } }),
    cpuUsage: function cpuUsage() { return { user: 0, system: 0 }; },
    resourceUsage: function resourceUsage() { return {}; },
    // Node's emitWarning: a warning Error (name = type, code, detail) written as Node's default listener writes it,
    // `(node:PID) [code] Name: message`, the first one with the `--trace-warnings` hint, then emitted as 'warning'.
    emitWarning: function emitWarning(warning, type, code, ctor) {
      var detail;
      if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
        code = type.code;
        if (typeof type.detail === 'string') detail = type.detail;
        type = type.type || 'Warning';
      } else if (typeof type === 'function') {
        code = undefined;
        type = 'Warning';
      }
      if (type !== undefined) errors.validateString(type, 'type');
      if (typeof code === 'function') code = undefined;
      else if (code !== undefined) errors.validateString(code, 'code');
      if (typeof warning === 'string') {
        var created = new Error(warning);
        created.name = String(type || 'Warning');
        if (code !== undefined) created.code = code;
        if (detail !== undefined) created.detail = detail;
        warning = created;
      } else if (!(warning instanceof Error)) {
        throw errors.invalidArgType('warning', ['Error', 'string'], warning);
      }
      if (warning.name === 'DeprecationWarning') {
        if (process.noDeprecation) return;
        // Thrown on the next tick, as Node does (after the warnings before it are written), as an uncaught exception.
        if (process.throwDeprecation) { binding.nextTick(function () { throw warning; }, []); return; }
      }
      binding.nextTick(function () { process.emit('warning', warning); }, []);
    },
    umask: function umask() { return 18; },
    getuid: function getuid() { return 1000; },
    geteuid: function geteuid() { return 1000; },
    getgid: function getgid() { return 1000; },
    getegid: function getegid() { return 1000; },
    getgroups: function getgroups() { return [1000]; },
    exit: refused('exit', 'a hook ends by calling cb(err, result)'),
    reallyExit: refused('reallyExit', 'a hook ends by calling cb(err, result)'),
    abort: refused('abort', 'a hook ends by calling cb(err, result)'),
    kill: refused('kill', 'hooks may not signal processes'),
    chdir: refused('chdir', 'hooks have no working directory to change'),
    dlopen: refused('dlopen', 'hooks may not load native code'),
    binding: refused('binding', "hooks run without Node's internals"),
    setuid: refused('setuid', 'hooks may not change the server process'),
    setgid: refused('setgid', 'hooks may not change the server process'),
  };
  var keys = Object.keys(props);
  for (var i = 0; i < keys.length; i++) process[keys[i]] = props[keys[i]];
  // process.mainModule is require.main (the runner's module, not the hook's), built when first read.
  Object.defineProperty(process, 'mainModule', {
    get: function () { return binding.mainModule(); },
    set: function (value) { Object.defineProperty(process, 'mainModule', { value: value, writable: true, enumerable: true, configurable: true }); },
    enumerable: true, configurable: true,
  });
  // Node's default 'warning' listener (installed at start-up, so removing it silences warnings): `(node:PID) [code]
  // Name: message`, the detail, and the first time the --trace hint.
  process.on('warning', function onWarning(warning) {
    var text = '(node:' + binding.pid + ') ' + (warning.code ? '[' + warning.code + '] ' : '') +
      (typeof warning.toString === 'function' ? warning.toString() : Error.prototype.toString.call(warning));
    if (typeof warning.detail === 'string') text += '\n' + warning.detail;
    if (!warningHintShown) {
      warningHintShown = true;
      text += '\n(Use `node ' + (warning.name === 'DeprecationWarning' ? '--trace-deprecation' : '--trace-warnings') + ' ...` to show where the warning was created)';
    }
    binding.warn(text);
  });

  // stdout/stderr: what is written goes to the invocation's console lines (stdout as 'log', stderr as 'error'; one
  // trailing newline dropped), never to the server's streams; neither is a terminal. Built on first read, as `debug`
  // and loggers read process.stderr.fd at load.
  function output(fd, level) {
    var stream = new EventEmitter();
    stream.fd = fd;
    stream.writable = true;
    stream.write = function write(chunk, encoding, callback) {
      if (typeof encoding === 'function') callback = encoding;
      var text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? require('buffer').Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8') : errors.invalidArgType('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
      if (typeof text !== 'string') throw text;
      binding.write(level, text.endsWith('\n') ? text.slice(0, -1) : text);
      if (typeof callback === 'function') binding.nextTick(callback, []);
      return true;
    };
    stream.end = function end(chunk, encoding, callback) { if (chunk != null && typeof chunk !== 'function') stream.write(chunk, encoding); return stream; };
    stream.hasColors = function hasColors() { return false; };
    stream.getColorDepth = function getColorDepth() { return 1; };
    stream.cork = function cork() {};
    stream.uncork = function uncork() {};
    return stream;
  }
  var streams = {};
  [['stdout', 1, 'log'], ['stderr', 2, 'error']].forEach(function (s) {
    Object.defineProperty(process, s[0], {
      get: function () { return streams[s[0]] || (streams[s[0]] = output(s[1], s[2])); },
      enumerable: false, configurable: true,
    });
  });
  return process;
})
