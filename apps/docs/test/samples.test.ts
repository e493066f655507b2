// The code samples are part of the product: they must compile against the real
// @chert/client, and they must work, as written, against the mock.
import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startMock, type RequestReport, type RunningMock } from '@chert/mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const app = fileURLToPath(new URL('../', import.meta.url));
const samples = join(app, 'samples');
const tsc = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');
const operationIds = ['sendContactToChat', 'sendContactToPhone', 'shareContactInfoToChat', 'shareContactInfoToPhone'];

/** Exit code and output of tsc over a project, without throwing on errors. */
async function typecheck(project: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [tsc, '-p', project, '--noEmit', '--pretty', 'false'], { cwd: app });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('the TypeScript samples compile against the real packages', () => {
  // Inside node_modules so that @chert/client resolves as it does for the samples.
  const scratch = join(app, 'node_modules', '.cache', 'chert-docs-samples-check');

  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('every sample file type-checks (samples/tsconfig.json)', async () => {
    const { code, output } = await typecheck('samples/tsconfig.json');
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it('and the check has teeth: a sample using the client wrongly fails it', async () => {
    await mkdir(scratch, { recursive: true });
    await writeFile(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({ extends: '../../../samples/tsconfig.json', include: ['*.ts'] }),
    );
    await writeFile(
      join(scratch, 'broken.ts'),
      [
        "import { createChertClient } from '@chert/client';",
        "const chert = createChertClient({ auth: { hmac: { tenant: 'acme', signingSecret: 's' } } });",
        "await chert.contacts.send({ chatId: 'ch_1', to: '+14155550199' }, { contact: { full_name: 'Ada' } });",
        '',
      ].join('\n'),
    );
    const { code, output } = await typecheck(join(scratch, 'tsconfig.json'));
    expect(code).not.toBe(0);
    expect(output).toMatch(/broken\.ts\(3,\d+\): error TS\d+/);
  });

  it('there is a TypeScript and a curl sample for each operation', async () => {
    const files = await readdir(samples);
    for (const id of operationIds) {
      expect(files).toContain(`${id}.ts`);
      expect(files).toContain(`${id}.sh`);
    }
  });
});

describe('the samples work against the mock, as written', () => {
  const secret = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
  let mock: RunningMock;
  const reports: RequestReport[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    mock = await startMock({ port: 0, signingSecret: secret, onReport: (r) => reports.push(r) });
    Object.assign(process.env, { CHERT_BASE_URL: mock.url, CHERT_TENANT: 'acme', CHERT_SIGNING_SECRET: secret });
  });

  afterAll(async () => {
    for (const key of ['CHERT_BASE_URL', 'CHERT_TENANT', 'CHERT_SIGNING_SECRET']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    await mock?.close();
  });

  /** Runs a TypeScript sample module and returns what it printed with console.log. */
  async function runTs(file: string): Promise<string[]> {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import(/* @vite-ignore */ join(samples, file));
      return log.mock.calls.map((args) => args.join(' '));
    } finally {
      log.mockRestore();
    }
  }

  /** The mock's verdicts on the requests a sample made. */
  async function during(action: () => Promise<unknown>): Promise<RequestReport[]> {
    const from = reports.length;
    await action();
    return reports.slice(from);
  }

  it.each([
    ['sendContactToChat.sh', 'sendContactToChat', 'sent'],
    ['sendContactToPhone.sh', 'sendContactToPhone', 'sent'],
    ['shareContactInfoToChat.sh', 'shareContactInfoToChat', 'shared'],
    ['shareContactInfoToPhone.sh', 'shareContactInfoToPhone', 'shared'],
  ])('curl: %s is signed correctly and answered 200', async (file, operation, status) => {
    let stdout = '';
    const seen = await during(async () => {
      ({ stdout } = await run('bash', [join(samples, file)], { env: process.env, timeout: 15_000 }));
    });
    expect(JSON.parse(stdout)).toEqual({ chat_id: expect.stringMatching(/^ch_/), status });
    expect(seen.map((r) => [r.operation, r.status, r.violations.request])).toEqual([[operation, 200, []]]);
  });

  it.each([
    ['sendContactToChat.ts', ['sendContactToChat', 'sendContactToChat'], ['sent ch_8f3k2m9q']],
    ['sendContactToPhone.ts', ['sendContactToPhone'], ['ch_8f3k2m9q']],
    ['shareContactInfoToChat.ts', ['shareContactInfoToChat'], ['shared']],
    ['shareContactInfoToPhone.ts', ['shareContactInfoToPhone'], ['shared ch_8f3k2m9q']],
    ['guides/quickstart.ts', ['sendContactToPhone', 'shareContactInfoToChat'], ['ch_8f3k2m9q shared']],
    ['guides/mock.ts', ['sendContactToChat'], ['503 4002 true 30']],
    ['guides/mock-in-tests.ts', [], ['shared']],
  ])('TypeScript: %s makes the documented calls and prints what its comments say', async (file, operations, printed) => {
    let lines: string[] = [];
    const seen = await during(async () => {
      lines = await runTs(file);
    });
    expect(seen.map((r) => r.operation)).toEqual(operations);
    expect(seen.every((r) => r.violations.request.length === 0)).toBe(true);
    expect(lines).toEqual(printed);
  });
});

describe('the curl samples are valid shell', () => {
  it.each(operationIds.map((id) => [`${id}.sh`]))('%s parses with bash -n', async (file) => {
    await expect(run('bash', ['-n', join(samples, file)])).resolves.toBeDefined();
  });
});
