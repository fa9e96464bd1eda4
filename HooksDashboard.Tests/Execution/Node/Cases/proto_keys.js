// A quoted "__proto__": value in an object literal sets the prototype, as the unquoted form does (jsdom's style rules).
(async function () {
  const a = { __proto__: null, x: 1 };
  const b = { "__proto__": null, x: 1 };
  const cc = { '__proto__': { inherited: 1 }, y: 2 };
  const d = { ["__proto__"]: null, z: 3 };
  const e = { "__proto__"() { return 1; } };
  const f = { "\u005f_proto__": { g: 7 } };
  const { "__proto__": p } = { };
  const json = JSON.parse('{"__proto__": {"h": 1}}');
  for (const [n, o] of Object.entries({ a, b, cc, d, e, f, json }))
    console.log(n, JSON.stringify(Object.keys(o)), Object.getPrototypeOf(o) === null ? 'proto=null' : Object.getPrototypeOf(o) === Object.prototype ? 'proto=Object.prototype' : 'proto=custom', o.inherited, o.g, o.h);
  let z; ({ z } = await Promise.resolve({ z: 5 })); console.log(z, { "__proto__": { q: 1 } }.q);

})();
module.exports = function (cb) { setTimeout(cb, 10); };
