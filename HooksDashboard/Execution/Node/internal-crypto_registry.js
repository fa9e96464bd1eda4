// Where crypto, once required, leaves its type tests for util.types.isKeyObject/isCryptoKey: before crypto is
// loaded in an invocation no KeyObject or CryptoKey can exist, so util answers false without loading crypto.
(function () {
  'use strict';
  return {};
})
