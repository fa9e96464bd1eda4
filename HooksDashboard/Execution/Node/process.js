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
  EventEmitter.call(process);

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
    emitWarning: function emitWarning(warning, type, code) {
      var name = 'Warning';
      if (typeof type === 'string') name = type;
      else if (type && typeof type === 'object' && type.type) name = type.type;
      var text;
      if (warning instanceof Error) {
        name = warning.name;
        text = warning.message;
      } else {
        text = String(warning);
      }
      var codeText = typeof code === 'string' ? '[' + code + '] ' : '';
      var self = this;
      // Node writes warnings on the next tick, after the current code has run.
      binding.nextTick(function () {
        binding.warn('(node:' + binding.pid + ') ' + codeText + name + ': ' + text);
        if (self && typeof self.emit === 'function') self.emit('warning', warning);
      }, []);
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

  // stdout/stderr: no terminal (isTTY false, as tty.isatty(fd)); what is written goes to the hook's console, a
  // trailing newline dropped (console adds one). Logging packages (debug) read `fd` and write here.
  function stream(fd, level) {
    var s = new EventEmitter();
    s.fd = fd;
    s.isTTY = false;
    s.writable = true;
    s.write = function write(chunk, encoding, callback) {
      var text = String(chunk);
      if (text.charAt(text.length - 1) === '\n') text = text.slice(0, -1);
      require('console')[level](text);
      var done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') process.nextTick(done);
      return true;
    };
    s.end = function end(chunk, encoding, callback) {
      if (chunk !== undefined && typeof chunk !== 'function') s.write(chunk, encoding);
      var done = typeof chunk === 'function' ? chunk : typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') process.nextTick(done);
      return s;
    };
    return s;
  }
  var stdout, stderr;
  Object.defineProperty(process, 'stdout', { configurable: true, enumerable: false, get: function () { return stdout || (stdout = stream(1, 'log')); } });
  Object.defineProperty(process, 'stderr', { configurable: true, enumerable: false, get: function () { return stderr || (stderr = stream(2, 'error')); } });
  return process;
})
