const _ = require('lodash'); const { v4: uuidv4 } = require('uuid');
module.exports = function (client, scope, audience, context, cb) {
  const access_token = {};
  access_token['https://example.com/scopes'] = _.uniq(scope.concat(['read:plan']));
  access_token['https://example.com/name'] = _.get(client, 'name', 'none');
  access_token['https://example.com/jti'] = uuidv4();
  access_token['https://example.com/exp2'] = new Date(Date.now() + 86400000).toISOString();
  cb(null, { accessToken: access_token });
};
