// @ts-check
// The limits the how-to guides state (a group's recipients and members, a message's parts,
// a file's size) and the document's own words about a schema or field, each read from the
// document where it says so; the build fails when it no longer does.
import { deref } from '@chert/openapi/walk';

/** @typedef {Record<string, any>} Json */

/**
 * A whole number the document states, or a build failure naming where it was looked for.
 * @param {unknown} value @param {string} where
 */
function whole(value, where) {
  if (!Number.isInteger(value) || /** @type {number} */ (value) < 0) throw new Error(`The document gives no limit at ${where} (found ${JSON.stringify(value)}).`);
  return /** @type {number} */ (value);
}

/**
 * @param {Json} document
 * @param {import('../facts.mjs').Operation[]} ops
 */
export function groupLimits(document, ops) {
  const create = document.components?.schemas?.CreateChatRequest;
  // One recipient is a 1:1 chat; from the `if` branch's minimum on, createChat makes a group.
  const minRecipients = whole(create?.if?.properties?.to?.minItems, 'CreateChatRequest: if.properties.to.minItems (where a group starts)');
  const maxRecipients = whole(create?.properties?.to?.maxItems, 'CreateChatRequest: properties.to.maxItems');
  const declaring = ops.filter((o) => ['removeChatParticipant', 'leaveChat'].includes(o.operationId));
  const values = declaring.map((o) => whole(o.operation['x-chert-group-min-members'], `${o.operationId}: x-chert-group-min-members`));
  if (declaring.length !== 2) throw new Error('The document lacks removeChatParticipant or leaveChat, whose x-chert-group-min-members the groups guide states.');
  if (new Set(values).size !== 1) throw new Error(`removeChatParticipant and leaveChat disagree on x-chert-group-min-members: ${values.join(' and ')}.`);
  const minMembers = /** @type {number} */ (values[0]);
  // Leaving takes your line out of the group too: it needs one member more than the minimum.
  return { minRecipients, maxRecipients, minMembers, toLeave: minMembers + 1 };
}

/** Bytes in words, in the document's decimal megabytes: 100000000 → `100 MB (100,000,000 bytes)`. @param {number} bytes */
const megabytes = (bytes) => `${bytes % 1_000_000 === 0 ? bytes / 1_000_000 : (bytes / 1_000_000).toFixed(1)} MB (${bytes.toLocaleString('en-US')} bytes)`;

/**
 * @param {Json} document
 * @param {import('../facts.mjs').Operation[]} ops
 * @returns {import('../render.mjs').Fills}
 */
export function limitFills(document, ops) {
  const schemas = document.components?.schemas ?? {};
  return {
    'group-recipients': () => {
      const { minRecipients, maxRecipients } = groupLimits(document, ops);
      return `${minRecipients} to ${maxRecipients}`;
    },
    'group-max-recipients': () => String(groupLimits(document, ops).maxRecipients),
    'group-min-members': () => String(groupLimits(document, ops).minMembers),
    'group-members-to-leave': () => String(groupLimits(document, ops).toLeave),
    'message-max-parts': () => String(whole(schemas.MessageParts?.maxItems, 'MessageParts.maxItems')),
    'attachment-max-size': () => megabytes(whole(schemas.AttachmentBytes?.maxLength, 'AttachmentBytes.maxLength')),
    // `{{schema-description:IdempotencyKey}}` or `{{schema-description:SendMessageRequest/phone_line_id}}`:
    // the document's own words, on one line (a property's description, else its schema's).
    'schema-description': (arg) => {
      const [name = '', property] = arg.split('/');
      const schema = deref(document, schemas[name]);
      const raw = property ? schema?.properties?.[property] : schema;
      const text = String(raw?.description ?? deref(document, raw)?.description ?? '').replace(/\s*\n\s*/g, ' ').trim();
      if (!text) throw new Error(`The document does not describe ${arg}.`);
      return text;
    },
  };
}
