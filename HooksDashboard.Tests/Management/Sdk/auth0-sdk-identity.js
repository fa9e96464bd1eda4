// Drives HooksDashboard's users, clients, resource-servers and client-grants endpoints with Auth0's own Node SDK
// (npm "auth0" v4), unchanged, and prints one JSON object with what each call returned. Run by Auth0SdkTests with
// HOOKS_BASE (http://127.0.0.1:port), HOOKS_CLIENT_ID, HOOKS_CLIENT_SECRET and HOOKS_AUDIENCE.
'use strict';
const { ManagementClient } = require('auth0');
const { domain, fetch, failure } = require('./sdk-common');

async function main() {
  const out = {};
  // The SDK gets its own token through client credentials, as hooks and scripts configure it.
  const management = new ManagementClient({
    domain,
    clientId: process.env.HOOKS_CLIENT_ID,
    clientSecret: process.env.HOOKS_CLIENT_SECRET,
    audience: process.env.HOOKS_AUDIENCE,
    fetch,
  });
  const stamp = Date.now().toString(36);
  const email = `sdk.${stamp}@example.com`;

  // Users.
  const created = (await management.users.create({
    connection: 'Username-Password-Authentication', email, password: 'Sdk!Passw0rd', app_metadata: { plan: 'free', seats: 1 },
  })).data;
  out.created = created;
  out.duplicate = await failure(management.users.create({ connection: 'Username-Password-Authentication', email, password: 'Sdk!Passw0rd' }));
  out.got = (await management.users.get({ id: created.user_id })).data;
  out.updated = (await management.users.update({ id: created.user_id }, { app_metadata: { plan: 'gold', seats: null }, user_metadata: { theme: 'dark' }, blocked: true })).data;
  out.search = (await management.users.getAll({ q: `email:"${email}" AND app_metadata.plan:"gold"`, search_engine: 'v3', include_totals: true, fields: 'user_id,email,app_metadata' })).data;
  out.byEmail = (await management.usersByEmail.getByEmail({ email: email.toUpperCase() })).data.map((u) => u.user_id);
  out.badQuery = await failure(management.users.getAll({ q: 'email:"unterminated', search_engine: 'v3' }));
  out.unknownField = await failure(management.users.update({ id: created.user_id }, { favourite_colour: 'blue' }));
  await management.users.delete({ id: created.user_id });
  out.afterDelete = await failure(management.users.get({ id: created.user_id }));

  // Resource servers.
  const identifier = `https://sdk-${stamp}.example.com/`;
  const api = (await management.resourceServers.create({ identifier, name: 'SDK API', scopes: [{ value: 'read:things', description: 'Read' }, { value: 'write:things', description: 'Write' }] })).data;
  out.api = api;
  out.apiByIdentifier = (await management.resourceServers.get({ id: identifier })).data.id;
  out.apiUpdated = (await management.resourceServers.update({ id: api.id }, { token_lifetime: 900 })).data.token_lifetime;
  out.apis = (await management.resourceServers.getAll({ include_totals: true, per_page: 100 })).data.resource_servers.map((a) => a.identifier);

  // Clients.
  const client = (await management.clients.create({ name: 'SDK app', app_type: 'non_interactive', client_metadata: { tier: 'gold' }, callbacks: ['https://sdk.example.com/cb'] })).data;
  out.client = { client_id: client.client_id, has_secret: typeof client.client_secret === 'string' && client.client_secret.length > 0, client_metadata: client.client_metadata };
  out.clientGot = (await management.clients.get({ client_id: client.client_id })).data;
  out.clientUpdated = (await management.clients.update({ client_id: client.client_id }, { client_metadata: { tier: null, region: 'eu' }, web_origins: ['https://sdk.example.com'] })).data;
  const rotated = (await management.clients.rotateClientSecret({ client_id: client.client_id })).data;
  out.rotatedDiffers = rotated.client_secret !== client.client_secret;
  out.clients = (await management.clients.getAll({ fields: 'client_id,name', include_fields: true })).data.map((c) => c.client_id);

  // Client grants.
  const grant = (await management.clientGrants.create({ client_id: client.client_id, audience: identifier, scope: ['read:things'] })).data;
  out.grant = grant;
  out.grants = (await management.clientGrants.getAll({ audience: identifier })).data.map((g) => g.id);
  out.grantUpdated = (await management.clientGrants.update({ id: grant.id }, { scope: ['read:things', 'write:things'] })).data.scope;
  out.grantConflict = await failure(management.clientGrants.create({ client_id: client.client_id, audience: identifier, scope: [] }));
  await management.clientGrants.delete({ id: grant.id });
  await management.clients.delete({ client_id: client.client_id });
  out.clientAfterDelete = await failure(management.clients.get({ client_id: client.client_id }));
  await management.resourceServers.delete({ id: api.id });
  out.apiAfterDelete = await failure(management.resourceServers.get({ id: api.id }));
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  if (e && e.body) console.error(e.body);
  process.exit(1);
});
