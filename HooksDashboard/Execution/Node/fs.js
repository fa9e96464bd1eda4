// Node's `fs`, present but refusing every use: hooks run isolated from the server's file system. Packages that hooks
// load (auth0 2.x/3.x through form-data, for example) require('fs') at load time and use it only for file uploads;
// refusing at require would make them unusable, so the refusal comes when a function is called.
(function () {
  'use strict';
  var reason = "hooks run isolated from the server's file system";
  function refused(name) {
    var error = new Error("Node's 'fs' module is not available to hooks: " + reason + ' (fs.' + name + ' was called)');
    error.code = 'ERR_HOOKS_MODULE_REFUSED';
    return error;
  }
  function refuse(name) {
    var f = function () { throw refused(name); };
    Object.defineProperty(f, 'name', { value: name });
    return f;
  }
  function refusePromise(name) {
    var f = function () { return Promise.reject(refused('promises.' + name)); };
    Object.defineProperty(f, 'name', { value: name });
    return f;
  }
  var names = ['access', 'appendFile', 'chmod', 'chown', 'close', 'copyFile', 'cp', 'createReadStream', 'createWriteStream',
    'exists', 'fchmod', 'fchown', 'fdatasync', 'fstat', 'fsync', 'ftruncate', 'futimes', 'lchmod', 'lchown', 'link', 'lstat',
    'lutimes', 'mkdir', 'mkdtemp', 'open', 'openAsBlob', 'opendir', 'read', 'readdir', 'readFile', 'readlink', 'readv',
    'realpath', 'rename', 'rm', 'rmdir', 'stat', 'statfs', 'symlink', 'truncate', 'unlink', 'unwatchFile', 'utimes', 'watch',
    'watchFile', 'write', 'writeFile', 'writev'];
  var syncNames = names.filter(function (n) { return ['createReadStream', 'createWriteStream', 'openAsBlob', 'unwatchFile', 'watch', 'watchFile'].indexOf(n) < 0; });
  var fs = {};
  var promises = {};
  names.forEach(function (n) { fs[n] = refuse(n); });
  syncNames.forEach(function (n) { fs[n + 'Sync'] = refuse(n + 'Sync'); });
  ['access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchown', 'link', 'lstat', 'lutimes', 'mkdir', 'mkdtemp', 'open',
    'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'statfs', 'symlink', 'truncate',
    'unlink', 'utimes', 'watch', 'writeFile'].forEach(function (n) { promises[n] = refusePromise(n); });
  fs.realpathSync.native = refuse('realpathSync.native');
  fs.realpath.native = refuse('realpath.native');
  // Classes packages test with instanceof: no instance can exist.
  ['Dir', 'Dirent', 'ReadStream', 'Stats', 'WriteStream', 'FileReadStream', 'FileWriteStream'].forEach(function (n) { fs[n] = refuse(n); });
  var constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128,
    O_TRUNC: 512, O_APPEND: 1024, S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFLNK: 40960, COPYFILE_EXCL: 1 };
  fs.constants = constants;
  fs.F_OK = 0; fs.R_OK = 4; fs.W_OK = 2; fs.X_OK = 1;
  promises.constants = constants;
  fs.promises = promises;
  return fs;
})
