import { createChertClient } from '@chert/client';

// Production: set CHERT_TENANT and CHERT_SIGNING_SECRET. The local mock: set only
// CHERT_BASE_URL; it takes any credentials (unless started with a signing secret), so the
// placeholders below do.
const chert = createChertClient({
  auth: {
    hmac: {
      tenant: process.env.CHERT_TENANT ?? 'acme',
      signingSecret: process.env.CHERT_SIGNING_SECRET ?? 'mock-accepts-any-secret',
    },
  },
  baseUrl: process.env.CHERT_BASE_URL, // unset: production
});

// Your lines: the numbers you send from.
const { phone_numbers: lines } = await chert.phoneNumbers.list();
for (const line of lines) console.log(line.phone_number, line.phone_line_id, line.is_active);
// +14155550100 pl_14155550100 true
// +14155550101 pl_14155550101 true

// The first text pins a line to the recipient; later sends go out from it.
const first = await chert.messages.send({ phone: '+14155550123', body: 'Your order has shipped.' });
const other = lines.find((line) => line.phone_line_id !== first.phone_line_id);
if (!other) throw new Error('this tenant has one line only');

// Naming another line sends from it, and re-pins the recipient to it.
const moved = await chert.messages.send({ phone: '+14155550123', body: 'It arrives Friday.', phone_line_id: other.phone_line_id });
const next = await chert.messages.send({ phone: '+14155550123', body: 'Track it in the app.' });
console.log(first.phone_line_id, moved.phone_line_id, next.phone_line_id); // pl_14155550100 pl_14155550101 pl_14155550101
