/**
 * Ids shaped like the ones Chert's pages show: `ch_…` chats, `msg_…` messages (time-sorted),
 * Apple GUIDs for inbound messages, `att_…` uploads and `in_<hex>` inbound media, `evt_…`
 * event rows, UUID subscriptions, `cv_…` conversations, `pl_<digits>` lines. All opaque.
 */
import { randomBytes, randomUUID } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ALNUM = 'abcdefghijkmnpqrstuvwxyz23456789';

function pick(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

let lastTime = -1;
let counter = 0;

/** A ULID-like id: 10 characters of time, then 16 random; sorts by creation within the process. */
function sortable(at: number): string {
  if (at === lastTime) counter++;
  else {
    lastTime = at;
    counter = 0;
  }
  let time = '';
  let t = at;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return `${time}${counter.toString(32).toUpperCase().padStart(4, '0')}${pick(CROCKFORD, 12)}`;
}

export const ids = {
  chat: () => `ch_${pick(ALNUM, 12)}`,
  conversation: (at: number) => `cv_${sortable(at)}`,
  message: (at: number) => `msg_${sortable(at)}`,
  inboundMessage: () => randomUUID().toUpperCase(),
  attachment: () => `att_${pick(ALNUM, 16)}`,
  inboundAttachment: () => `in_${randomBytes(16).toString('hex')}`,
  event: (at: number) => `evt_${sortable(at)}`,
  subscription: () => randomUUID(),
  secret: () => randomBytes(32).toString('hex'),
  line: (number: string) => `pl_${number.replace(/\D/g, '')}`,
  hex: () => randomBytes(16).toString('hex'),
  trace: () => randomBytes(6).toString('hex'),
};
