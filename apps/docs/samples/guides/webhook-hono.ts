import { Hono } from 'hono';
import { ChertWebhookError, verifyWebhook } from '@chert/client/webhooks';

// On Cloudflare Workers the secret is a binding: wrangler secret put CHERT_WEBHOOK_SECRET
const app = new Hono<{ Bindings: { CHERT_WEBHOOK_SECRET: string } }>();

app.post('/hooks/chert', async (c) => {
  try {
    // c.req.text() is the raw body: verify it before anything parses it.
    const event = await verifyWebhook({
      rawBody: await c.req.text(),
      headers: c.req.raw.headers,
      secret: c.env.CHERT_WEBHOOK_SECRET,
    });
    console.log('received', event.event, event.event_id); // handle each event_id once
    return c.body(null, 200);
  } catch (error) {
    if (error instanceof ChertWebhookError) return c.body(null, 400);
    throw error;
  }
});

export default app; // Workers, Bun and Deno serve the default export
