// The bundle is valid for tools that are not ours: Spectral's spectral:oas ruleset reports
// nothing, and @hey-api/openapi-ts generates a typed client from it without a warning, and
// that client type-checks. Generation only; nothing here touches the network.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { bundlePath } from './document.js';

const require = createRequire(import.meta.url);

describe('Spectral (spectral:oas)', () => {
  async function spectral(text: string): Promise<string[]> {
    const { Spectral, Document } = require('@stoplight/spectral-core');
    const Parsers = require('@stoplight/spectral-parsers');
    const { oas } = require('@stoplight/spectral-rulesets');
    const linter = new Spectral();
    linter.setRuleset({ extends: [[oas, 'recommended']] });
    const results = await linter.run(new Document(text, Parsers.Json, bundlePath.pathname));
    return results.map((r: any) => `${r.code} at ${r.path.join('.')}: ${r.message}`);
  }

  it('reports nothing on the bundle', async () => {
    expect(await spectral(readFileSync(bundlePath, 'utf8'))).toEqual([]);
  }, 60_000);

  it('does report a problem planted in it (the check is live)', async () => {
    const doc = JSON.parse(readFileSync(bundlePath, 'utf8'));
    delete doc.paths['/api/v1/send'].post.description;
    expect(await spectral(JSON.stringify(doc))).toEqual([expect.stringMatching(/^operation-description at paths\./)]);
  }, 60_000);
});

describe('@hey-api/openapi-ts', () => {
  const out = mkdtempSync(join(tmpdir(), 'chert-hey-api-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  // In a child process, so that everything it prints is captured.
  const script = `
    const { createClient } = await import('@hey-api/openapi-ts');
    await createClient({
      input: ${JSON.stringify(bundlePath.pathname)},
      output: ${JSON.stringify(out)},
      logs: { level: 'warn' },
      plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
    });`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('..', import.meta.url).pathname,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const printed = `${run.stdout}${run.stderr}`;

  it('generates without a warning or an error', () => {
    expect(run.status, printed).toBe(0);
    expect(printed).toMatch(/Generating from 1 input/); // its log is captured here
    const lines = printed.split('\n').filter((l) => /warn|error|fail|⚠|❌/i.test(l));
    expect(lines).toEqual([]);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['types.gen.ts', 'sdk.gen.ts']));
  });

  it('names every operation in the SDK it generates', () => {
    const sdk = readFileSync(join(out, 'sdk.gen.ts'), 'utf8');
    const doc = JSON.parse(readFileSync(bundlePath, 'utf8'));
    for (const item of Object.values<any>(doc.paths)) {
      for (const op of Object.values<any>(item)) if (op?.operationId) expect(sdk).toContain(`export const ${op.operationId} =`);
    }
  });

  it('generates code that type-checks', () => {
    const files = readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => join(out, f));
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      skipLibCheck: true,
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  }, 60_000);
});
