/** What `--help` prints, per command. The production URL and the event types are the document's. */
import { productionServerUrl, webhookEvents } from '@chert/types';

const CREDENTIALS = `Credentials come from the environment, never from a flag:
  CHERT_TENANT + CHERT_SIGNING_SECRET   HMAC v1 (preferred)
  CHERT_TOKEN                           bearer (with CHERT_TENANT for an account with several tenants)
  CHERT_BASE_URL                        where the API is (default ${productionServerUrl});
                                        --base-url wins over it
  CHERT_LOG                             the client's log level: debug, info, warn (default), error, off`;

const EXIT_CODES = `Exit codes: 0 done (chert listen: stopped with Ctrl-C), 1 Chert answered an error or could
not be reached, 2 a bad flag or argument, or no credentials.`;

export const ROOT_HELP = `Usage: chert <command> [options]

The Chert Messaging API from your terminal.

Commands:
  listen --forward-to <url>     tail the event stream and forward each event to a local
                                webhook endpoint, signed like Chert signs it
  events replay <id>            deliver an event to your webhook subscriptions again
  send <phone> <text>           send a text message to a phone number

Options:
  -h, --help                    show this help (chert <command> --help for a command's)
      --version                 print the version of @chert/cli

${CREDENTIALS}

${EXIT_CODES}`;

export const LISTEN_HELP = `Usage: chert listen --forward-to <url> [options]

Tails Chert's event stream (GET /api/v1/events/stream) and POSTs each event's payload to
<url> as Chert delivers a webhook: the same headers, and X-Webhook-Signature signed with a
local secret printed once at start, so your handler verifies it with verifyWebhook exactly
as in production. One line per event: time, type, event id, your endpoint's status and
latency; a 5xx, a timeout or a refused connection is retried as Chert retries, then skipped.
Ctrl-C stops it.

Options:
      --forward-to <url>        where to POST each event; a loopback URL (localhost,
                                127.0.0.0/8, ::1) unless --allow-remote
      --events <types>          only these event types, comma-separated
                                (${webhookEvents.join(', ')})
      --secret <secret>         sign with this local secret instead of a new random one,
                                to keep it across restarts
      --base-url <url>          where the API is (default CHERT_BASE_URL, else production);
                                the sandbox's URL works the same
      --allow-remote            allow a --forward-to that is not loopback
  -h, --help                    show this help

Example:
  CHERT_TOKEN=… chert listen --forward-to http://localhost:3000/webhooks/chert --events message.received

${CREDENTIALS}

${EXIT_CODES}`;

export const REPLAY_HELP = `Usage: chert events replay <id> [options]

Delivers the event <id> (evt_…) again to every webhook subscription that takes it, or to
one, once each, and prints what your endpoint answered. A retryable failure (your endpoint
answered 5xx) is retried as the client retries, each retry said on stderr.

Options:
      --subscription <id>       only this subscription
      --base-url <url>          where the API is (default CHERT_BASE_URL, else production)
  -h, --help                    show this help

${CREDENTIALS}

${EXIT_CODES}`;

export const SEND_HELP = `Usage: chert send <phone> <text> [options]

Sends <text> to <phone> (E.164, such as +14155550199) from your lines (POST /api/v1/send);
a first message opens the chat. Blank lines split the text into separate bubbles. Retried
as the client retries (a retryable error, with an idempotency key), each retry said on stderr.

Options:
      --base-url <url>          where the API is (default CHERT_BASE_URL, else production)
  -h, --help                    show this help

${CREDENTIALS}

${EXIT_CODES}`;
