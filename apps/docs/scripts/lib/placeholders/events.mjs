// @ts-check
// The placeholders of the event log and its live stream: an operation's query parameters,
// its cursor pagination (`x-chert-pagination`) and the stream's timings and resume rule
// (`x-chert-stream`), read from the document.
import { deref } from '@chert/openapi/walk';
import { firstParagraph } from '../render.mjs';

/** @typedef {Record<string, any>} Json */

/**
 * @param {Json} document
 * @param {import('../facts.mjs').Operation[]} ops
 * @returns {import('../render.mjs').Fills}
 */
export function eventFills(document, ops) {
  /** @param {string} id */
  const operation = (id) => {
    const o = ops.find((x) => x.operationId === id);
    if (!o) throw new Error(`A guide names unknown operation ${id}.`);
    return o;
  };
  return {
    // `{{query-parameters:listEvents}}`: the query parameters, with the document's words.
    'query-parameters': (id) => {
      const o = operation(id);
      const query = o.parameters.filter((p) => p.in === 'query');
      if (!query.length) throw new Error(`${id} takes no query parameters.`);
      const rows = ['| parameter | what it does |', '|---|---|'];
      for (const p of query) {
        const text = firstParagraph(String(p.description ?? deref(document, p.schema)?.description ?? ''));
        if (!text) throw new Error(`The document does not describe the query parameter ${p.name} of ${id}.`);
        rows.push(`| \`${p.name}\` | ${text} |`);
      }
      return rows.join('\n');
    },
    // `{{pagination:listEvents/next}}`: a field of the operation's x-chert-pagination.
    pagination: (arg) => {
      const [id = '', field = ''] = arg.split('/');
      const value = operation(id).operation['x-chert-pagination']?.[field];
      if (typeof value !== 'string' || !value) throw new Error(`${id} has no x-chert-pagination.${field}.`);
      return value;
    },
    // `{{stream:heartbeatSeconds}}`: a field of the event stream's x-chert-stream.
    stream: (field) => {
      const streaming = ops.filter((o) => o.operation['x-chert-stream']);
      if (streaming.length !== 1) throw new Error(`The guides describe one event stream; the document has ${streaming.length} operations with x-chert-stream.`);
      const value = streaming[0]?.operation['x-chert-stream'][field];
      if (value === undefined || value === null || typeof value === 'object') throw new Error(`x-chert-stream has no ${field}.`);
      return String(value);
    },
  };
}
