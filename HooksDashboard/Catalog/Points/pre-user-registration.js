/**
 * Pre User Registration: runs when a user signs up to a database connection, before the user is stored.
 *
 * @param {object} user - the user signing up
 * @param {string} user.tenant - the tenant name
 * @param {string} user.username - user name (when the connection asks for one)
 * @param {string} user.password - the password chosen
 * @param {string} user.email - email address
 * @param {boolean} user.emailVerified - whether the email is verified
 * @param {string} user.phoneNumber - phone number
 * @param {boolean} user.phoneNumberVerified - whether the phone number is verified
 * @param {object} user.user_metadata - metadata the user sent
 * @param {object} user.app_metadata - application metadata
 * @param {object} context - sign-up context
 * @param {string} context.requestLanguage - the browser's language
 * @param {object} context.connection - the database connection
 * @param {string} context.connection.id - connection id
 * @param {string} context.connection.name - connection name
 * @param {string} context.connection.tenant - tenant of the connection
 * @param {object} context.webtask - webtask context
 * @param {object} context.webtask.secrets - this hook's secrets
 * @param {function} cb - function (error, response)
 */
module.exports = function (user, context, cb) {
  var response = {};

  // Add metadata to the new user (only user_metadata and app_metadata are applied):
  // response.user = {
  //   user_metadata: { favorite_color: 'blue' },
  //   app_metadata: { plan: 'free' }
  // };

  // Deny the sign-up; the second argument is what the user sees:
  // var messages = { en: 'You are not allowed to register.', es: 'No tienes permitido registrarte.' };
  // var friendly = messages[(context.requestLanguage || 'en').slice(0, 2)] || messages.en;
  // return cb(new PreUserRegistrationError('Denied user registration in Pre User Registration Hook', friendly));

  response.user = user;

  cb(null, response);
};
