// Errors made without `class extends Error` (axios' AxiosError, node-fetch's FetchError, older SDKs' error types) are
// errors to util.inspect and console.log: instanceof Error is enough, as in Node 20.
const util = require('util');
function OldErr(m) { Error.call(this, m); this.message = m; this.code = 'E_OLD'; Error.captureStackTrace(this, this.constructor); }
OldErr.prototype = Object.create(Error.prototype); OldErr.prototype.constructor = OldErr; OldErr.prototype.name = 'OldErr';
function Plain(m) { this.message = m; } Plain.prototype = Object.create(Error.prototype);
const noStack = Object.create(Error.prototype); noStack.message = 'ns';
function FetchError(message, type, systemError) { Error.call(this, message); this.message = message; this.type = type; if (systemError) { this.code = this.errno = systemError.code; } Error.captureStackTrace(this, this.constructor); }
FetchError.prototype = Object.create(Error.prototype); FetchError.prototype.constructor = FetchError; FetchError.prototype.name = 'FetchError';
const frames = (text) => text.split('\n').filter((line) => !line.includes('    at ')).join('|');
const e = new OldErr('boom');
console.log(String(e.stack).split('\n')[0], e instanceof Error, Object.prototype.toString.call(e));
console.log(frames(util.inspect(e)));
console.log(frames(util.inspect(new Plain('p'))));
console.log(util.inspect(noStack));
console.log(frames(util.inspect({ nested: e, list: [new Plain('q')] })));
console.log(frames(util.inspect(new FetchError('request to https://api.example.com/x failed, reason: connect ECONNREFUSED', 'system', { code: 'ECONNREFUSED' }))));
console.log(frames(util.format('%s | %j', new Plain('fmt'), noStack)));
console.log(JSON.stringify(e), JSON.stringify(Object.getOwnPropertyNames(new Plain('own'))));
module.exports = function (cb) { cb(); };
