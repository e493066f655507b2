// The code samples are part of the product: every one the docs show (hand-written under
// samples/, or generated from the document into generated/samples/) must compile against the
// real @chert/client, with the strictest optional-property checking, and must work as
// written on both routes the quick start offers: against the mock with only CHERT_BASE_URL
// set, and with a tenant and signing secret against a mock that verifies every signature the
// way Chert does. The operations come from the document. The generator is also run for the
// operations that have hand-written samples, as if they had none. (The guides' own samples,
// samples/guides/, run against the sandbox in guide-samples.test.ts.)
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { signV1 } from '@chert/client';
import { startMock, type RequestReport, type RunningMock } from '@chert/mock';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDocs } from '../scripts/lib/compose.mjs';
import { operations, servers } from '../scripts/lib/facts.mjs';
import { GENERATED_SAMPLES_DIR, writeGeneratedSamples } from '../scripts/lib/generated-samples.mjs';
import { authOf, curlSetup, generateCurlSample, generateTsSample, tsClientSetup } from '../scripts/lib/sample-generator.mjs';

const exec = promisify(execFile);
const require = createRequire(import.meta.url);
const app = fileURLToPath(new URL('../', import.meta.url));
const samplesDir = join(app, 'samples');
const tsc = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');
const bundle = JSON.parse(await readFile(require.resolve('@chert/openapi/openapi.json'), 'utf8'));
const ops = operations(bundle);
// Inside node_modules so that @chert/client and @chert/mock resolve as they do for the samples.
const cache = join(app, 'node_modules', '.cache');
const allGeneratedDir = join(cache, 'chert-docs-generated-all');
const runDir = join(cache, 'chert-docs-run');

// Operations with a hand-written sample: the generator is run for them too, as if they had
// none (for the others, the generated sample is the one shown).
const handWritten = ops.filter((o) => existsSync(join(samplesDir, `${o.operationId}.ts`)) || existsSync(join(samplesDir, `${o.operationId}.sh`)));

/** Each operation's shown samples, as files: hand-written, else generated. */
const shown = new Map<string, { ts: string; sh: string }>();

beforeAll(async () => {
  // What the build does: compose, then write the generated samples the docs show.
  const { samples } = await composeDocs({ document: bundle, guidesDir: join(app, 'guides'), samplesDir, signV1 });
  await writeGeneratedSamples(samples.filter((s) => s.generated));
  for (const o of ops) {
    const file = (ext: string) => {
      const sample = samples.find((s) => s.operationId === o.operationId && s.ext === ext)!;
      return join(sample.generated ? GENERATED_SAMPLES_DIR : samplesDir, `${o.operationId}${ext}`);
    };
    shown.set(o.operationId, { ts: file('.ts'), sh: file('.sh') });
  }
  // The generator for every operation, hand-written samples hidden.
  await rm(allGeneratedDir, { recursive: true, force: true });
  await mkdir(allGeneratedDir, { recursive: true });
  for (const o of ops) {
    await writeFile(join(allGeneratedDir, `${o.operationId}.ts`), generateTsSample(bundle, o));
    await writeFile(join(allGeneratedDir, `${o.operationId}.sh`), generateCurlSample(bundle, o));
  }
  await writeFile(
    join(allGeneratedDir, 'tsconfig.json'),
    JSON.stringify({ extends: relative(allGeneratedDir, join(samplesDir, 'tsconfig.json')), include: ['*.ts'] }),
  );
});

afterAll(async () => {
  await rm(allGeneratedDir, { recursive: true, force: true });
  await rm(runDir, { recursive: true, force: true });
});

