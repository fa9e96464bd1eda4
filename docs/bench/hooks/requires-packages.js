const crypto = require('crypto');
const _ = require('lodash'); const moment = require('moment'); const { v4: uuidv4 } = require('uuid');
module.exports = function (client, scope, audience, context, cb) {
  const access_token = {};
  access_token['https://example.com/scopes'] = [...new Set(scope.concat(['read:plan']))];
  access_token['https://example.com/name'] = (client && client.name) || 'none';
  access_token['https://example.com/jti'] = crypto.randomUUID();
  access_token['https://example.com/exp2'] = new Date(Date.now() + 86400000).toISOString();
  cb(null, { accessToken: access_token });
};
