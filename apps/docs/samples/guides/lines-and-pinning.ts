import { createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient();

// Your lines: the numbers you send from.
const { phone_numbers: lines } = await chert.phoneNumbers.list();
for (const line of lines) console.log(line.phone_number, line.phone_line_id, line.is_active);
// +14155550100 pl_14155550100 true
// +14155550101 pl_14155550101 true

// The first text pins a line to the recipient; later sends go out from it.
const first = await chert.messages.send({
  phone: '+14155550123',
  body: 'Your order has shipped.',
});
const other = lines.find((line) => line.phone_line_id !== first.phone_line_id);
if (!other) throw new Error('this tenant has one line only');

// Naming another line sends from it, and re-pins the recipient to it.
const moved = await chert.messages.send({
  phone: '+14155550123',
  body: 'It arrives Friday.',
  phone_line_id: other.phone_line_id,
});
const next = await chert.messages.send({ phone: '+14155550123', body: 'Track it in the app.' });
// pl_14155550100 pl_14155550101 pl_14155550101
console.log(first.phone_line_id, moved.phone_line_id, next.phone_line_id);
