// @ts-check
// The error placeholders: codes, their statuses and retryability, the envelope's fields, the
// advice per code (guides/error-advice.json), all from the document's ErrorCode enum, its
// description table and its response examples.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deref } from '@chert/openapi/walk';
import { codesAnsweredWith } from '../facts.mjs';
import { fence, firstParagraph, listed } from '../render.mjs';

/** @typedef {import('../facts.mjs').ErrorCodeFact} ErrorCodeFact */

// Statuses that mean "who you are, or what you may do", whatever the operation.
const AUTH_STATUSES = [401, 403];

/**
 * The advice per code; fails when a code of the enum has none, or advice names a code the
 * enum does not list.
 * @param {string} guidesDir @param {ErrorCodeFact[]} codes
 * @returns {Promise<Record<string, string>>}
 */
export async function readAdvice(guidesDir, codes) {
  /** @type {Record<string, string>} */
  const advice = JSON.parse(await readFile(join(guidesDir, 'error-advice.json'), 'utf8'));
  const known = new Set(codes.map((c) => String(c.code)));
  const problems = [
    ...codes.filter((c) => !advice[String(c.code)]).map((c) => `no advice for ${c.code} in guides/error-advice.json`),
    ...Object.keys(advice)
      .filter((k) => !known.has(k))
      .map((k) => `guides/error-advice.json has advice for ${k}, which the document's ErrorCode enum does not list`),
  ];
  if (problems.length) throw new Error(problems.join('\n'));
  return advice;
}

const retryableText = (/** @type {ErrorCodeFact} */ c) =>
  c.retryable === 'varies' ? 'depends on the operation' : c.retryable ? 'yes' : 'no';
export const statusText = (/** @type {ErrorCodeFact} */ c) => c.statuses.join(' or ');

/**
 * A lookup of codes by the text a guide names them with; an unknown code fails the build.
 * @param {ErrorCodeFact[]} codes
 */
export function codeLookup(codes) {
  const byCode = new Map(codes.map((c) => [c.code, c]));
  return (/** @type {string} */ raw) => {
    const fact = byCode.get(Number(raw));
    if (!fact) throw new Error(`A guide names error code ${raw}, which the document's ErrorCode enum does not list.`);
    return fact;
  };
}

/**
 * @param {{ document: Record<string, any>, codes: ErrorCodeFact[], advice: Record<string, string> }} input
 * @returns {import('../render.mjs').Fills}
 */
export function errorFills({ document, codes, advice }) {
  const codeFact = codeLookup(codes);
  const rows = (/** @type {ErrorCodeFact[]} */ list, /** @type {boolean} */ withAdvice) =>
    [
      withAdvice ? '| code | HTTP | retryable | meaning | what to do |' : '| code | HTTP | retryable | meaning |',
      withAdvice ? '|---|---|---|---|---|' : '|---|---|---|---|',
      ...list.map(
        (c) =>
          `| ${c.code} | ${c.statuses.join(', ')} | ${retryableText(c)} | ${c.meaning} |` +
          (withAdvice ? ` ${advice[String(c.code)]} |` : ''),
      ),
    ].join('\n');

  return {
    code: (arg) => {
      const fact = codeFact(arg);
      return `${statusText(fact)} / \`${fact.code}\``;
    },
    'code-retryable': (arg) => {
      const { retryable } = codeFact(arg);
      return retryable === 'varies' ? 'retryable on some operations only' : retryable ? 'retryable' : 'not retryable';
    },
    'error-rows': (arg) => rows(arg.split(',').map(codeFact), false),
    'auth-error-rows': () => {
      const list = codesAnsweredWith(codes, AUTH_STATUSES);
      if (list.length === 0) throw new Error('The document answers no code with 401 or 403: the authentication guide has nothing to list.');
      return rows(list, false);
    },
    'error-table': () => rows(codes, true),
    'error-codes': () => codes.map((c) => `\`${c.code}\``).join(', '),
    'retryable-codes': () =>
      codes
        .filter((c) => c.retryable === true)
        .map((c) => `\`${c.code}\` (${c.statuses.join(', ')})`)
        .join(', '),
    'retry-after-codes': () =>
      codes
        .filter((c) => c.retryAfter)
        .map((c) => `\`${c.code}\``)
        .join(' and '),
    'error-example': (name) => {
      const ex = deref(document, document.components?.examples?.[name]);
      if (!ex?.value?.error) throw new Error(`The document has no error example ${name}.`);
      return fence('json', JSON.stringify(ex.value, null, 2));
    },
    'envelope-fields': () => envelopeFields(document),
    // The ranges as the ErrorCode description names them ("Ranges: 1xxx request errors, …").
    'code-ranges': () => {
      const said = /Ranges:\s*([^.]+)\./.exec(String(document.components?.schemas?.ErrorCode?.description ?? ''))?.[1];
      if (!said) throw new Error('The ErrorCode description names no ranges ("Ranges: 1xxx …, 2xxx …").');
      const ranges = said.replace(/\s+/g, ' ').split(/,\s*/).map((r) => r.replace(/^(\dxxx)\b/, '`$1`'));
      const unknown = codes.filter((c) => !ranges.some((r) => r.startsWith(`\`${String(c.code)[0]}xxx\``)));
      if (unknown.length) throw new Error(`The ErrorCode ranges leave out ${unknown.map((c) => c.code).join(', ')}.`);
      return listed(ranges);
    },
  };
}

/**
 * The envelope's fields as the document's schemas describe them (first paragraph of each
 * description), so a new field shows up by itself.
 * @param {Record<string, any>} document
 */
function envelopeFields(document) {
  const rows = ['| field | type | always there? | what it is for |', '|---|---|---|---|'];
  /** @param {any} schema @param {string} prefix */
  const walk = (schema, prefix) => {
    const s = deref(document, schema);
    for (const [name, raw] of Object.entries(s?.properties ?? {})) {
      const prop = deref(document, raw);
      const path = `${prefix}${name}`;
      if (prop?.type === 'object' && prop.properties) {
        walk(prop, `${path}.`);
        continue;
      }
      let text = firstParagraph(String(/** @type {any} */ (raw).description ?? prop?.description ?? ''));
      // A paragraph that introduces something (a table) ends in a colon: keep its first
      // sentence only.
      if (text.endsWith(':')) text = text.split(/(?<=\.)\s/)[0] ?? '';
      if (!text) throw new Error(`The document does not describe the envelope field ${path}.`);
      const required = (s.required ?? []).includes(name) ? 'yes' : 'no';
      rows.push(`| \`${path}\` | ${prop?.type ?? ''} | ${required} | ${text} |`);
    }
  };
  walk(document.components?.schemas?.ErrorEnvelope, '');
  return rows.join('\n');
}
