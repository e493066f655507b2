/** The sender lines: the seeded ones, or those of `--lines`, each able to do everything. */
import { ok, type Handler } from './call.js';

const listPhoneNumbers: Handler = (call) =>
  ok(call, {
    phone_numbers: call.sandbox.state.lines.map((line) => ({
      id: line.id,
      phone_line_id: line.id,
      phone_number: line.number,
      service: call.sandbox.facts.service,
      is_active: true,
      capabilities: ['imessage', 'send', 'receive'],
    })),
  });

export const lines: Record<string, Handler> = { listPhoneNumbers };
