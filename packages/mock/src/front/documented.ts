/**
 * Which documented answer carries a Chert code: the operation's example whose `error.code`
 * is that code. Where several examples share the code (1002 is both "no identifying field"
 * and "unsupported shape"), the one the most operations document is the generic one and is
 * chosen; the answer's message then says what exactly was wrong.
 */
import type { LoadedDocument } from '../document/load.js';
import { carriesCode, type Operation } from '../document/operation.js';

export interface DocumentedChoice {
  status: number;
  example: string;
}

/**
 * The example carrying the first of `codes` the operation documents; at `status` when the
 * schema that set the code names one (`x-chert-error-status`) and the operation answers the
 * code there, so one code answered with two statuses reaches the right one.
 */
export function exampleForCodes(document: LoadedDocument, op: Operation, codes: number[], status?: number): DocumentedChoice | undefined {
  for (const code of codes) {
    let best: (DocumentedChoice & { use: number }) | undefined;
    const responses = [...op.responses.values()];
    const atStatus = status === undefined ? [] : responses.filter((r) => r.status === status && carriesCode(r, code));
    for (const response of atStatus.length ? atStatus : responses) {
      for (const examples of response.media.values()) {
        for (const ex of examples) {
          if (ex.code !== code) continue;
          const use = document.exampleUse.get(ex.name) ?? 0;
          if (!best || use > best.use) best = { status: response.status, example: ex.name, use };
        }
      }
    }
    if (best) return { status: best.status, example: best.example };
  }
  return undefined;
}

/** The first example of the first of `statuses` the operation documents with examples. */
export function exampleForStatuses(op: Operation, statuses: number[]): DocumentedChoice | undefined {
  for (const status of statuses) {
    const first = op.responses.get(status)?.exampleNames[0];
    if (first !== undefined) return { status, example: first };
  }
  return undefined;
}
