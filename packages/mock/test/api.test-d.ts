import { describe, expectTypeOf, it } from 'vitest';
import { signatureHeader, startMock, type MockOptions, type RequestReport, type RunningMock } from '../src/index.js';

// Other packages (the client's integration tests, the docs, scripts/dev.mjs) build on this
// shape. This file compiles with exactOptionalPropertyTypes (tsconfig.json), as users may.
describe('public API', () => {
  it('startMock takes the documented options and resolves to { url, close() }', () => {
    expectTypeOf(startMock).parameter(0).toEqualTypeOf<MockOptions | undefined>();
    expectTypeOf(startMock).returns.resolves.toMatchTypeOf<{ url: string; close(): Promise<void> }>();
    expectTypeOf<RunningMock['port']>().toEqualTypeOf<number>();
    expectTypeOf<MockOptions>().toMatchTypeOf<{
      port?: number | undefined;
      host?: string | undefined;
      signingSecret?: string | undefined;
      verbose?: boolean | undefined;
      log?: ((line: string) => void) | undefined;
    }>();
    // @ts-expect-error the port is a number, not a string
    void startMock({ port: '4010' });
    // @ts-expect-error unknown options are refused
    void startMock({ secret: 'x' });
  });

  it('every optional option takes an explicit undefined (exactOptionalPropertyTypes)', () => {
    const env: Record<string, string | undefined> = {};
    expectTypeOf(startMock).toBeCallableWith({
      port: undefined,
      host: undefined,
      signingSecret: env.CHERT_MOCK_SIGNING_SECRET,
      verbose: undefined,
      log: undefined,
      proxy: env.CHERT_PROXY,
      document: undefined,
      onReport: undefined,
    });
  });

  it('reports and signatures are typed', () => {
    expectTypeOf<RequestReport['violations']>().toEqualTypeOf<{ request: string[]; response: string[] }>();
    expectTypeOf(signatureHeader).toBeCallableWith('secret', '{}', 1_700_000_000);
    expectTypeOf(signatureHeader).toBeCallableWith('secret', new Uint8Array(), undefined);
    expectTypeOf(signatureHeader).returns.toEqualTypeOf<string>();
  });
});
