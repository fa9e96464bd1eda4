// `child_process` as packages see it (the hook's own require('child_process') is refused): SDKs require it at load for
// optional credential helpers (aws-sdk's credential_process). Starting a process fails as Node reports a failed
// spawn: the asynchronous forms call back / emit 'error' on the next tick, the synchronous forms throw.
(function (require) {
  'use strict';
  var EventEmitter = require('events');
  var process = require('process');
  var refusal = require('internal/refusal').refusal;
  var reason = 'hooks may not start processes on the server';
  var code = 'ERR_HOOKS_PROCESS_REFUSED';

  function ChildProcess() {
    EventEmitter.call(this);
    this.pid = undefined;
    this.exitCode = null;
    this.signalCode = null;
    this.killed = false;
    this.connected = false;
    this.stdin = null; this.stdout = null; this.stderr = null; this.stdio = [null, null, null];
  }
  Object.setPrototypeOf(ChildProcess.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(ChildProcess, EventEmitter);
  ChildProcess.prototype.kill = function () { return false; };
  ChildProcess.prototype.ref = function () {};
  ChildProcess.prototype.unref = function () {};
  ChildProcess.prototype.disconnect = function () {};

  function failedChild(operation, callback) {
    var child = new ChildProcess();
    var error = refusal('child_process.' + operation + '()', reason, code);
    process.nextTick(function () {
      // exec/execFile with a callback report there (Node listens for the child's 'error' itself in that case).
      if (typeof callback === 'function') callback(error, '', '');
      else child.emit('error', error);
      child.emit('close', -1, null);
    });
    return child;
  }
  function lastFunction(args) { var f = args[args.length - 1]; return typeof f === 'function' ? f : undefined; }
  function thrower(operation) {
    return { [operation]: function () { throw refusal('child_process.' + operation + '()', reason, code); } }[operation];
  }
  return {
    ChildProcess: ChildProcess,
    spawn: function spawn() { return failedChild('spawn'); },
    fork: function fork() { return failedChild('fork'); },
    exec: function exec() { return failedChild('exec', lastFunction(arguments)); },
    execFile: function execFile() { return failedChild('execFile', lastFunction(arguments)); },
    spawnSync: thrower('spawnSync'),
    execSync: thrower('execSync'),
    execFileSync: thrower('execFileSync'),
  };
})
