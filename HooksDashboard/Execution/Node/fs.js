// `fs` as packages see it (the hook's own require('fs') is refused, see NodeModules.ForPackages): an empty,
// read-only file system (its root folder exists, empty). Many packages require fs at load for optional files (a credentials file in the home folder,
// a form-data file stream, a .env) and cope when a file is missing, so every read fails as Node fails for a path that
// does not exist (ENOENT, with Node's code/errno/syscall/path), every write as on a read-only file system (EROFS),
// every descriptor operation as for a closed descriptor (EBADF); the message names the policy. Nothing reaches the host.
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  var process = require('process');
  var policy = ' (HooksDashboard: hooks have no file system; packages see an empty, read-only one)';
  var codes = { ENOENT: [-2, 'no such file or directory'], EROFS: [-30, 'read-only file system'], EBADF: [-9, 'bad file descriptor'] };

  function toPath(value, name) {
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object' && value instanceof Uint8Array) return require('buffer').Buffer.from(value).toString();
    if (value && typeof value === 'object' && typeof value.href === 'string' && value.protocol === 'file:') return require('url').fileURLToPath(value);
    throw errors.invalidArgType(name || 'path', ['string', 'Buffer', 'URL'], value);
  }

  function fsError(code, syscall, path) {
    var info = codes[code];
    var error = new Error(code + ': ' + info[1] + ', ' + syscall + (path === undefined ? '' : " '" + path + "'") + policy);
    error.errno = info[0];
    error.code = code;
    error.syscall = syscall;
    if (path !== undefined) error.path = path;
    return error;
  }

  // How each operation fails: [code, syscall, how its first argument is read].
  var path = 'path', fd = 'fd', none = 'none';
  var operations = {
    access: ['ENOENT', 'access', path], stat: ['ENOENT', 'stat', path], lstat: ['ENOENT', 'lstat', path],
    readFile: ['ENOENT', 'open', 'file'], readdir: ['ENOENT', 'scandir', path], readlink: ['ENOENT', 'readlink', path],
    realpath: ['ENOENT', 'lstat', 'realpath'], open: ['ENOENT', 'open', 'open'], opendir: ['ENOENT', 'opendir', path],
    statfs: ['ENOENT', 'statfs', path], copyFile: ['ENOENT', 'copyfile', path], cp: ['ENOENT', 'lstat', path],
    rename: ['ENOENT', 'rename', path], link: ['ENOENT', 'link', path], unlink: ['ENOENT', 'unlink', path],
    rmdir: ['ENOENT', 'rmdir', path], rm: ['ENOENT', 'lstat', path], chmod: ['ENOENT', 'chmod', path],
    lchmod: ['ENOENT', 'lchmod', path], chown: ['ENOENT', 'chown', path], lchown: ['ENOENT', 'lchown', path],
    utimes: ['ENOENT', 'utime', path], lutimes: ['ENOENT', 'lutime', path], truncate: ['ENOENT', 'open', path],
    writeFile: ['EROFS', 'open', 'file'], appendFile: ['EROFS', 'open', 'file'], mkdir: ['EROFS', 'mkdir', path],
    mkdtemp: ['EROFS', 'mkdtemp', 'prefix'], symlink: ['EROFS', 'symlink', path],
    close: ['EBADF', 'close', fd], fstat: ['EBADF', 'fstat', fd], fsync: ['EBADF', 'fsync', fd],
    fdatasync: ['EBADF', 'fdatasync', fd], ftruncate: ['EBADF', 'ftruncate', fd], fchmod: ['EBADF', 'fchmod', fd],
    fchown: ['EBADF', 'fchown', fd], futimes: ['EBADF', 'futime', fd], read: ['EBADF', 'read', fd],
    readv: ['EBADF', 'read', fd], write: ['EBADF', 'write', fd], writev: ['EBADF', 'write', fd],
  };

  function failure(name, first) {
    var op = operations[name];
    var how = op[2];
    if (how === fd || ((how === 'file') && typeof first === 'number')) return fsError('EBADF', how === fd ? op[1] : 'fstat');
    var target = toPath(first, how === 'file' ? 'path' : how === 'open' || how === 'realpath' ? 'path' : how);
    if (how === 'realpath') {
      if (target === '/' || target === '') return null;
      target = '/' + target.split('/').filter(Boolean)[0];
    }
    return fsError(op[0], op[1], target);
  }

  // The root folder exists, empty: packages that resolve requires from process.cwd() (optional-require's require-at,
  // mongodb 3) stat it first. What each reading operation answers for it; every other path is absent.
  var ROOT_ANSWERS = {
    stat: function () { return rootStats(); }, lstat: function () { return rootStats(); },
    access: function () { return undefined; }, readdir: function () { return []; },
  };
  function rootAnswer(name, first) {
    if (ROOT_ANSWERS[name] === undefined || typeof first === 'number') return null;
    var target = toPath(first, 'path');
    return target === '/' || /^\/+$/.test(target) ? { value: ROOT_ANSWERS[name]() } : null;
  }

  var fs = {};
  var promises = {};
  Object.keys(operations).forEach(function (name) {
    fs[name + 'Sync'] = { [name + 'Sync']: function (first, options) {
      var root = rootAnswer(name, first);
      if (root !== null) return root.value;
      if ((name === 'stat' || name === 'lstat') && options && options.throwIfNoEntry === false) { toPath(first); return undefined; }
      var error = failure(name, first);
      if (error === null) return '/';
      throw error;
    } }[name + 'Sync'];
    fs[name] = { [name]: function () {
      var callback = arguments[arguments.length - 1];
      errors.validateFunction(callback, 'cb');
      var root = rootAnswer(name, arguments[0]);
      if (root !== null) { process.nextTick(callback, null, root.value); return; }
      var error = failure(name, arguments[0]);
      process.nextTick(callback, error, error === null ? '/' : undefined);
    } }[name];
    if (operations[name][2] !== fd && name !== 'read' && name !== 'write') {
      promises[name] = { [name]: function (first) {
        try {
          var root = rootAnswer(name, first);
          if (root !== null) return Promise.resolve(root.value);
          var error = failure(name, first);
          return error === null ? Promise.resolve('/') : Promise.reject(error);
        } catch (e) {
          return Promise.reject(e);
        }
      } }[name];
    }
  });
  // The process's standard output and error are the hook's console (as process.stdout/stderr are): loggers write
  // their lines to descriptor 1 or 2 directly (pino through sonic-boom). Every other descriptor stays closed.
  function standardStream(fd) {
    return fd === 1 ? process.stdout : fd === 2 ? process.stderr : null;
  }
  // What fs.write/writeSync(fd, buffer | string, ...) writes, as Node reads its arguments; a number for a position
  // fails as Node's pwrite on a pipe does.
  function standardWrite(stream, buffer, a, b, c) {
    var Buffer = require('buffer').Buffer;
    var position;
    if (typeof buffer === 'string') {
      position = a;
      buffer = Buffer.from(buffer, typeof b === 'string' ? b : 'utf8');
    } else if (ArrayBuffer.isView(buffer)) {
      var bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      var offset = a, length = b;
      position = c;
      if (a !== null && typeof a === 'object') { offset = a.offset; length = a.length; position = a.position; }
      offset = offset == null ? 0 : offset;
      checkRange('offset', offset, bytes.length);
      length = length == null ? bytes.length - offset : length;
      checkRange('length', length, bytes.length - offset);
      buffer = bytes.subarray(offset, offset + length);
    } else {
      throw errors.invalidArgType('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
    }
    if (typeof position === 'number' && position >= 0) {
      var error = new Error('ESPIPE: invalid seek, write');
      error.errno = -29; error.code = 'ESPIPE'; error.syscall = 'write';
      throw error;
    }
    if (buffer.length > 0) stream.write(buffer.toString('utf8'));
    return buffer.length;
  }
  // Node's validateInteger, then the bound it breaks (">= 0" or "<= max").
  function checkRange(name, value, max) {
    if (typeof value !== 'number') throw errors.invalidArgType(name, 'number', value);
    if (!Number.isInteger(value)) throw errors.outOfRange(name, 'an integer', value);
    if (value < 0) throw errors.outOfRange(name, '>= 0 && <= 9007199254740991', value);
    if (value > max) throw errors.outOfRange(name, '<= ' + max, value);
  }
  var closedWrite = fs.write, closedWriteSync = fs.writeSync;
  fs.writeSync = function writeSync(fd, buffer, a, b, c) {
    var stream = standardStream(fd);
    if (stream === null) return closedWriteSync.apply(this, arguments);
    return standardWrite(stream, buffer, a, b, c);
  };
  fs.write = function write(fd, buffer) {
    var stream = standardStream(fd);
    if (stream === null) return closedWrite.apply(this, arguments);
    var args = Array.prototype.slice.call(arguments, 2);
    var callback = args.pop();
    errors.validateFunction(callback, 'cb');
    var written;
    try {
      written = standardWrite(stream, buffer, args[0], args[1], args[2]);
    } catch (error) {
      if (error.code !== 'ESPIPE') throw error;
      process.nextTick(callback, error, 0, buffer);
      return;
    }
    process.nextTick(callback, null, written, buffer);
  };
  fs.realpathSync.native = fs.realpathSync;
  fs.realpath.native = fs.realpath;

  function isRoot(p) { return typeof p === 'string' && /^\/+$/.test(p); }
  fs.existsSync = function existsSync(p) { return isRoot(p); };
  fs.exists = function exists(p, callback) {
    errors.validateFunction(callback, 'cb');
    process.nextTick(callback, isRoot(p));
  };
  fs.watch = function watch(p) { throw fsError('ENOENT', 'watch', toPath(p, 'filename')); };
  fs.watchFile = function watchFile(p) { toPath(p, 'filename'); return new (require('events'))(); };
  fs.unwatchFile = function unwatchFile() {};
  fs.openAsBlob = function openAsBlob(p) { return Promise.reject(fsError('ENOENT', 'open', toPath(p))); };
  promises.watch = function watch(p) { throw fsError('ENOENT', 'watch', toPath(p, 'filename')); };

  // Streams: created at once, failing on the next tick as Node's do when the open fails.
  function ReadStream(p, options) {
    if (!(this instanceof ReadStream)) return new ReadStream(p, options);
    require('stream').Readable.call(this, { highWaterMark: 65536 });
    this.path = options && typeof options.fd === 'number' ? undefined : toPath(p);
    this.fd = options && typeof options.fd === 'number' ? options.fd : null;
    this.bytesRead = 0;
    this.pending = true;
    var stream = this;
    var error = this.fd !== null ? fsError('EBADF', 'read') : fsError('ENOENT', 'open', this.path);
    process.nextTick(function () { stream.destroy(error); });
  }
  Object.setPrototypeOf(ReadStream.prototype, require('stream').Readable.prototype);
  Object.setPrototypeOf(ReadStream, require('stream').Readable);
  ReadStream.prototype._read = function () {};
  ReadStream.prototype.close = function (callback) { if (typeof callback === 'function') this.once('close', callback); this.destroy(); };

  function WriteStream(p, options) {
    if (!(this instanceof WriteStream)) return new WriteStream(p, options);
    require('stream').Writable.call(this, {});
    this.path = options && typeof options.fd === 'number' ? undefined : toPath(p);
    this.fd = options && typeof options.fd === 'number' ? options.fd : null;
    this.bytesWritten = 0;
    this.pending = this.fd === null;
    if (this.fd === 1 || this.fd === 2) return;
    var stream = this;
    var error = this.fd !== null ? fsError('EBADF', 'write') : fsError('EROFS', 'open', this.path);
    process.nextTick(function () { stream.destroy(error); });
  }
  Object.setPrototypeOf(WriteStream.prototype, require('stream').Writable.prototype);
  Object.setPrototypeOf(WriteStream, require('stream').Writable);
  WriteStream.prototype._write = function (chunk, encoding, callback) {
    if (this.fd !== 1 && this.fd !== 2) { callback(fsError('EROFS', 'write')); return; }
    this.bytesWritten += fs.writeSync(this.fd, chunk);
    callback();
  };
  WriteStream.prototype.close = function (callback) { if (typeof callback === 'function') this.once('close', callback); this.destroy(); };

  fs.ReadStream = ReadStream;
  fs.WriteStream = WriteStream;
  fs.FileReadStream = ReadStream;
  fs.FileWriteStream = WriteStream;
  fs.createReadStream = function createReadStream(p, options) { return new ReadStream(p, options); };
  fs.createWriteStream = function createWriteStream(p, options) { return new WriteStream(p, options); };

  // Classes packages test against (instanceof) or build; no instance ever comes from this file system.
  function Stats() {}
  ['isFile', 'isDirectory', 'isSymbolicLink', 'isBlockDevice', 'isCharacterDevice', 'isFIFO', 'isSocket'].forEach(function (n) {
    Stats.prototype[n] = function () { return false; };
  });
  // The root folder's stats: a directory owned by root, dated the epoch.
  function rootStats() {
    var stats = Object.create(Stats.prototype);
    var epoch = new Date(0);
    Object.assign(stats, { dev: 0, mode: 16877, nlink: 1, uid: 0, gid: 0, rdev: 0, blksize: 4096, ino: 2, size: 4096, blocks: 8,
      atimeMs: 0, mtimeMs: 0, ctimeMs: 0, birthtimeMs: 0, atime: epoch, mtime: epoch, ctime: epoch, birthtime: epoch });
    stats.isDirectory = function () { return true; };
    return stats;
  }
  function Dirent(name, type) { this.name = name; this.path = undefined; }
  Dirent.prototype = Object.create(Stats.prototype, { constructor: { value: Dirent, writable: true, configurable: true } });
  function Dir() { throw fsError('ENOENT', 'opendir', undefined); }
  fs.Stats = Stats;
  fs.Dirent = Dirent;
  fs.Dir = Dir;

  var constants = require('internal/fs_constants');
  fs.constants = constants;
  fs.F_OK = 0; fs.R_OK = 4; fs.W_OK = 2; fs.X_OK = 1;
  promises.constants = constants;
  fs.promises = promises;
  return fs;
})
