// What several built-ins share with util and nothing else sees: Node's kCustomPromisifyArgsSymbol, the names under
// which util.promisify resolves a callback's several values as one object (crypto.generateKeyPair resolves
// { publicKey, privateKey }, dns.lookup { address, family }). A private symbol, so hook code cannot set it.
(function () {
  'use strict';
  return { customPromisifyArgs: Symbol('customPromisifyArgs') };
})
