/**
 * The vCard a contact-card send puts in the chat, so the card shows up in the history as
 * the `media` part it is on a phone and its bytes download like any attachment.
 */
import { isObject } from '../document/schema.js';

const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/([,;])/g, '\\$1');

export function vcardOf(contact: Record<string, unknown>): string {
  const text = (key: string) => (typeof contact[key] === 'string' ? (contact[key] as string) : '');
  const entries = (key: string) => (Array.isArray(contact[key]) ? (contact[key] as unknown[]).filter(isObject) : []);
  const full = text('full_name') || [text('given_name'), text('family_name')].filter(Boolean).join(' ') || text('organization');
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${escape(full)}`, `N:${escape(text('family_name'))};${escape(text('given_name'))};;;`];
  if (text('organization')) lines.push(`ORG:${escape(text('organization'))}`);
  for (const phone of entries('phones')) lines.push(`TEL${phone.label ? `;TYPE=${escape(String(phone.label))}` : ''}:${String(phone.value)}`);
  for (const email of entries('emails')) lines.push(`EMAIL${email.label ? `;TYPE=${escape(String(email.label))}` : ''}:${String(email.value)}`);
  lines.push('END:VCARD');
  return `${lines.join('\r\n')}\r\n`;
}

/** The name a card's file gets: its FN, made safe for a file name. */
export function cardFileName(vcard: string): string {
  const fn = /^FN:(.*)$/m.exec(vcard)?.[1]?.trim().replace(/[^\p{L}\p{N} ._-]/gu, '') ?? '';
  return `${fn || 'contact'}.vcf`;
}
