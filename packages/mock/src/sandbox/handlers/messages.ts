/**
 * One message: look it up (its status moves from `sent` to `delivered`), send a tapback on
 * it, edit one of its text parts within the document's edit window.
 */
import { ChertRefusal } from '../refusal.js';
import { ok, type Handler } from './call.js';

const getMessage: Handler = (call) => ok(call, { message: call.sandbox.views.message(call.sandbox.message(call.params.id!)) });

const reactToMessage: Handler = (call) => {
  const { sandbox } = call;
  const message = sandbox.message(call.params.id!);
  const chat = sandbox.chat(message.chatId);
  message.reactions.push({ reaction: call.body.reaction, by: sandbox.state.lineOf(chat).number, at: sandbox.now() });
  return ok(call, { status: 'sent', message_id: message.id, reaction: call.body.reaction });
};

const editMessage: Handler = (call) => {
  const { sandbox, body } = call;
  const message = sandbox.message(call.params.id!);
  if (message.direction !== 'outbound') throw new ChertRefusal(1002, `message ${message.id} is inbound: only messages you sent can be edited`);
  const index = Number.isInteger(body.edited_part_index) ? (body.edited_part_index as number) : 0;
  const part = message.parts[index];
  if (!part || part.type !== 'text') {
    throw new ChertRefusal(1002, `/edited_part_index: part ${index} of message ${message.id} is ${part ? `a ${String(part.type)} part` : 'not there'}, not a text part`);
  }
  const window = sandbox.facts.editWindowSeconds * 1000;
  const age = sandbox.now() - message.createdAt;
  if (age > window) {
    throw new ChertRefusal(4001, `message ${message.id} was sent ${Math.floor(age / 1000)} s ago; Apple allows edits for ${window / 1000} s`, 502);
  }
  const at = sandbox.now();
  part.value = body.new_text;
  message.edits.push({ partIndex: index, text: body.new_text, at });
  return ok(call, { status: 'edited', message_id: message.id, new_text: body.new_text, date_edited: sandbox.clock.iso(at), edit_history: null });
};

export const messages: Record<string, Handler> = { getMessage, reactToMessage, editMessage };
