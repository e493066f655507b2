// app/api/hooks/chert/route.ts
import { ChertWebhookError, verifyWebhook } from '@chert/client/webhooks';

export async function POST(request: Request): Promise<Response> {
  try {
    // request.text() is the raw body: never request.json() before verifying.
    const event = await verifyWebhook({
      rawBody: await request.text(),
      headers: request.headers,
      secret: process.env.CHERT_WEBHOOK_SECRET!,
    });
    console.log('received', event.event, event.event_id); // handle each event_id once
    return new Response(null, { status: 200 });
  } catch (error) {
    if (error instanceof ChertWebhookError) return new Response(null, { status: 400 });
    throw error;
  }
}
