import { createChertClient } from '@chert/client';

// Credentials from the environment, as in the quick start.
const chert = createChertClient();

const { subscription } = await chert.webhookSubscriptions.create({
  url: 'https://example.com/hooks/chert', // your endpoint
  events: ['message.received', 'reaction.added'],
});
// The secret signs every delivery of this subscription. It is in this answer only: store it
// with your other secrets, under the subscription's id.
console.log(subscription.id.length > 0, subscription.secret.length); // true 64

// Listed later, a subscription has no secret.
const { subscriptions } = await chert.webhookSubscriptions.list();
console.log(
  subscriptions.length,
  subscriptions.some((s) => 'secret' in s),
); // 1 false

// Pause deliveries, and resume them, without losing the secret.
const paused = await chert.webhookSubscriptions.update(subscription.id, { is_active: false });
console.log(paused.subscription.is_active); // false
