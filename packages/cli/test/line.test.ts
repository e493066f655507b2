import { describe, expect, it } from 'vitest';
import type { Attempt, Forwarded } from '../src/listen/forward.js';
import { clock, eventLine } from '../src/listen/line.js';

const AT = new Date(2026, 4, 4, 9, 5, 7); // local time
const ok = (ms: number): Attempt => ({ outcome: { kind: 'answered', status: 200 }, ms });
const status = (code: number, ms: number, firstLine?: string): Attempt => ({ outcome: { kind: 'answered', status: code }, ms, ...(firstLine === undefined ? {} : { firstLine }) });
const refused: Attempt = { outcome: { kind: 'unreachable', reason: 'connection refused' }, ms: 1 };
const timeout: Attempt = { outcome: { kind: 'timeout' }, ms: 10000 };

describe('the line of an event', () => {
  // [name, type, forwarded, the line without colour]
  const cases: Array<[string, string, Forwarded, string]> = [
    ['delivered', 'message.received', { result: 'delivered', attempts: [ok(12)] }, '09:05:07  message.received  evt_1  200  12 ms'],
    ['a short type, padded', 'lead_reply', { result: 'delivered', attempts: [ok(3)] }, '09:05:07  lead_reply        evt_1  200  3 ms'],
    ['delivered on a retry', 'message.received', { result: 'delivered', attempts: [status(503, 2, 'warming up'), ok(5)] }, '09:05:07  message.received  evt_1  200  5 ms  (attempt 2)'],
    ['refused with a 4xx', 'message.received', { result: 'refused', attempts: [status(404, 3, 'Cannot POST /hooks')] }, '09:05:07  message.received  evt_1  404  3 ms  Cannot POST /hooks'],
    ['a 500 every time', 'message.received', { result: 'gave-up', attempts: [status(500, 4, 'boom'), status(500, 4, 'boom'), status(500, 4, 'boom')] }, '09:05:07  message.received  evt_1  500  4 ms  boom  · 3 attempts, skipped'],
    ['no connection', 'reaction.added', { result: 'gave-up', attempts: [refused, refused, refused] }, '09:05:07  reaction.added    evt_1  connection refused  1 ms  · 3 attempts, skipped'],
    ['timeouts', 'message.received', { result: 'gave-up', attempts: [timeout, timeout, timeout] }, '09:05:07  message.received  evt_1  timed out  10000 ms  · 3 attempts, skipped'],
    ['stopped waiting to retry', 'message.received', { result: 'stopped', attempts: [status(500, 4, 'boom')] }, '09:05:07  message.received  evt_1  500  4 ms  boom  · stopping'],
    ['abandoned in flight', 'message.received', { result: 'stopped', attempts: [{ outcome: { kind: 'stopped' }, ms: 1000 }] }, '09:05:07  message.received  evt_1  abandoned  · stopping'],
    ['a type with escapes in it', 'x\x1b[2Jy', { result: 'delivered', attempts: [ok(1)] }, `09:05:07  ${'xy'.padEnd('message.received'.length)}  evt_1  200  1 ms`],
  ];
  it.each(cases)('%s', (_name, type, forwarded, want) => {
    expect(eventLine({ at: AT, type, id: 'evt_1', forwarded }, false)).toBe(want);
  });

  it('in colour: the time dim, a 2xx green, a failure red as a whole', () => {
    expect(eventLine({ at: AT, type: 'message.received', id: 'evt_1', forwarded: { result: 'delivered', attempts: [ok(12)] } }, true)).toBe(
      '\x1b[2m09:05:07\x1b[0m  message.received  evt_1  \x1b[32m200\x1b[0m  12 ms',
    );
    const failed = eventLine({ at: AT, type: 'message.received', id: 'evt_1', forwarded: { result: 'refused', attempts: [status(500, 4, 'boom')] } }, true);
    expect(failed.startsWith('\x1b[31m')).toBe(true);
    expect(failed.endsWith('\x1b[0m')).toBe(true);
    expect(failed).toContain('500  4 ms  boom');
  });

  it('the clock is the local time of day', () => {
    expect(clock(new Date(2026, 0, 1, 0, 0, 0))).toBe('00:00:00');
    expect(clock(new Date(2026, 0, 1, 23, 59, 9))).toBe('23:59:09');
  });
});
