// What both SDK scripts share: the server they drive and how the SDK reaches it, and a call's failure as data.
'use strict';

const base = new URL(process.env.HOOKS_BASE);

// The SDK always builds https://{domain}/...; the test server speaks plain http on loopback, so this fetch
// sends the very same requests (method, path, headers, body) over http.
const fetch = (url, init) => globalThis.fetch(String(url).replace(/^https:/, base.protocol), init);

/** What a call that must fail returned: the SDK's error fields, or { failed: false }. */
async function failure(promise) {
  try {
    await promise;
    return { failed: false };
  } catch (e) {
    return { failed: true, statusCode: e.statusCode, errorCode: e.errorCode, error: e.error, message: e.message };
  }
}

module.exports = { base, domain: base.host, fetch, failure };
