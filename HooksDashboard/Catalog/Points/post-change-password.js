/**
 * Post Change Password: runs after a user's password was changed (by the user or an admin).
 * It runs in the background: its result and errors are only logged.
 *
 * @param {object} user - the user whose password changed
 * @param {string} user.id - the user's id
 * @param {string} user.username - user name
 * @param {string} user.email - email address
 * @param {string} user.last_password_reset - when the password was changed (ISO 8601)
 * @param {object} context - change context
 * @param {object} context.connection - the database connection
 * @param {string} context.connection.id - connection id
 * @param {string} context.connection.name - connection name
 * @param {string} context.connection.tenant - tenant of the connection
 * @param {object} context.webtask - webtask context
 * @param {object} context.webtask.secrets - this hook's secrets
 * @param {function} cb - function (error)
 */
module.exports = function (user, context, cb) {
  // Tell the user, or another system, that the password changed.

  cb();
};
