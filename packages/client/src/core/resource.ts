// The base of every generated resource class: it holds the core its one-line methods call.
import type { Core } from './request.js';

export abstract class APIResource {
  protected declare readonly _client: Core;

  constructor(client: Core) {
    // Not enumerable: the core leads back to the client, and a client must stay printable.
    Object.defineProperty(this, '_client', { value: client });
  }
}
