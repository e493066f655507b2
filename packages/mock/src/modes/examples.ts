/**
 * The examples mode: a valid request gets the document's success answer (its first 2xx,
 * first example), as Prism rendered it while validating. Everything before that, errors
 * and `Prefer` included, is the shared front's.
 */
import { successStatus } from '../document/operation.js';
import type { Answerer } from '../front/front.js';
import { MockRefusal } from '../mock-error.js';

export const examplesAnswerer: Answerer = {
  async answer(request, answers) {
    const { op } = request;
    const status = successStatus(op);
    if (request.documentSuccess) {
      const example = status === undefined ? undefined : op.responses.get(status)?.exampleNames[0];
      return answers.fromRendered(request.documentSuccess, example);
    }
    if (status === undefined) {
      throw new MockRefusal({
        status: 501,
        title: 'No documented success',
        detail: `${op.id} documents no 2xx response, so the examples mode has nothing to answer a valid request with.`,
        askedFor: { operation: op.id },
      });
    }
    return answers.render(status, undefined);
  },
};
