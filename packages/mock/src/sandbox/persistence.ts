/**
 * `--state FILE`: the sandbox's state as one JSON snapshot, loaded on start and written on
 * a clean stop, so a restart keeps the user's chats. Bytes are base64. The file holds the
 * subscriptions' secrets (deliveries must still be signed after a restart), so it is
 * written readable by its owner only, through a temporary file renamed into place.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SandboxState, type AttachmentRecord, type EventRecord } from './state.js';

const FORMAT = 'chert-sandbox-state';
const VERSION = 1;

interface Snapshot {
  format: typeof FORMAT;
  version: number;
  lines: SandboxState['lines'];
  chats: unknown[];
  messages: unknown[];
  attachments: Array<Omit<AttachmentRecord, 'bytes'> & { bytes: string | null }>;
  subscriptions: unknown[];
  events: EventRecord[];
  idempotency: Array<[string, unknown]>;
  seq: number;
}

export function snapshotOf(state: SandboxState): Snapshot {
  return {
    format: FORMAT,
    version: VERSION,
    lines: state.lines,
    chats: [...state.chats.values()],
    messages: [...state.messages.values()],
    attachments: [...state.attachments.values()].map((a) => ({ ...a, bytes: a.bytes ? a.bytes.toString('base64') : null })),
    subscriptions: [...state.subscriptions.values()],
    events: state.events,
    idempotency: [...state.idempotency],
    seq: state.seq,
  };
}

export function saveState(file: string, state: SandboxState): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(snapshotOf(state)), { mode: 0o600 });
  renameSync(temporary, file);
}

/** The state saved in `file`, or undefined when there is no file yet (its folder must exist). */
export function loadState(file: string): SandboxState | undefined {
  if (!existsSync(file)) {
    if (!existsSync(dirname(resolve(file)))) throw new Error(`--state ${file}: the folder ${dirname(resolve(file))} does not exist, so the state could not be written`);
    return undefined;
  }
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  } catch (error) {
    throw new Error(`--state ${file} is not a sandbox snapshot: ${(error as Error).message}`);
  }
  if (snapshot?.format !== FORMAT || snapshot.version !== VERSION) {
    throw new Error(`--state ${file} is not a sandbox snapshot of version ${VERSION} (move it away to start afresh)`);
  }
  const state = new SandboxState([]);
  state.lines = snapshot.lines;
  for (const chat of snapshot.chats as Array<{ id: string }>) state.chats.set(chat.id, chat as never);
  for (const message of snapshot.messages as Array<{ id: string }>) state.messages.set(message.id, message as never);
  for (const a of snapshot.attachments) state.attachments.set(a.id, { ...a, bytes: a.bytes === null ? null : Buffer.from(a.bytes, 'base64') });
  for (const sub of snapshot.subscriptions as Array<{ id: string }>) state.subscriptions.set(sub.id, sub as never);
  state.events = snapshot.events;
  for (const event of state.events) state.eventsById.set(event.id, event);
  state.idempotency = new Map(snapshot.idempotency as Array<[string, never]>);
  state.seq = snapshot.seq;
  return state;
}
