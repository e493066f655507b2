// Both entries of the package, from source: the default one (WebCrypto HMAC) and the one the
// `node` export condition loads (node:crypto HMAC). Tests of signing run against each.
import * as defaultEntry from '../../src/index.js';
import * as nodeEntry from '../../src/index.node.js';

export const ENTRIES = [
  ['default entry (WebCrypto)', defaultEntry],
  ['node entry (node:crypto)', nodeEntry],
] as const;
