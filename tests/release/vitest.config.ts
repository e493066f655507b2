import { defineConfig } from 'vitest/config';

export default defineConfig({
  logLevel: 'error',
  test: {
    include: ['test/**/*.test.ts'],
    // GitHub's workflow parser imports its JSON schema without `with { type: 'json' }`, which
    // Node refuses; run it through Vite, which does not mind.
    // (Its published source maps point at files it does not ship; Vite's warnings about that
    // are noise.)
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    // The clean-clone dry run builds the document and the client in a copy of the repo.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
  },
});
