/**
 * Ids shaped like the ones Chert's pages show: `ch_…` chats, `msg_…` messages (time-sorted),
 * Apple GUIDs for inbound messages, `att_…` uploads and `in_<hex>` inbound media, `evt_…`
 * event rows, UUID subscriptions, `cv_…` conversations, `pl_<digits>` lines. All opaque.
 */
import { randomBytes, randomUUID } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ALNUM = 'abcdefghijkmnpqrstuvwxyz23456789';

// Random bytes drawn from a pool: a call to the system's generator per id costs more than
// the rest of a sandbox answer.
const POOL_SIZE = 8192;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

function random(length: number): Buffer {
  if (offset + length > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + length);
  offset += length;
  return out;
}

function pick(alphabet: string, length: number): string {
  let out = '';
  for (const b of random(length)) out += alphabet[b % alphabet.length];
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
  inboundAttachment: () => `in_${random(16).toString('hex')}`,
  event: (at: number) => `evt_${sortable(at)}`,
  subscription: () => randomUUID(),
  secret: () => randomBytes(32).toString('hex'),
  line: (number: string) => `pl_${number.replace(/\D/g, '')}`,
  hex: () => random(16).toString('hex'),
  trace: () => random(6).toString('hex'),
};
