// The promise every task method returns: it resolves to the success body, as users expect, and
// `.withResponse()` gives the same call's Response and trace id too (the Stainless convention).

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
  readonly #result: Promise<WithResponse<T>>;
  #data: Promise<T> | undefined;

  constructor(result: Promise<WithResponse<T>>) {
    // Settled at once and never observed: `then` reads `#result` instead.
    super((resolve) => resolve(undefined as T));
    this.#result = result;
  }

  /** Resolves to `{ data, response, traceId }`, or rejects as the promise itself does. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result;
  }

  #unwrap(): Promise<T> {
    return (this.#data ??= this.#result.then((r) => r.data));
  }

  override then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    // `any`, as Promise's own: a user's `.catch((e: ChertApiError) => …)` must compile alike.
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#unwrap().then(onfulfilled, onrejected);
  }

  override catch<B = never>(onrejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#unwrap().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#unwrap().finally(onfinally);
  }
}
