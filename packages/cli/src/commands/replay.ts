/** `chert events replay <id>`: `events.replay` from the terminal. */
import { parse, text } from '../args.js';
import { clientFor, sayRetries } from '../client.js';
import type { Env } from '../environment.js';
import { describeError, EXIT, oneLine, UsageError } from '../errors.js';
import { REPLAY_HELP } from '../help.js';
import type { Io } from '../io.js';

const COMMAND = 'chert events replay';

export async function replay(argv: string[], env: Env, io: Io): Promise<number> {
  const { values, positionals } = parse(COMMAND, argv, {
    subscription: { type: 'string' },
    'base-url': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(REPLAY_HELP);
    return EXIT.ok;
  }
  const [id, ...extra] = positionals;
  if (id === undefined) throw new UsageError(`${COMMAND}: needs the event's <id>, e.g. chert events replay evt_01HZY7Q3M5N8P2R4T6V8X0Z2B4`);
  if (extra.length) throw new UsageError(`${COMMAND}: takes one <id>, got ${extra.length + 1}`);
  const subscription = text(COMMAND, values, 'subscription');
  const chert = clientFor(COMMAND, env, text(COMMAND, values, 'base-url'), io, sayRetries(COMMAND, io));
  try {
    const { data, traceId } = await chert.events.replay(id, subscription === undefined ? {} : { subscription_id: subscription }).withResponse();
    const status = data.downstream_status == null ? '' : `: your endpoint answered ${data.downstream_status}`;
    const to = subscription === undefined ? '' : ` to subscription ${subscription}`;
    io.out(oneLine(`Replayed ${id}${to}${status}${traceId ? `; trace ${traceId}` : ''}`));
    return EXIT.ok;
  } catch (error) {
    const { line, exit } = describeError(error);
    io.err(`${COMMAND}: ${line}`);
    return exit;
  }
}
