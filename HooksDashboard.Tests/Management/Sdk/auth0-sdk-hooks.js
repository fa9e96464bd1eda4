// Drives HooksDashboard with Auth0's own Node SDK (npm "auth0" v4), unchanged, and prints one JSON object
// with what each call returned. Run by Auth0SdkTests with HOOKS_BASE (the server, http://127.0.0.1:port)
// and either HOOKS_CLIENT_ID/HOOKS_CLIENT_SECRET/HOOKS_AUDIENCE or HOOKS_TOKEN.
'use strict';
const { ManagementClient, AuthenticationClient } = require('auth0');
const { domain, fetch, failure } = require('./sdk-common');

async function main() {
  const out = {};
  let token = process.env.HOOKS_TOKEN;
  if (process.env.HOOKS_CLIENT_ID) {
    const auth = new AuthenticationClient({
      domain,
      clientId: process.env.HOOKS_CLIENT_ID,
      clientSecret: process.env.HOOKS_CLIENT_SECRET,
      fetch,
    });
    const grant = await auth.oauth.clientCredentialsGrant({ audience: process.env.HOOKS_AUDIENCE });
    out.grant = { token_type: grant.data.token_type, scope: grant.data.scope, expires_in: grant.data.expires_in };
    token = grant.data.access_token;
  }
  const management = new ManagementClient({ domain, token, fetch });
  const hooks = management.hooks;

  const name = 'SDK hook ' + Date.now();
  const script = 'module.exports = function (client, scope, audience, context, cb) { cb(null, { scope: scope }); };';
  const created = (await hooks.create({ name, script, triggerId: 'credentials-exchange', dependencies: { lodash: '4.17.21' } })).data;
  out.created = created;
  out.list = (await hooks.getAll({ triggerId: 'credentials-exchange', enabled: false })).data.map((h) => h.id);
  out.page = (await hooks.getAll({ include_totals: true, page: 0, per_page: 1, fields: 'id,name' })).data;
  out.got = (await hooks.get({ id: created.id })).data;
  out.updated = (await hooks.update({ id: created.id }, { name: name + ' renamed', enabled: true })).data;

  await hooks.addSecrets({ id: created.id }, { API_KEY: 'one', OTHER: 'two' });
  out.secretsAfterAdd = (await hooks.getSecrets({ id: created.id })).data;
  await hooks.updateSecrets({ id: created.id }, { API_KEY: 'three' });
  await hooks.deleteSecrets({ id: created.id }, ['OTHER']);
  out.secretsAfterDelete = (await hooks.getSecrets({ id: created.id })).data;
  out.duplicateSecret = await failure(hooks.addSecrets({ id: created.id }, { API_KEY: 'again' }));
  out.invalidCreate = await failure(hooks.create({ name: 'x', script: '', triggerId: 'credentials-exchange' }));

  await hooks.delete({ id: created.id });
  out.afterDelete = await failure(hooks.get({ id: created.id }));
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  if (e && e.body) console.error(e.body);
  process.exit(1);
});
