/**
 * A request the document accepts but the sandbox's state refuses (a chat that does not
 * exist, a group below its minimum, an edit past its window): thrown by a handler and
 * answered with the operation's documented error carrying `code`, its message saying why.
 */
export class ChertRefusal extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** The status, where the operation answers the code with several (or has a legacy error shape). */
    readonly status?: number,
    /** Fields added to the error, such as `attachment_index`. */
    readonly fields?: Record<string, unknown>,
  ) {
    super(message);
  }
}
