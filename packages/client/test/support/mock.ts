// The Prism mock of the document (@chert/mock) in examples mode, started for the test file on a
// free loopback port with the test signing secret, so signatures and bearer tokens are really
// checked; what it reports of each request is kept, afresh for each test.
import { startMock, type RequestReport, type RunningMock } from '@chert/mock';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { SECRET } from './fetch.js';

export function useCheckingMock(): { readonly url: string; readonly reports: RequestReport[] } {
  let mock: RunningMock | undefined;
  const reports: RequestReport[] = [];
  beforeAll(async () => {
    mock = await startMock({ mode: 'examples', port: 0, host: '127.0.0.1', signingSecret: SECRET, onReport: (r) => reports.push(r) });
  });
  afterAll(() => mock?.close());
  beforeEach(() => {
    reports.length = 0;
  });
  return {
    get url() {
      return mock!.url;
    },
    reports,
  };
}
