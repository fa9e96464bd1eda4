// Modules refused to a hook's own require, as a package sees them: what works without the host matches node; what
// would reach it fails like an absent file (checked here on paths that do not exist in node either).
var m = require('host-standins');
var missing = '/nonexistent-hooks-fixture/dir/file.txt';
function show(label, f) {
  try { console.log(label, f()); } catch (e) { console.log(label, 'threw', e.code, e.errno, e.syscall, e.path, e.message.indexOf(e.code + ': ') === 0); }
}
show('readFileSync', function () { return m.fs.readFileSync(missing, 'utf8'); });
show('statSync', function () { return m.fs.statSync(missing); });
show('lstatSync', function () { return m.fs.lstatSync(missing); });
show('accessSync', function () { return m.fs.accessSync(missing, m.fs.constants.R_OK); });
show('readdirSync', function () { return m.fs.readdirSync(missing); });
show('openSync', function () { return m.fs.openSync(missing, 'r'); });
show('fstatSync', function () { return m.fs.fstatSync(987); });
show('readFileSync fd', function () { return m.fs.readFileSync(987); });
show('statSync quiet', function () { return m.fs.statSync(missing, { throwIfNoEntry: false }); });
show('existsSync', function () { return m.fs.existsSync(missing); });
show('root', function () { m.fs.accessSync('/'); return [m.fs.statSync('/').isDirectory(), m.fs.statSync('/').isFile(), m.fs.lstatSync('//').isDirectory(), m.fs.existsSync('/'), Array.isArray(m.fs.readdirSync('/'))]; });
show('bad path', function () { return m.fs.readFileSync({}); });
show('no callback', function () { return m.fs.readFile(missing); });
show('constants', function () { return [m.fs.constants.O_CREAT, m.fs.constants.S_IFREG, m.fs.F_OK, m.fs.R_OK, m.fs.promises === m.fsPromises]; });
show('isIP', function () {
  return ['127.0.0.1', '::1', '::ffff:10.0.0.1', 'fe80::1%eth0', '1:2:3:4:5:6:7:8', '1::2::3', '01.2.3.4', '256.1.1.1', 'a.b', '', '2001:db8::'].map(m.net.isIP);
});
show('isIPv4/6', function () { return [m.net.isIPv4('10.1.2.3'), m.net.isIPv4('::1'), m.net.isIPv6('::1'), m.net.isIPv6('1.2.3.4')]; });
show('tty', function () { return [m.tty.isatty(0), m.tty.isatty(1), m.tty.isatty(2)]; });
show('tls', function () { return [m.tls.DEFAULT_MIN_VERSION, m.tls.DEFAULT_MAX_VERSION, m.tls.DEFAULT_ECDH_CURVE, typeof m.tls.createSecureContext, typeof m.tls.connect]; });
show('http2', function () {
  var c = m.http2.constants;
  return [c.HTTP2_HEADER_STATUS, c.HTTP2_HEADER_METHOD, c.HTTP2_METHOD_POST, c.NGHTTP2_CANCEL, c.HTTP_STATUS_OK, m.http2.getDefaultSettings()];
});
show('dns', function () { return [m.dns.ADDRCONFIG, m.dns.V4MAPPED, m.dns.NOTFOUND, m.dns.getDefaultResultOrder(), m.dnsPromises === m.dns.promises]; });
show('domain', function () { var d = m.domain.create(); return [m.domain.active, d.run(function (a) { return a * 2; }, 21), d instanceof require('events')]; });
show('child_process', function () { return ['spawn', 'exec', 'execFile', 'fork', 'execSync'].map(function (n) { return typeof m.childProcess[n]; }); });
show('process streams', function () { return [process.stdout.fd, process.stderr.fd, process.stdout.isTTY, typeof process.stderr.write]; });
process.stdout.write('written to stdout\n');
// Standard output and error as descriptors (pino writes its lines with fs.write(1, ...) through sonic-boom).
show('writeSync 1', function () { return m.fs.writeSync(1, 'fd one line\n'); });
show('writeSync part', function () { return m.fs.writeSync(1, Buffer.from('xxpart of a buffer\n!'), 2, 17); });
show('writeSync options', function () { return m.fs.writeSync(1, new Uint8Array([0x41, 0x42, 0x0a]), { offset: 1 }); });
show('writeSync utf8', function () { return m.fs.writeSync(1, 'Zoë ✓\n'); });
show('writeSync empty', function () { return m.fs.writeSync(1, ''); });
show('writeSync bad', function () { return m.fs.writeSync(1, 5); });
show('writeSync range', function () { return m.fs.writeSync(1, Buffer.from('ab'), 3); });
[[0.5], [-1], [0, 5], ['x']].forEach(function (args) {
  try { m.fs.writeSync.apply(null, [1, Buffer.from('ab')].concat(args)); } catch (e) { console.log('writeSync', JSON.stringify(args), e.code, e.message); }
});
show('writeSync seek', function () { return m.fs.writeSync(1, 'x', 0); });
show('writeSync closed', function () { return m.fs.writeSync(987, 'x'); });
show('worker_threads', function () {
  var w = m.workerThreads;
  w.setEnvironmentData('k', 1);
  return [w.isMainThread, w.threadId, w.parentPort, w.workerData, w.resourceLimits, w.SHARE_ENV === Symbol.for('nodejs.worker_threads.SHARE_ENV'), w.getEnvironmentData('k'), typeof w.Worker, Object.keys(w)];
});
// async_hooks: a store for the synchronous extent of run(), and where code binds it (AsyncResource, bind, snapshot).
show('async_hooks', function () {
  var ah = m.asyncHooks, als = new ah.AsyncLocalStorage(), out = [];
  out.push(als.getStore(), als.run({ user: 1 }, function (a) { return [als.getStore(), a]; }, 'arg'), als.getStore());
  var resource, bound, snap;
  als.run('inside', function () { resource = new ah.AsyncResource('Job'); bound = ah.AsyncLocalStorage.bind(function () { return als.getStore(); }); snap = ah.AsyncLocalStorage.snapshot(); });
  out.push(resource.runInAsyncScope(function (x) { return [als.getStore(), x]; }, null, 5), bound(), snap(function () { return als.getStore(); }), als.getStore());
  als.enterWith('entered');
  out.push(als.getStore(), als.exit(function () { return als.getStore(); }), als.getStore());
  als.disable();
  var hook = ah.createHook({ init: function () {} });
  out.push(als.getStore(), hook.enable() === hook, typeof resource.asyncId(), ah.executionAsyncId(), ah.triggerAsyncId(), Object.keys(ah).join(','));
  try { ah.createHook({ init: 5 }); } catch (e) { out.push(e.code); }
  return out;
});
// Error.captureStackTrace, which packages' error classes call (V8 has it, Jint does not).
function MyError(message) { this.name = 'MyError'; this.message = message; Error.captureStackTrace(this, MyError); }
show('captureStackTrace', function () {
  var e = new MyError('boom');
  var d = Object.getOwnPropertyDescriptor(e, 'stack');
  return [e.stack.split('\n')[0], d.enumerable, d.writable, d.configurable, Error.stackTraceLimit];
});
show('captureStackTrace(5)', function () { try { Error.captureStackTrace(5); } catch (x) { return [x.name, x.message]; } });
show('vm', function () { return [Object.keys(m.vm).join(), m.vm.isContext({}), typeof m.vm.Script, Object.keys(m.vm.constants).join()]; });

