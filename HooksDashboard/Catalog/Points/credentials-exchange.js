/**
 * Credentials Exchange: runs when a machine-to-machine application asks POST /oauth/token
 * for an access token (grant_type=client_credentials).
 *
 * @param {object} client - the application asking for the token
 * @param {string} client.id - its client_id
 * @param {string} client.name - its name
 * @param {string} client.tenant - the tenant name
 * @param {object} client.metadata - its client_metadata (string values)
 * @param {string[]} scope - the scopes granted to the application for this audience
 * @param {string} audience - the API identifier the token is for
 * @param {object} context - additional authorization context
 * @param {object} context.webtask - webtask context
 * @param {object} context.webtask.secrets - this hook's secrets
 * @param {function} cb - function (error, accessTokenClaims)
 */
module.exports = function (client, scope, audience, context, cb) {
  var access_token = {};
  access_token.scope = scope;

  // Add a claim: its name must be an http(s) URL that is not on auth0.com or webtask.io.
  // access_token['https://example.com/plan'] = client.metadata.plan;

  // Add a scope:
  // access_token.scope.push('extra:scope');

  // Deny the token with an OAuth2 error response:
  // return cb(new InvalidScopeError('scope not allowed'));    // HTTP 400 invalid_scope
  // return cb(new InvalidRequestError('bad request'));        // HTTP 400 invalid_request
  // return cb(new ServerError('something went wrong'));       // HTTP 500 server_error

  cb(null, access_token);
};
