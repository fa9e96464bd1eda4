// The WHATWG DOMException, with the legacy numeric codes Node sets.
(function () {
  'use strict';
  var codes = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
    SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
    TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
    QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
  };
  class DOMException extends Error {
    constructor(message, options) {
      super(message === undefined ? '' : String(message));
      var name = options !== null && typeof options === 'object' ? options.name : options;
      Object.defineProperty(this, 'name', { value: name === undefined ? 'Error' : String(name), configurable: true, writable: true });
    }
    get code() {
      return codes[this.name] || 0;
    }
  }
  Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });
  return { DOMException: DOMException };
})
