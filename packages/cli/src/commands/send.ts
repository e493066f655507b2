/**
 * `chert send <phone> <text>`: `messages.send` from the terminal. The client adds an
 * idempotency key and retries what is safe to retry; each retry is said on stderr.
 */
import { parse, text } from '../args.js';
import { clientFor, sayRetries } from '../client.js';
import type { Env } from '../environment.js';
import { describeError, EXIT, oneLine, UsageError } from '../errors.js';
import { SEND_HELP } from '../help.js';
import type { Io } from '../io.js';

const COMMAND = 'chert send';

export async function send(argv: string[], env: Env, io: Io): Promise<number> {
  const { values, positionals } = parse(COMMAND, argv, {
    'base-url': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(SEND_HELP);
    return EXIT.ok;
  }
  const [phone, body, ...extra] = positionals;
  if (phone === undefined || body === undefined) throw new UsageError(`${COMMAND}: needs <phone> and <text>, e.g. chert send +14155550199 "Your table is ready"`);
  if (extra.length) throw new UsageError(`${COMMAND}: takes <phone> and <text> only; quote the text ("…") to send several words`);
  if (body.trim() === '') throw new UsageError(`${COMMAND}: <text> is empty`);
  const chert = clientFor(COMMAND, env, text(COMMAND, values, 'base-url'), io, sayRetries(COMMAND, io));
  try {
    const { data, traceId } = await chert.messages.send({ phone, body }).withResponse();
    const lead = data.lead_created ? 'new chat' : 'chat';
    io.out(oneLine(`Sent ${data.message_id} to ${phone} (${lead} ${data.lead_id}, line ${data.phone_line_id}): ${data.status}${traceId ? `; trace ${traceId}` : ''}`));
    return EXIT.ok;
  } catch (error) {
    const { line, exit } = describeError(error);
    io.err(`${COMMAND}: ${line}`);
    return exit;
  }
}
