import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const USAGE = `Usage: chert-mock [options]

A local Chert Messaging API answering from the OpenAPI document's examples.

Options:
  -p, --port <n>              port to listen on (default: the document's local server,
                              4010; 0 picks a free one)
      --host <addr>           interface to listen on (default 127.0.0.1)
      --signing-secret <s>    verify x-chert-signature and bearer tokens against this secret
                              (or set CHERT_MOCK_SIGNING_SECRET); without one, the mock only
                              checks that credentials are present
      --proxy <url>           forward to a real Chert base URL through Prism's validation
                              proxy and report every request or response that breaks the document
  -v, --verbose               also print Prism's own log for every request
  -h, --help                  show this help
      --version               print the version of @chert/mock
`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  onSignal: (signal: 'SIGINT' | 'SIGTERM', handler: () => void) => void;
  exit: (code: number) => void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  onSignal: (signal, handler) => process.on(signal, handler),
  exit: (code) => process.exit(code),
};

/** Resolves to an exit code when the CLI is done at once, or undefined while the mock serves. */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo = processIo,
): Promise<number | undefined> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        'signing-secret': { type: 'string' },
        proxy: { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    }));
  } catch (error) {
    io.err(`chert-mock: ${(error as Error).message.split('\n')[0]} (see --help)`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE.trimEnd());
    return 0;
  }
  if (values.version) {
    // dist/cli.js sits one level below package.json, as src/cli-main.ts does.
    const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
    io.out(version);
    return 0;
  }
  // Without --port, startMock listens on the document's own local server port.
  const portText = values.port;
  const port = portText === undefined ? undefined : Number(portText);
  if (portText !== undefined && (!/^\d+$/.test(portText) || port! > 65535)) {
    io.err(`chert-mock: --port must be a number from 0 to 65535, got "${portText}"`);
    return 2;
  }
  const signingSecret = values['signing-secret'] ?? env.CHERT_MOCK_SIGNING_SECRET ?? undefined;

  let mock;
  try {
    // Loaded only now: Prism takes about a second to load, and --help or a bad flag should not wait.
    const { startMock } = await import('./lifecycle.js');
    mock = await startMock({
      port,
      host: values.host ?? '127.0.0.1',
      ...(signingSecret ? { signingSecret } : {}),
      ...(values.proxy !== undefined ? { proxy: values.proxy } : {}),
      verbose: !!values.verbose,
      log: io.out,
    });
  } catch (error) {
    io.err(`chert-mock: ${(error as Error).message}`);
    return 1;
  }

  const mode = values.proxy
    ? `proxying to ${new URL(values.proxy).origin} and reporting what breaks the document`
    : signingSecret
      ? 'verifying signatures and bearer tokens against the signing secret'
      : 'checking only that credentials are present (no signing secret)';
  io.out(`Chert mock listening on ${mock.url}`);
  if (values.proxy && signingSecret) io.out('  the signing secret is not used in proxy mode: the upstream checks credentials');
  io.out(`  ${mode}; Ctrl-C to stop`);

  let stopping = false;
  const stop = () => {
    if (stopping) return io.exit(1);
    stopping = true;
    mock.close().then(
      () => {
        io.out('Chert mock stopped');
        io.exit(0);
      },
      (error: unknown) => {
        io.err(`chert-mock: ${(error as Error).message}`);
        io.exit(1);
      },
    );
  };
  io.onSignal('SIGINT', stop);
  io.onSignal('SIGTERM', stop);
  return undefined;
}
