export { startMock } from './server.js';
export type { MockOptions, RunningMock, RequestReport } from './server.js';
export { signatureHeader, SIGNATURE_WINDOW_SECONDS } from './auth.js';
