/**
 * Send Phone Message: runs whenever a one-time code is sent by SMS or voice
 * (MFA enrolment or challenge). The hook is the delivery provider.
 *
 * @param {string} recipient - the phone number to send to
 * @param {string} text - the message text, with the code in it
 * @param {object} context - delivery context
 * @param {string} context.message_type - 'sms' or 'voice'
 * @param {string} context.action - 'enrollment' or 'second-factor-authentication'
 * @param {string} context.language - the user's language
 * @param {string} context.code - the one-time code
 * @param {string} context.ip - the user's IP address
 * @param {string} context.user_agent - the user's browser
 * @param {object} context.client - the application the user signs in to
 * @param {object} context.user - the user
 * @param {object} context.webtask - webtask context
 * @param {object} context.webtask.secrets - this hook's secrets
 * @param {function} cb - function (error, response)
 */
module.exports = function (recipient, text, context, cb) {
  // Send the message with your provider; report failures with
  // cb(new SendPhoneMessageError('provider failed', 'We could not send your code.'));

  cb();
};
