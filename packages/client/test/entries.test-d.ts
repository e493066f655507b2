// The `node` condition's entry is declared by index.ts's declarations (package.json points
// both conditions at them), so its values must have exactly those types.
import { describe, expectTypeOf, it } from 'vitest';
import type * as DefaultEntry from '../src/index.js';
import type * as NodeEntry from '../src/index.node.js';

describe('the node entry', () => {
  it('exports the same values, of the same types, as the default entry', () => {
    expectTypeOf<typeof NodeEntry>().toEqualTypeOf<typeof DefaultEntry>();
  });
});
