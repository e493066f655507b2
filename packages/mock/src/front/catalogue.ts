/**
 * The codes the mock decides on itself, from Chert's error catalogue. Everything finer is
 * read from the document: `x-chert-error-code` and `x-chert-missing-code` on the request
 * schemas say which code a violation gets, and the answer is the operation's documented
 * example carrying that code.
 */
export const CODES = {
  /** A required field is missing (default of `x-chert-missing-code`). */
  missingField: 1001,
  /** A field value is invalid (default of `x-chert-error-code`). */
  invalidField: 1002,
  /** The body is not valid JSON (or not of a documented media type). */
  unreadableBody: 1004,
  /** Bad signature or token. */
  badCredentials: 2004,
  /** No credentials supplied. */
  noCredentials: 2012,
  /** A correct signature outside the clock window. */
  staleTimestamp: 2013,
} as const;
