// The TypeError texts of reading through undefined or null, as V8 words them, whichever way the read is written:
// a plain read, a member call's callee, a computed or symbol key, in a function's strict body and in a promise job.
function show(f) { try { f(); console.log('no error'); } catch (e) { console.log(e.constructor.name, e.message); } }
var body, none = null, o = {};
show(function () { return body.records; });
show(function () { return body.records.map(function () {}); });
show(function () { return none.items.length; });
show(function () { return o.a.b; });
show(function () { return o.a.b(); });
show(function () { return o.body.records.map(String); });
show(function () { var key = 'dyn'; return body[key].x; });
show(function () { return body[Symbol('s')].x; });
show(function () { return body[1].x; });
show(function () { 'use strict'; return body.records.map(String); });
show(function () { return none.x.y.z(); });
Promise.resolve().then(function () { show(function () { return body.list.filter(Boolean); }); });
module.exports = function (cb) { cb(); };
