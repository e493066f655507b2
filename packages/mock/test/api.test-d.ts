import { describe, expectTypeOf, it } from 'vitest';
import {
  signatureHeader,
  startMock,
  type InboundResult,
  type MockOptions,
  type RequestReport,
  type RunningMock,
  type RunningSandbox,
  type SandboxStats,
} from '../src/index.js';

// Other packages (the client's integration tests, the docs, scripts/dev.mjs) build on this
// shape. This file compiles with exactOptionalPropertyTypes (tsconfig.json), as users may.
describe('public API', () => {
  it('startMock takes the documented options and resolves to { url, close() }', () => {
    expectTypeOf(startMock).toBeCallableWith(undefined);
    expectTypeOf(startMock({ port: 0 })).resolves.toMatchTypeOf<{ url: string; close(): Promise<void> }>();
    expectTypeOf(startMock({ port: 0, mode: 'examples' })).resolves.toMatchTypeOf<{ url: string; close(): Promise<void> }>();
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

  it("the sandbox's seed is 'examples' or none", () => {
    expectTypeOf(startMock({ port: 0, seed: 'examples' })).resolves.toEqualTypeOf<RunningSandbox>();
    expectTypeOf(startMock).toBeCallableWith({ seed: undefined });
    // @ts-expect-error the only seed is the document's examples
    void startMock({ seed: 'everything' });
  });

  it('the default mode is the sandbox, with its controls typed; examples and proxy modes have none', () => {
    expectTypeOf(startMock()).resolves.toEqualTypeOf<RunningSandbox>();
    expectTypeOf(startMock({ port: 0, mode: 'sandbox' })).resolves.toEqualTypeOf<RunningSandbox>();
    expectTypeOf(startMock({ mode: 'examples' })).resolves.toEqualTypeOf<RunningMock>();
    expectTypeOf(startMock({ proxy: 'https://console.trychert.com' })).resolves.toEqualTypeOf<RunningMock>();
    expectTypeOf<RunningSandbox['inbound']>().parameter(0).toMatchTypeOf<{ from: string; chatId?: string }>();
    expectTypeOf<RunningSandbox['inbound']>().returns.resolves.toEqualTypeOf<InboundResult>();
    expectTypeOf<InboundResult['message']['direction']>().toEqualTypeOf<'inbound' | 'outbound'>();
    expectTypeOf<RunningSandbox['stats']>().returns.resolves.toEqualTypeOf<SandboxStats>();
    expectTypeOf<RunningSandbox['advanceClock']>().returns.toEqualTypeOf<Date>();
    const sandbox = {} as RunningSandbox;
    void sandbox.inbound({ from: '+14155550199', text: 'Hi' });
    void sandbox.inbound({ from: '+14155550199', parts: [{ type: 'media', bytes: new Uint8Array(3), contentType: 'image/png' }] });
    // @ts-expect-error text or parts, not both
    void sandbox.inbound({ from: '+14155550199', text: 'Hi', parts: [] });
    // @ts-expect-error a tapback is one of the document's reactions
    void sandbox.react({ messageId: 'msg_1', reaction: 'wave' });
    // @ts-expect-error the mode is sandbox or examples
    void startMock({ mode: 'stateful' });
    expectTypeOf(startMock).toBeCallableWith({
      mode: undefined,
      lines: undefined,
      state: undefined,
      allowRemoteWebhooks: undefined,
      deliveredAfterMs: undefined,
      webhookTimeoutMs: undefined,
      webhookBackoffMs: undefined,
      streamHeartbeatMs: undefined,
      streamLifeMs: undefined,
      now: undefined,
    });
  });

  it('reports and signatures are typed', () => {
    expectTypeOf<RequestReport['violations']>().toEqualTypeOf<{ request: string[]; response: string[] }>();
    expectTypeOf(signatureHeader).toBeCallableWith('secret', '{}', 1_700_000_000);
    expectTypeOf(signatureHeader).toBeCallableWith('secret', new Uint8Array(), undefined);
    expectTypeOf(signatureHeader).returns.toEqualTypeOf<string>();
  });
});
