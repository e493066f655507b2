import { bundledDocumentSync } from './document/load.js';
import { signatureWindow } from './document/security.js';

export { startMock } from './lifecycle.js';
export type {
  MockOptions,
  MockMode,
  RunningMock,
  RunningSandbox,
  RequestReport,
  InboundInput,
  InboundPart,
  InboundResult,
  ReactInput,
  SandboxStats,
} from './types.js';
export { signatureHeader } from './signature.js';
export { MAGIC_NUMBERS as magicNumbers, type MagicNumber, type MagicOutcome } from './sandbox/magic.js';

/**
 * How far a signature's timestamp may be from the clock, either way, in seconds: the
 * bundled document's `x-chert-signature-window-seconds`.
 */
export const SIGNATURE_WINDOW_SECONDS: number = signatureWindow(bundledDocumentSync()) ?? Number.NaN;
