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

const { subscription } = await chert.webhookSubscriptions.create({
  url: 'https://example.com/hooks/chert',
  events: ['message.received', 'reaction.added'],
});
// The secret signs every delivery of this subscription. It is in this answer only: store it
// with your other secrets, under the subscription's id.
console.log(subscription.id.length > 0, subscription.secret.length); // true 64

// Listed later, a subscription has no secret.
const { subscriptions } = await chert.webhookSubscriptions.list();
console.log(subscriptions.length, subscriptions.some((s) => 'secret' in s)); // 1 false

// Pause deliveries, and resume them, without losing the secret.
const paused = await chert.webhookSubscriptions.update(subscription.id, { is_active: false });
console.log(paused.subscription.is_active); // false
