// Replaced at build time from package.json (tsup and vitest `define`), never typed by hand.
declare const __CHERT_VERSION__: string;

/** This package's version, as sent in `user-agent: chert-ts/<version>`. */
export const version: string = __CHERT_VERSION__;
