import { ChertWebhookError, verifyWebhook, type WebhookEvent } from '@chert/client/webhooks';

/**
 * One delivery, as your HTTP framework hands it over: the body exactly as it arrived (a string
 * or bytes, never parsed), its headers, and the secret of the subscription it is for.
 * Resolves to the status to answer with.
 */
export async function onDelivery(
  rawBody: string | Uint8Array,
  headers: Headers,
  secret: string,
): Promise<number> {
  let event: WebhookEvent;
  try {
    event = await verifyWebhook({ rawBody, headers, secret });
  } catch (error) {
    if (!(error instanceof ChertWebhookError)) throw error;
    console.warn('refused:', error.reason); // missing, malformed, stale, mismatch or payload
    return 400;
  }
  if (event.event === 'message.received') {
    console.log('from', event.data.message.sender_handle.handle, 'in', event.data.chat.id);
  } else {
    console.log(event.event, event.event_id); // reaction.added, reaction.removed, lead_reply
  }
  return 200;
}
