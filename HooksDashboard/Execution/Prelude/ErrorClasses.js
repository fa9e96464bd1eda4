// Auth0's error classes, evaluated lazily (on the first read of any of them) in the hook's engine.
// Each sets `name` as an own property, as Auth0's did: it then shows up in the error payload.
(function () {
  'use strict';
  class ExtensibilityUserError extends Error {
    constructor(message) {
      super(message);
      this.name = 'ExtensibilityUserError';
    }
  }
  class PreUserRegistrationError extends ExtensibilityUserError {
    constructor(message, friendlyMessage) {
      super(message);
      this.name = 'PreUserRegistrationError';
      this.friendlyMessage = friendlyMessage === undefined ? message : friendlyMessage;
    }
  }
  class SendPhoneMessageError extends ExtensibilityUserError {
    constructor(message, friendlyMessage) {
      super(message);
      this.name = 'SendPhoneMessageError';
      this.friendlyMessage = friendlyMessage === undefined ? message : friendlyMessage;
    }
  }
  class InvalidScopeError extends ExtensibilityUserError {
    constructor(message) {
      super(message);
      this.name = 'InvalidScopeError';
    }
  }
  class InvalidRequestError extends ExtensibilityUserError {
    constructor(message) {
      super(message);
      this.name = 'InvalidRequestError';
    }
  }
  class ServerError extends ExtensibilityUserError {
    constructor(message) {
      super(message);
      this.name = 'ServerError';
    }
  }
  return {
    ExtensibilityUserError, PreUserRegistrationError, SendPhoneMessageError,
    InvalidScopeError, InvalidRequestError, ServerError,
  };
})()
