/**
 * The rules of a message's parts that a schema cannot say: no two text parts side by side
 * (1008), no URL in the text of a chat's first message (1005), and media parts that name
 * an uploaded attachment. Parts are kept with the fields their type has, nothing else.
 */
import { isObject } from '../../document/schema.js';
import { ChertRefusal } from '../refusal.js';
import type { Sandbox } from '../sandbox.js';

/** A URL in text: a scheme, or a `www.` host. */
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)\S/i;

export function keptParts(sandbox: Sandbox, parts: unknown[]): Record<string, unknown>[] {
  return parts.filter(isObject).map((part) => {
    const fields = sandbox.facts.partFields.get(String(part.type)) ?? Object.keys(part);
    return Object.fromEntries(fields.filter((f) => part[f] !== undefined).map((f) => [f, part[f]]));
  });
}

export function noAdjacentText(parts: Record<string, unknown>[], at: string): void {
  for (let i = 1; i < parts.length; i++) {
    if (parts[i]!.type === 'text' && parts[i - 1]!.type === 'text') {
      throw new ChertRefusal(1008, `${at}/${i} is a text part right after another: merge adjacent text parts into one`);
    }
  }
}

export function noUrlInFirstText(parts: Record<string, unknown>[], at: string): void {
  parts.forEach((part, i) => {
    if (part.type === 'text' && typeof part.value === 'string' && URL_IN_TEXT.test(part.value)) {
      throw new ChertRefusal(1005, `${at}/${i}/value has a URL: a chat's first message may not; send the link as a rich_link part`);
    }
  });
}

/**
 * Every media part names an attachment whose bytes are uploaded. `codes` are the
 * operation's: an unknown attachment and one not uploaded yet (5001 and 5004 where the
 * operation answers them, else 1002).
 */
export function mediaReady(sandbox: Sandbox, parts: Record<string, unknown>[], at: string, codes: { unknown: number; notUploaded: number }): void {
  parts.forEach((part, i) => {
    if (part.type !== 'media') return;
    const id = String(part.attachment_id);
    const attachment = sandbox.state.attachments.get(id);
    if (!attachment) throw new ChertRefusal(codes.unknown, `${at}/${i}/attachment_id: attachment ${id} does not exist in the sandbox`);
    if (!attachment.bytes) {
      throw new ChertRefusal(codes.notUploaded, `${at}/${i}/attachment_id: attachment ${id} has no bytes yet; PUT them to its upload_url first`);
    }
  });
}
