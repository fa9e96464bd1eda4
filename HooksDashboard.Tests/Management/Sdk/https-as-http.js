// Preloaded (node --require) into a tool built on Auth0's SDK, such as auth0-deploy-cli: the SDK always builds
// https://{domain}/...; the test server speaks plain http on loopback, so fetch sends the very same requests
// (method, path, headers, body) over http. Nothing else of the tool is changed.
'use strict';
const original = globalThis.fetch.bind(globalThis);
globalThis.fetch = (input, init) =>
  typeof input === 'string' || input instanceof URL
    ? original(String(input).replace(/^https:/, 'http:'), init)
    : original(new Request(input.url.replace(/^https:/, 'http:'), input), init);