// The asynchronous forms one after another (node completes file operations on its thread pool, in any order).
var steps = [
  function (next) { m.fs.readFile(missing, function (err, data) { console.log('readFile', err.code, err.syscall, err.path, data); next(); }); },
  function (next) { m.fs.stat(missing, function (err) { console.log('stat', err.code, err.syscall); next(); }); },
  function (next) { m.fsPromises.readFile(missing).catch(function (err) { console.log('promises.readFile', err.code, err.errno, err.syscall, err.path); next(); }); },
  function (next) { m.fs.createReadStream(missing).on('error', function (err) { console.log('createReadStream', err.code, err.syscall, err.path); next(); }); },
  function (next) { m.fs.exists(missing, function (exists) { console.log('exists', exists); next(); }); },
  function (next) { m.fs.write(1, 'fd write line\n', function (err, n, s) { console.log('write', err, n, JSON.stringify(s)); next(); }); },
  function (next) { m.fs.write(2, Buffer.from('to stderr\n'), function (err, n, b) { console.log('write 2', err, n, b); next(); }); },
  function (next) { m.fs.write(1, Buffer.from('abcd\nef'), 2, 3, null, function (err, n) { console.log('write part', err, n); next(); }); },
  function (next) { m.fs.write(1, 'seek', 0, 'utf8', function (err, n) { console.log('write seek', err.code, err.syscall, n); next(); }); },
  function (next) {
    var rl = m.readline.createInterface({ input: require('stream').Readable.from(['first\nsec', 'ond\r\nthird\r', '\nlast']) });
    var lines = [];
    rl.on('line', function (line) { lines.push(line); });
    rl.on('close', function () { console.log('readline', lines, rl.closed); next(); });
  },
  function (next) {
    (async function () {
      var got = [];
      for await (var line of m.readline.createInterface({ input: require('stream').Readable.from(['x\ny\n\nz']) })) got.push(line);
      var out = new (require('stream').PassThrough)();
      m.readline.cursorTo(out, 3); m.readline.cursorTo(out, 3, 4); m.readline.moveCursor(out, -1, 2); m.readline.clearLine(out, 0); m.readline.clearScreenDown(out);
      console.log('readline iterated', got, JSON.stringify(out.read().toString()), Object.keys(m.readline).join(','));
    })().then(next);
  },
  function (next) {
    var stream = m.fs.createWriteStream(null, { fd: 1, autoClose: false });
    stream.write('stream line\n');
    stream.end('stream end\n', function () { console.log('stream', stream.bytesWritten, stream.pending); next(); });
  },
  function (next) { m.dns.lookup('127.0.0.1', function (err, address, family) { console.log('lookup', err, address, family); next(); }); },
  function (next) { m.dns.lookup('::1', { all: true }, function (err, all) { console.log('lookup all', err, all); next(); }); },
  function (next) { m.dnsPromises.lookup('10.0.0.1').then(function (r) { console.log('promises.lookup', r); next(); }); },
  // Argument handling as Node's, without a resolver: empty names, a null family, bad families and record types.
  function (next) { m.dns.lookup('', function (err, address, family) { console.log('lookup empty', err, address, family); next(); }); },
  function (next) { m.dns.lookup('', { all: true }, function (err, all) { console.log('lookup empty all', err, all); next(); }); },
  function (next) { m.dns.lookup('10.1.2.3', { family: null }, function (err, address, family) { console.log('lookup family null', err, address, family); next(); }); },
  function (next) {
    [function () { m.dns.resolve('example.com', 'FOO', function () {}); }, function () { m.dns.resolve('example.com', 5, function () {}); },
      function () { m.dns.resolve4(5, function () {}); }, function () { m.dns.lookup('x', { family: 5 }, function () {}); }].forEach(function (f) {
      try { f(); console.log('no throw'); } catch (e) { console.log(e.name, e.code, e.message); }
    });
    next();
  },
];
var finished = new Promise(function (resolve) {
  (function run(i) { if (i < steps.length) steps[i](function () { run(i + 1); }); else resolve(); })(0);
});
module.exports = function (cb) { finished.then(function () { cb(); }); };
