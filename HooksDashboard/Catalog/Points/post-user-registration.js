/**
 * Post User Registration: runs after a user signed up to a database connection.
 * It runs in the background: its result and errors are only logged.
 *
 * @param {object} user - the user who signed up
 * @param {string} user.tenant - the tenant name
 * @param {string} user.id - the user's id
 * @param {string} user.username - user name (when the connection asks for one)
 * @param {string} user.email - email address
 * @param {boolean} user.emailVerified - whether the email is verified
 * @param {string} user.phoneNumber - phone number
 * @param {boolean} user.phoneNumberVerified - whether the phone number is verified
 * @param {object} user.user_metadata - user metadata
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
  // Notify another system, e.g. a CRM, that a user signed up.

  cb();
};
