/**
 * Turns Prism's request violations into the 400 example Chert would answer with.
 *
 * Prism validates a `oneOf` by trying every branch, so a body that is fine for the
 * `contact` branch still reports the `vcard_text` branch's complaints ("must have required
 * property 'vcard_text'", "found 'contact'"). Those are noise: the branch is chosen from the
 * raw body, the other branch's violations dropped, and what is left decides the answer.
 */

export interface Violation {
  path?: string[];
  code?: string | number;
  message: string;
  severity?: number;
}

export type BadRequestExample =
  | 'MissingCard'
  | 'NoIdentifyingField'
  | 'UnsupportedShape'
  | 'InvalidPhone'
  | 'InvalidJson';

export interface Classification {
  example: BadRequestExample;
  /** Why, for the log line: the violation or body fact that decided it. */
  reason: string;
}

export type BodyKind = 'send-contact' | 'share-contact' | 'other';

const CARD_FIELDS = ['contact', 'vcard_text'] as const;
const IDENTIFYING_STRINGS = ['full_name', 'given_name', 'family_name', 'organization'];
const IDENTIFYING_LISTS = ['phones', 'emails'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(v: Violation): string {
  return (v.path ?? []).join('.');
}

/** The other branch's complaints about a card field the body did choose. */
function isBranchNoise(v: Violation, chosen: string | undefined): boolean {
  if (v.code === 'oneOf') return true;
  if (chosen === undefined) return false;
  const other = chosen === 'contact' ? 'vcard_text' : 'contact';
  if (at(v) !== 'body') return false;
  if (v.code === 'required' && v.message.includes(`'${other}'`)) return true;
  if (v.code === 'additionalProperties' && v.message.includes(`'${chosen}'`)) return true;
  return false;
}

function isPhonePath(path: string): boolean {
  return path === 'body.to' || /^body\.contact\.phones\.\d+\.value$/.test(path);
}

function hasIdentifyingField(contact: Record<string, unknown>): boolean {
  return (
    IDENTIFYING_STRINGS.some((k) => typeof contact[k] === 'string' && (contact[k] as string).length > 0) ||
    IDENTIFYING_LISTS.some((k) => Array.isArray(contact[k]) && (contact[k] as unknown[]).length > 0)
  );
}

function describe(v: Violation): string {
  return v.message.replace(/^Request body (property )?/, at(v) ? `${at(v)}: ` : '');
}

/**
 * Precedence when a body breaks several rules at once (the reference does not say):
 * a missing card first, then an unsupported shape (unknown field, wrong type, both cards),
 * then a contact with nothing identifying, then a phone number that is not E.164.
 */
export function classifyBadRequest(kind: BodyKind, body: unknown, violations: Violation[]): Classification {
  const errors = violations.filter((v) => v.severity === undefined || v.severity === 0);

  if (errors.some((v) => v.code === 415)) {
    return { example: 'InvalidJson', reason: 'content-type is not application/json' };
  }
  if (!isObject(body)) {
    return {
      example: 'UnsupportedShape',
      reason: `body is ${Array.isArray(body) ? 'an array' : body === null ? 'null' : `a ${typeof body}`}, not an object`,
    };
  }

  let chosen: string | undefined;
  if (kind === 'send-contact') {
    const present = CARD_FIELDS.filter((k) => k in body);
    if (present.length === 0) return { example: 'MissingCard', reason: 'neither contact nor vcard_text' };
    if (present.length === 2) return { example: 'UnsupportedShape', reason: 'both contact and vcard_text' };
    chosen = present[0];
  }

  const relevant = errors.filter((v) => !isBranchNoise(v, chosen));
  const phone: Violation[] = [];
  const shape: Violation[] = [];
  let noIdentifying: Violation | undefined;
  for (const v of relevant) {
    const path = at(v);
    if (isPhonePath(path)) phone.push(v);
    else if (path === 'body' && v.code === 'required' && v.message.includes("'to'")) phone.push(v);
    else if (path === 'body.contact' && v.code === 'not') noIdentifying = v;
    else shape.push(v);
  }

  const first = shape[0];
  if (first) return { example: 'UnsupportedShape', reason: describe(first) };
  if (noIdentifying || (chosen === 'contact' && isObject(body.contact) && !hasIdentifyingField(body.contact))) {
    return { example: 'NoIdentifyingField', reason: 'contact has no identifying field' };
  }
  const firstPhone = phone[0];
  if (firstPhone) return { example: 'InvalidPhone', reason: describe(firstPhone) };
  // Prism found the body invalid but only the other branch complained: the shape is wrong.
  const any = relevant[0] ?? errors[0];
  return { example: 'UnsupportedShape', reason: any ? describe(any) : 'body does not match the document' };
}
