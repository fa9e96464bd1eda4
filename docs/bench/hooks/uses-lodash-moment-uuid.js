const _ = require('lodash'); const moment = require('moment'); const { v4: uuidv4 } = require('uuid');
module.exports = function (client, scope, audience, context, cb) {
  const access_token = {};
  access_token['https://example.com/scopes'] = _.uniq(scope.concat(['read:plan']));
  access_token['https://example.com/name'] = _.get(client, 'name', 'none');
  access_token['https://example.com/jti'] = uuidv4();
  access_token['https://example.com/exp2'] = moment.utc().add(1, 'day').toISOString();
  cb(null, { accessToken: access_token });
};
