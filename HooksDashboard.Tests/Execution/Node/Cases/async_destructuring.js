// Destructuring assignments whose value awaits (Jint 4.18 re-ran the statements before them on resume:
// Execution/AwaitDestructuring rewrites them), in every position a package writes them.
'use strict';
let n = 0;
const P = () => Promise.resolve({ z: 1, w: [5, 6] });
const cases = [
  ['object', async () => { let z; n++; ({ z } = await P()); return [n, z]; }],
  ['array', async () => { let a, b; n++; [a, b] = await Promise.resolve([1, 2]); return [n, a, b]; }],
  ['nested pattern', async () => { let z, w0; n++; ({ z, w: [w0] } = await P()); return [n, z, w0]; }],
  ['as an argument', async () => { let z; n++; const r = ((v) => v)(({ z } = await P())); return [n, z, r.z]; }],
  ['value used', async () => { let z; n++; const r = ({ z } = await P()); return [n, z, Object.keys(r).join()]; }],
  ['for-of body', async () => { let z; for (const i of [1, 2]) { n++; ({ z } = await P()); } return [n, z]; }],
  ['member targets', async () => { const o = {}; n++; ({ z: o.z, w: o['w'] } = await P()); return [n, o.z, o.w.length]; }],
  ['await deeper', async () => { let z; n++; ({ z } = { z: (await P()).z + 1 }); return [n, z]; }],
  ['nested assignment', async () => { let z, a; n++; ({ z } = (([a] = await Promise.resolve([7])), await P())); return [n, z, a]; }],
  ['arrow body', async () => { let z; n++; const f = async () => ({ z } = await P()); await f(); return [n, z]; }],
  ['arrow body bare', async () => { let a; n++; const f = async () => [a] = await Promise.resolve([9]); await f(); return [n, a]; }],
  ['two awaits', async () => { let z; n++; await null; n++; ({ z } = await P()); return [n, z]; }],
  ['if block', async () => { let z; if (n === 0) { n++; ({ z } = await P()); } return [n, z]; }],
  ['method', async () => { let z; const o = { async m() { n++; ({ z } = await P()); return z; } }; return [await o.m(), n]; }],
  ['class method', async () => { class C { async m() { let z; n++; ({ z } = await P()); return z; } } return [await new C().m(), n]; }],
  ['strict kept', async function () { 'use strict'; let z; n++; ({ z } = await P()); return [n, z, this === undefined]; }],
  ['sloppy kept', (0, eval)('(async function () { var z; ({ z } = await Promise.resolve({ z: 3 })); return [z, typeof this]; })')],
  ['default awaits too', async () => { let z; n++; ({ z = await Promise.resolve(4) } = await Promise.resolve({})); return [n, z]; }],
  ['declaration', async () => { n++; const { z } = await P(); return [n, z]; }],
  ['function length', async () => [(async (a, b) => { [a] = await P().then((o) => o.w); return a; }).length, n]],
  ['arrow body on the next line', async () => {
    let a; n++;
    const f = async () =>
      [a] = await Promise.resolve([8]);
    const r = await f();
    return [n, a, r];
  }],
  ['comment after the arrow', async () => { let a; n++; const f = async () => /* c => */ [a] = await Promise.resolve([6]); await f(); return [n, a]; }],
  ['value on the next line', async () => {
    let a; n++;
    [a] =
      await Promise.resolve([4]);
    return [n, a, new Error('here').stack.split('\n')[1].includes(':' + 39 + ':') || 'line'];
  }],
];
async function* generator() {
  let prelude = 0, z;
  prelude++;
  for (let i = 0; i < 2; i++) { ({ z } = await P()); yield [prelude, z, i]; }
}
// A generator's yield in a destructuring assignment (the first next() threw, "The value is not iterable").
function* plainGenerator() { let a, prelude = 0; prelude++; [a] = yield 1; ({ b: a } = yield a); yield [prelude, a]; }
const steps = plainGenerator();
console.log('yield', JSON.stringify([steps.next().value, steps.next([15]).value, steps.next({ b: 16 }).value]));
(async () => {
  for (const [name, f] of cases) { n = 0; console.log(name, JSON.stringify(await f())); }
  for await (const step of generator()) console.log('generator', JSON.stringify(step));
  console.log(String(async () => ({ a: 1 })));
})();
// The hook's callback waits for the work above (node runs this file and never calls it).
module.exports = function (cb) { setTimeout(cb, 50); };