/** Exit code and output of tsc over a project, without throwing on errors. */
async function typecheck(project: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await exec(process.execPath, [tsc, '-p', project, '--noEmit', '--pretty', 'false'], { cwd: app });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('every sample the docs show', () => {
  it('exists for every operation of the document, in TypeScript and in curl', () => {
    expect([...shown.keys()]).toEqual(ops.map((o) => o.operationId));
    for (const [id, files] of shown) {
      expect(existsSync(files.ts), `${id}: ${files.ts}`).toBe(true);
      expect(existsSync(files.sh), `${id}: ${files.sh}`).toBe(true);
    }
  });

  it('handles credentials the same way, hand-written or generated', async () => {
    for (const o of ops) {
      const { mode } = authOf(bundle, o);
      const files = shown.get(o.operationId)!;
      expect(await readFile(files.ts, 'utf8'), files.ts).toContain(tsClientSetup(mode === 'bearer' ? 'bearer' : 'hmac'));
      expect(await readFile(files.sh, 'utf8'), files.sh).toContain(curlSetup(servers(bundle).production));
    }
  });

  it.each(ops.map((o) => [o.operationId]))('the curl sample of %s is valid shell (bash -n)', async (id) => {
    await expect(exec('bash', ['-n', shown.get(id)!.sh])).resolves.toBeDefined();
  });
});

describe('the TypeScript samples compile against the real packages', () => {
  const scratch = join(cache, 'chert-docs-samples-check');
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('every sample, hand-written and generated, type-checks (samples/tsconfig.json, exactOptionalPropertyTypes)', async () => {
    const { code, output } = await typecheck('samples/tsconfig.json');
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it('so does what the generator writes for every operation of the document', async () => {
    const { code, output } = await typecheck(join(allGeneratedDir, 'tsconfig.json'));
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it('and the check has teeth: a sample using the client wrongly fails it', async () => {
    await mkdir(scratch, { recursive: true });
    await writeFile(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({ extends: relative(scratch, join(samplesDir, 'tsconfig.json')), include: ['*.ts'] }),
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
});

/** A TypeScript sample as JavaScript, beside the packages it imports; returns the file. */
async function transpiled(file: string): Promise<string> {
  const out = join(runDir, `${relative(app, file).replace(/[\\/]/g, '__')}.mjs`);
  const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, outputText);
  return out;
}

const secret = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
// [route, the mock's signing secret, the environment besides CHERT_BASE_URL]
const routes: Array<[string, string | undefined, Record<string, string>]> = [
  ['only CHERT_BASE_URL set, the mock taking any credentials', undefined, {}],
  ['a tenant and signing secret set, the mock verifying every signature', secret, { CHERT_TENANT: 'acme', CHERT_SIGNING_SECRET: secret }],
];

// What each hand-written sample prints, as its comments say.
const printed: Record<string, string[]> = {
  'sendContactToChat.ts': ['sent ch_8f3k2m9q'],
  'sendContactToPhone.ts': ['ch_8f3k2m9q'],
  'shareContactInfoToChat.ts': ['shared'],
  'shareContactInfoToPhone.ts': ['shared ch_8f3k2m9q'],
};

describe.each(routes)('the samples work as written, %s', (_route, mockSecret, credentials) => {
  let mock: RunningMock;
  const reports: RequestReport[] = [];

  beforeAll(async () => {
    mock = await startMock({ mode: 'examples', port: 0, ...(mockSecret ? { signingSecret: mockSecret } : {}), onReport: (r) => reports.push(r) });
  });
  afterAll(() => mock?.close());

  /** Exactly this environment: nothing of the test process's leaks into the sample. */
  const env = () => ({ PATH: process.env.PATH ?? '', CHERT_BASE_URL: mock.url, ...credentials });

  /** Runs a sample; returns its output and the mock's verdicts on the requests it made. */
  async function runSample(command: string, args: string[]): Promise<{ stdout: string; seen: RequestReport[] }> {
    const from = reports.length;
    const { stdout } = await exec(command, args, { env: env(), cwd: runDir, timeout: 20_000 });
    return { stdout, seen: reports.slice(from) };
  }
  const node = async (file: string) => runSample(process.execPath, [await transpiled(file)]);
  const bash = (file: string) => runSample('bash', [file]);

  const answered = (seen: RequestReport[], id: string) => {
    expect(seen.length, 'requests made').toBeGreaterThan(0);
    for (const r of seen) {
      expect([r.operation, r.violations.request, r.mockError]).toEqual([id, [], false]);
      expect(r.status, `${r.method} ${r.path}: ${r.reason ?? ''}`).toBeGreaterThanOrEqual(200);
      expect(r.status).toBeLessThan(300);
    }
  };

  beforeAll(() => mkdir(runDir, { recursive: true }));

  it.each(ops.map((o) => [o.operationId]))('curl: the sample of %s is answered with its success', async (id) => {
    const { stdout, seen } = await bash(shown.get(id)!.sh);
    answered(seen, id);
    expect(seen).toHaveLength(1);
    // What curl prints is the success body: JSON where the document says so, nothing for a 204,
    // the bytes or the event stream otherwise.
    const status = String(seen[0]!.status);
    const content = ops.find((o) => o.operationId === id)!.responses.find((r) => r.status === status)?.types ?? [];
    if (content.includes('application/json')) expect(() => JSON.parse(stdout)).not.toThrow();
    else if (content.length === 0) expect(stdout).toBe('');
    else expect(stdout.length).toBeGreaterThan(0);
  });

  it.each(ops.map((o) => [o.operationId]))('TypeScript: the sample of %s makes its calls and prints what its comments say', async (id) => {
    const file = shown.get(id)!.ts;
    const { stdout, seen } = await node(file);
    answered(seen, id);
    const own = printed[relative(samplesDir, file)];
    if (file.startsWith(samplesDir)) expect(own, `what ${relative(samplesDir, file)} prints`).toBeDefined();
    if (own) expect(stdout.trim().split('\n')).toEqual(own);
    else expect(stdout.trim()).not.toBe('');
  });

  it.each(handWritten.map((o) => [o.operationId]))('generated for %s (hand-written hidden): curl and TypeScript are answered with its success', async (id) => {
    const curl = await bash(join(allGeneratedDir, `${id}.sh`));
    answered(curl.seen, id);
    expect(() => JSON.parse(curl.stdout)).not.toThrow();
    const typescript = await node(join(allGeneratedDir, `${id}.ts`));
    answered(typescript.seen, id);
    expect(typescript.seen).toHaveLength(1);
  });
});
