// The promise every task method returns: it resolves to the success body, as users expect, and
// `.withResponse()` gives the same call's Response and trace id too (the Stainless convention).
import { headerNames } from '@chert/types';

/** What `.withResponse()` resolves to. */
export interface WithResponse<T> {
  /** The success body, as the promise itself resolves. */
  data: T;
  /** The answer; its body has been read. */
  response: Response;
  /** The answer's `X-Trace-ID`: quote it to Chert support. */
  traceId: string | undefined;
}

export class APIPromise<T> extends Promise<T> {
  readonly #data: Promise<T>;
  readonly #response: () => Response;

  /** `data` settles with the call; `response` gives its answer once `data` has resolved. */
  constructor(data: Promise<T>, response: () => Response) {
    // Settled at once and never observed: `then` reads `#data` instead.
    super((resolve) => resolve(undefined as T));
    this.#data = data;
    this.#response = response;
  }

  /** Resolves to `{ data, response, traceId }`, or rejects as the promise itself does. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#data.then((data) => {
      const response = this.#response();
      return { data, response, traceId: response.headers.get(headerNames.traceId) ?? undefined };
    });
  }

  override then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    // `any`, as Promise's own: a user's `.catch((e: ChertApiError) => …)` must compile alike.
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#data.then(onfulfilled, onrejected);
  }

  override catch<B = never>(onrejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#data.catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#data.finally(onfinally);
  }
}

/**
 * An `APIPromise` of something async-iterable (a page, an event stream) that can be iterated
 * itself: `for await (const item of chert.events.list())` reads every item, with no `await` first.
 */
export class IterablePromise<T extends AsyncIterable<I>, I> extends APIPromise<T> implements AsyncIterable<I> {
  async *[Symbol.asyncIterator](): AsyncGenerator<I, void, undefined> {
    yield* await this;
  }
}

/** An APIPromise class, or a subclass of it. */
type PromiseKind<P> = new (data: Promise<never>, response: () => Response) => P;
// The default kind, typed to fit any `P`: left to default, `P` is APIPromise<never>.
const apiPromise = APIPromise as unknown as PromiseKind<never>;

/** A promise of `kind` (an APIPromise unless told) that rejects with `error`: bad input fails the call, never the caller's stack. */
export function rejected<P = APIPromise<never>>(error: unknown, kind: PromiseKind<P> = apiPromise): P {
  return new kind(Promise.reject(error), () => {
    throw error;
  });
}

/** Runs `start`, turning what it throws (bad input) into a rejected promise of the kind the method returns. */
export function guarded<P>(start: () => P, kind: PromiseKind<P> = apiPromise): P {
  try {
    return start();
  } catch (error) {
    return rejected(error, kind);
  }
}

/** The APIPromise of the call `start` makes once `ready` has resolved (a part of the client loaded first). */
export function later<T>(ready: Promise<unknown>, start: () => APIPromise<T>): APIPromise<T> {
  let answer: WithResponse<T> | undefined;
  return new APIPromise(
    ready.then(() => start().withResponse()).then((got) => (answer = got).data),
    () => answer!.response,
  );
}
