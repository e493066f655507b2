/** `chert <command>`: the commands, help and version, and the exit code of each. */
import { listen } from './commands/listen.js';
import { replay } from './commands/replay.js';
import { send } from './commands/send.js';
import type { Env } from './environment.js';
import { describeError, EXIT, oneLine, UsageError } from './errors.js';
import { LISTEN_HELP, REPLAY_HELP, ROOT_HELP, SEND_HELP } from './help.js';
import type { Io } from './io.js';
import { version } from './version.js';

const HELP: Record<string, string> = { listen: LISTEN_HELP, events: REPLAY_HELP, 'events replay': REPLAY_HELP, send: SEND_HELP };

async function dispatch(argv: string[], env: Env, io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      io.err(ROOT_HELP);
      return EXIT.usage;
    case '-h':
    case '--help':
      io.out(ROOT_HELP);
      return EXIT.ok;
    case '--version':
      io.out(version);
      return EXIT.ok;
    case 'help': {
      const topic = rest.join(' ');
      const help = topic ? HELP[topic] : ROOT_HELP;
      if (help === undefined) throw new UsageError(`chert help: no command ${JSON.stringify(oneLine(topic))} (commands: listen, events replay, send)`);
      io.out(help);
      return EXIT.ok;
    }
    case 'listen':
      return listen(rest, env, io);
    case 'send':
      return send(rest, env, io);
    case 'events': {
      const [sub, ...args] = rest;
      if (sub === 'replay') return replay(args, env, io);
      if (sub === undefined || sub === '-h' || sub === '--help') {
        io.out(REPLAY_HELP);
        return sub === undefined ? EXIT.usage : EXIT.ok;
      }
      throw new UsageError(`chert events: unknown subcommand ${JSON.stringify(oneLine(sub))} (chert events replay <id>)`);
    }
    default:
      throw new UsageError(`chert: unknown command ${JSON.stringify(oneLine(command))} (commands: listen, events replay, send; see chert --help)`);
  }
}

export async function main(argv: string[], env: Env, io: Io): Promise<number> {
  try {
    return await dispatch(argv, env, io);
  } catch (error) {
    const { line, exit } = describeError(error);
    io.err(error instanceof UsageError ? line : `chert: ${line}`);
    return exit;
  }
}
