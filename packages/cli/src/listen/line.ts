/**
 * The line `chert listen` prints for each event: time, type, event id, what the local
 * endpoint answered and how long it took. A failure is red with the first line of the
 * body, and says when Chert's retries were spent and the event skipped. Colour only where
 * the caller allows it (a terminal, no NO_COLOR).
 */
import { webhookEvents } from '@chert/types';
import { oneLine } from '../errors.js';
import type { Attempt, Forwarded } from './forward.js';

const TYPE_WIDTH = Math.max(...webhookEvents.map((t) => t.length));

const paint = (code: number) => (text: string, color: boolean) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
export const red = paint(31);
export const green = paint(32);
export const dim = paint(2);

/** The local time of day, HH:MM:SS. */
export function clock(at: Date): string {
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function answer(last: Attempt): string {
  switch (last.outcome.kind) {
    case 'answered':
      return String(last.outcome.status);
    case 'timeout':
      return 'timed out';
    case 'unreachable':
      return last.outcome.reason;
    case 'stopped':
      return 'abandoned';
  }
}

export interface EventLine {
  at: Date;
  type: string;
  id: string;
  forwarded: Forwarded;
}

export function eventLine({ at, type, id, forwarded }: EventLine, color: boolean): string {
  const { result, attempts } = forwarded;
  const last = attempts.at(-1);
  const head = `${dim(clock(at), color)}  ${oneLine(type).padEnd(TYPE_WIDTH)}  ${oneLine(id)}`;
  if (!last) return `${head}  not forwarded (stopping)`;
  const took = `${last.ms} ms`;
  if (result === 'delivered') {
    const retried = attempts.length > 1 ? `  (attempt ${attempts.length})` : '';
    return `${head}  ${green(answer(last), color)}  ${took}${retried}`;
  }
  const why = last.firstLine ? `  ${last.firstLine}` : '';
  const tail =
    result === 'gave-up'
      ? `  · ${attempts.length} attempts, skipped`
      : result === 'stopped'
        ? '  · stopping'
        : attempts.length > 1
          ? `  (attempt ${attempts.length})`
          : '';
  const text = last.outcome.kind === 'stopped' ? `${head}  abandoned${tail}` : `${head}  ${answer(last)}  ${took}${why}${tail}`;
  return red(text, color);
}
