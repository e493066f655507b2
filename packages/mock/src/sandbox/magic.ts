/**
 * The sandbox's magic numbers: fictional recipients in the reserved 555-01XX range whose
 * sends end the same way every time, in every sending operation, so an integration can
 * exercise its error handling and its webhook endpoint from its own code, with no header and
 * no control API call. A failing number is answered with the operation's own documented
 * error (the document's example, its message saying why) before anything is sent or
 * recorded; where the operation documents no such error the send goes through and the
 * number shapes what happens after it (see `afterSend`).
 */
import { documentsCode } from '../document/operation.js';
import type { Call } from './handlers/call.js';
import { chatByDeliveryChatId } from './handlers/locations.js';
import { ChertRefusal } from './refusal.js';
import type { Sandbox } from './sandbox.js';
import { simulateInbound } from './simulate.js';
import type { ChatRecord, MessageRecord } from './state.js';

export type MagicOutcome = 'delivery_failed' | 'lines_saturated' | 'rate_limited' | 'unsupported' | 'read' | 'echo';

export interface MagicNumber {
  /** The recipient, in E.164. */
  number: string;
  outcome: MagicOutcome;
  /** The Chert error code its sends are answered with, where the operation documents it. */
  code: number | null;
  /** What a send to it does, in a line. */
  does: string;
}

/** How long after delivery the `read` number reads a message, on the sandbox clock. */
export const READ_AFTER_MS = 1_000;

/**
 * The table: +1 202 555 0101 to 0106. Area code 202 keeps them apart from the 415 numbers
 * of the document's examples and the sandbox's lines.
 */
export const MAGIC_NUMBERS: readonly MagicNumber[] = Object.freeze([
  { number: '+12025550101', outcome: 'delivery_failed', code: 4001, does: 'delivery fails: the operation\'s 502 / 4001, not retryable (a location, which Chert only queues, is accepted and never delivered)' },
  { number: '+12025550102', outcome: 'lines_saturated', code: 4002, does: 'every line is saturated: 503 / 4002, retryable, with the example\'s retry_after' },
  { number: '+12025550103', outcome: 'rate_limited', code: 1007, does: 'rate limited: 429 / 1007, retryable, with the example\'s retry_after' },
  { number: '+12025550104', outcome: 'unsupported', code: 4099, does: 'the line cannot do this: 4099 wherever the operation documents it (contact cards, locations, createChat); /send and follow-ups, which document none, send as usual' },
  { number: '+12025550105', outcome: 'read', code: null, does: `sent, delivered, then read ${READ_AFTER_MS / 1000} s later on the sandbox clock (read_at set)` },
  { number: '+12025550106', outcome: 'echo', code: null, does: 'an echo contact: once each message is delivered, replies "echo: <your text>" as a real inbound message (event, webhooks, stream)' },
]);

const BY_NUMBER = new Map(MAGIC_NUMBERS.map((m) => [m.number, m]));

/** The first magic number among `addresses`, in their order. */
export function magicNumberOf(addresses: readonly string[]): MagicNumber | undefined {
  for (const address of addresses) {
    const magic = BY_NUMBER.get(address);
    if (magic) return magic;
  }
  return undefined;
}

/** A chat the handler will send into; one that does not exist or was left is the handler's to refuse. */
function chatMembers(chat: ChatRecord | undefined): string[] {
  return chat && !chat.left ? chat.participants : [];
}

/** Where each sending operation's recipients are, read from a request the front found valid. */
const RECIPIENTS: Record<string, (call: Call) => string[]> = {
  sendMessage: (call) => [String(call.body.phone)],
  createChat: (call) => (Array.isArray(call.body.to) ? call.body.to.map(String) : []),
  sendChatMessage: (call) => chatMembers(call.sandbox.state.chats.get(call.params.id!)),
  sendContactToChat: (call) => chatMembers(call.sandbox.state.chats.get(call.params.id!)),
  shareContactInfoToChat: (call) => chatMembers(call.sandbox.state.chats.get(call.params.id!)),
  sendContactToPhone: (call) => [String(call.body.to)],
  shareContactInfoToPhone: (call) => [String(call.body.to)],
  sendLocation: (call) =>
    typeof call.body.phone === 'string' ? [call.body.phone] : chatMembers(chatByDeliveryChatId(call.sandbox, String(call.body.chat_id))),
};

const WHY: Partial<Record<MagicOutcome, string>> = {
  delivery_failed: 'Delivery failed',
  lines_saturated: 'All lines saturated for this recipient',
  rate_limited: 'Rate limited',
  unsupported: 'The line does not support this',
};

/**
 * Before a sending operation's handler: a send to a failing magic number is refused with
 * the operation's documented error for its code, and nothing is sent or recorded.
 */
export function refuseMagic(call: Call): void {
  const magic = magicNumberOf(RECIPIENTS[call.op.id]?.(call) ?? []);
  if (!magic || magic.code === null || !documentsCode(call.op, magic.code)) return;
  throw new ChertRefusal(magic.code, `${WHY[magic.outcome]}: ${magic.number} is a sandbox magic number (every send to it ends this way)`);
}

/** Far enough in the future that the sandbox clock never reaches it, and still a plain number in a snapshot. */
const NEVER = Number.MAX_SAFE_INTEGER;

/** After an outbound message was recorded: what a magic recipient does with it. */
export function afterSend(sandbox: Sandbox, chat: ChatRecord, message: MessageRecord): void {
  const magic = magicNumberOf(chat.participants);
  switch (magic?.outcome) {
    case 'read':
      message.readAt = message.deliverAt + READ_AFTER_MS;
      break;
    case 'delivery_failed':
      // Reached only where the operation documents no 4001 (a location, which Chert queues).
      message.deliverAt = NEVER;
      break;
    case 'echo': {
      const from = magic.number;
      const text = `echo: ${textOf(sandbox, message)}`;
      // Real time, as the deliveries it causes: the reply comes once the message is delivered.
      sandbox.deliverer.schedule(Math.max(0, message.deliverAt - message.createdAt), () => {
        const current = sandbox.state.chats.get(chat.id);
        // The chat may have gone since (a reset drops the reply anyway; a group the line left, or a member removed).
        if (!current || current.left || !current.participants.includes(from)) return;
        try {
          const { events } = simulateInbound(sandbox, { from, chat_id: chat.id, text });
          sandbox.options.log(`  echo ${from} replied in ${chat.id} (${events.map((e) => e.id).join(', ')})`);
        } catch (error) {
          sandbox.options.log(`  echo ${from} could not reply in ${chat.id}: ${(error as Error).message}`);
        }
      });
      break;
    }
    default:
  }
}

/** A message as the echo contact quotes it: text as written, links by URL, media by file name. */
function textOf(sandbox: Sandbox, message: MessageRecord): string {
  return message.parts
    .map((part) => {
      if (part.type === 'text') return String(part.value);
      if (part.type === 'rich_link') return String(part.url);
      const attachment = sandbox.state.attachments.get(String(part.attachment_id));
      return `[${attachment?.filename ?? 'attachment'}]`;
    })
    .join('\n');
}
