import { verifyWebhook } from '@chert/client/webhooks';
import { startMock, type RunningSandbox } from '@chert/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, forwardEvent, LISTEN_SUBSCRIPTION_ID, run, version, type Io } from '../src/index.js';
import { deadUrl, startReceiver, type Receiver } from './helpers.js';

/** The package's exports: the command in-process, and an event forwarded as Chert delivers it. */
let mock: RunningSandbox;
let hook: Receiver;
beforeAll(async () => {
  mock = (await startMock({ port: 0 })) as RunningSandbox;
  hook = await startReceiver();
});
afterAll(async () => {
  await mock?.close();
  await hook?.close();
});

function capture(): Io & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (l) => out_.push(l), err: (l) => err_.push(l), color: false, onStop: () => () => {} };
}

describe('run', () => {
  // [args, environment, exit code, a line it prints]
  it.each<[string[], Record<string, string>, number, RegExp]>([
    [['--version'], {}, EXIT.ok, new RegExp(`^${version.replace(/\./g, '\\.')}$`)],
    [['send', '+14155550199', 'Hi'], {}, EXIT.usage, /^chert send: no credentials/],
    [['send', '+14155550199', 'Hi'], { CHERT_TOKEN: 'test' }, EXIT.ok, /^Sent msg_\w+ to \+14155550199 /],
    [['send', '+12025550101', 'Hi'], { CHERT_TOKEN: 'test' }, EXIT.failed, /^chert send: 502 \/ 4001 /],
  ])('chert %s', async (args, env, code, line) => {
    const io = capture();
    const base = env.CHERT_TOKEN ? { CHERT_BASE_URL: mock.url } : {};
    expect(await run(args, { env: { ...env, ...base }, io })).toBe(code);
    expect([...io.out_, ...io.err_].some((l) => line.test(l))).toBe(true);
  });
});

describe('forwardEvent', () => {
  it('delivers an event of the log as Chert would, and verifyWebhook accepts it', async () => {
    const { events } = await mock.inbound({ from: '+14155550199', text: 'Hello' });
    const forwarded = await forwardEvent(events[0] as never, { url: hook.url, secret: 'whsec_test' });
    expect(forwarded.result).toBe('delivered');
    const [got] = hook.received.slice(-1);
    expect(got!.headers['x-webhook-subscription-id']).toBe(LISTEN_SUBSCRIPTION_ID);
    await expect(verifyWebhook({ rawBody: got!.body, headers: got!.headers, secret: 'whsec_test' })).resolves.toMatchObject({ event: 'message.received' });
  });

  it('gives up as Chert would on a dead endpoint, and stops when its signal aborts', async () => {
    const { events } = await mock.inbound({ from: '+14155550199', text: 'Again' });
    const dead = await forwardEvent(events[0] as never, { url: await deadUrl(), secret: 'whsec_test', backoffBaseMs: 1 });
    expect(dead).toMatchObject({ result: 'gave-up' });
    const controller = new AbortController();
    controller.abort();
    expect(await forwardEvent(events[0] as never, { url: await deadUrl(), secret: 'whsec_test', signal: controller.signal })).toMatchObject({ result: 'stopped' });
  });
});
