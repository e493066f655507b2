// One version, said everywhere by the build: the document's info.version, the types'
// apiVersion and the client's user agent all come from package.json files, never from a
// literal someone has to remember to edit.
import { createChertClient, version as clientVersion } from '@chert/client';
import { apiVersion } from '@chert/types';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXED, readJson, root } from './repo.js';

const require = createRequire(import.meta.url);
const versionOf = (name: string) => readJson(require.resolve(`${name}/package.json`)).version as string;
const documentVersion = versionOf('@chert/openapi');

describe('the versions the build writes', () => {
  it('the fixed group shares one version', () => {
    expect(new Set(FIXED.map(versionOf))).toEqual(new Set([documentVersion]));
  });

  it('the bundled document says the version of @chert/openapi', () => {
    const bundle = JSON.parse(readFileSync(require.resolve('@chert/openapi/openapi.json'), 'utf8'));
    expect(bundle.info.version).toBe(documentVersion);
  });

  it('the document source leaves info.version to the build', () => {
    const source = readFileSync(join(root, 'openapi/openapi.yaml'), 'utf8');
    expect(source).not.toMatch(new RegExp(`version:\\s*['"]?${documentVersion.replace(/\./g, '\\.')}['"]?\\s*$`, 'm'));
  });

  it('@chert/types says which document version it was generated from', () => {
    expect(apiVersion).toBe(documentVersion);
  });

  it('@chert/client exports its package version and sends it as chert-ts/<version>', async () => {
    expect(clientVersion).toBe(versionOf('@chert/client'));
    const seen: string[] = [];
    const client = createChertClient({
      auth: { bearer: { token: '0123456789abcdef0123456789abcdef' } },
      baseUrl: 'http://127.0.0.1:9',
      fetch: async (request: Request) => {
        seen.push(request.headers.get('user-agent') ?? '');
        return Response.json({ chat_id: 'ch_8f3k2m9q', status: 'sent' });
      },
    });
    await client.contacts.send({ chatId: 'ch_8f3k2m9q' }, { contact: { full_name: 'Ada Lovelace' } });
    expect(seen).toEqual([`chert-ts/${versionOf('@chert/client')}`]);
  });

  it('no source file of a published package spells out its version', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (name === 'generated' || name === 'node_modules') return [];
      return statSync(path).isDirectory() ? files(path) : [path];
    });
    for (const dir of ['packages/client/src', 'packages/types/src', 'packages/mock/src']) {
      for (const file of files(join(root, dir))) {
        expect(readFileSync(file, 'utf8'), file).not.toContain(`'${documentVersion}'`);
      }
    }
  });
});
