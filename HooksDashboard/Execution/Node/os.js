// Node's `os` with constant, harmless values: nothing of the server (its name, users, network, load) is shown.
(function () {
  'use strict';
  var signals = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8,
    SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17,
    SIGSTKFLT: 16, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24,
    SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31 };
  var cpu = { model: 'HooksDashboard virtual CPU', speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } };
  return {
    EOL: '\n',
    devNull: '/dev/null',
    constants: { signals: signals, errno: {}, priority: { PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 } },
    arch: function arch() { return 'x64'; },
    platform: function platform() { return 'linux'; },
    type: function type() { return 'Linux'; },
    release: function release() { return '6.1.0'; },
    version: function version() { return '#1 SMP'; },
    machine: function machine() { return 'x86_64'; },
    hostname: function hostname() { return 'localhost'; },
    homedir: function homedir() { return '/'; },
    tmpdir: function tmpdir() { return '/tmp'; },
    endianness: function endianness() { return 'LE'; },
    uptime: function uptime() { return 0; },
    loadavg: function loadavg() { return [0, 0, 0]; },
    totalmem: function totalmem() { return 1073741824; },
    freemem: function freemem() { return 536870912; },
    availableParallelism: function availableParallelism() { return 1; },
    cpus: function cpus() { return [cpu]; },
    networkInterfaces: function networkInterfaces() { return {}; },
    userInfo: function userInfo() { return { uid: 1000, gid: 1000, username: 'hook', homedir: '/', shell: null }; },
    getPriority: function getPriority() { return 0; },
    setPriority: function setPriority() {},
  };
})
