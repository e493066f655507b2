/**
 * An answer from the mock itself, never from Chert: what was asked for and what exists.
 * It carries no `success`/`error` envelope, so no client can mistake it for a Chert error,
 * and an `X-Chert-Mock-Error` header says so to anyone reading the wire.
 */
export interface MockError {
  status: number;
  title: string;
  detail: string;
  askedFor?: Record<string, unknown>;
  available?: unknown;
  headers?: Record<string, string>;
}

/** Thrown anywhere in the front to answer with a mock error instead of going on. */
export class MockRefusal extends Error {
  constructor(readonly mockError: MockError) {
    super(mockError.detail);
  }
}

export function mockErrorBody(error: MockError, traceId: string): Record<string, unknown> {
  return {
    mock_error: {
      title: error.title,
      detail: error.detail,
      ...(error.askedFor ? { asked_for: error.askedFor } : {}),
      ...(error.available !== undefined ? { available: error.available } : {}),
    },
    trace_id: traceId,
  };
}
