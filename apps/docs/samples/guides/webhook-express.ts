import express, { type Express } from 'express';
import { ChertWebhookError, verifyWebhook } from '@chert/client/webhooks';

const app: Express = express();

// express.raw keeps the body as the bytes Chert signed (express.json() would parse them first).
app.post('/hooks/chert', express.raw({ type: 'application/json' }), async (req, res) => {
  try {
    const event = await verifyWebhook({
      rawBody: req.body as Buffer,
      headers: req.headers,
      secret: process.env.CHERT_WEBHOOK_SECRET!,
    });
    console.log('received', event.event, event.event_id); // handle each event_id once
    res.sendStatus(200);
  } catch (error) {
    res.sendStatus(error instanceof ChertWebhookError ? 400 : 500);
  }
});

export default app; // app.listen(3000)
