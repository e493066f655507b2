/**
 * Webhook delivery, as the document's `x-chert-webhook-delivery` describes it: an HTTP POST
 * of the event's payload to each subscription that takes it, signed with that
 * subscription's own secret (`t=<ts>,v1=<hex>`: HMAC-SHA256 over `<ts>.<raw_body>`), with
 * the event, event id and subscription id headers. A 2xx is delivered; a 4xx is final; a
 * 5xx, a timeout or an unreachable endpoint is tried again with exponential backoff, up to
 * the document's attempts in all. Every attempt is recorded on the event. The dev-inbox
 * sentinel is recorded and never sent.
 */
import { createHmac } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { DeliveryFacts } from './facts.js';
import { isIP } from 'node:net';
import { resolveDestination, type Address } from './address-policy.js';
import type { AttemptRecord, DeliveryTarget, EventRecord, SubscriptionRecord } from './state.js';

export interface DeliveryOptions {
  /** How long one attempt may take, DNS included. */
  timeoutMs: number;
  /** The wait before the second attempt; each later one waits twice as long. */
  backoffMs: number;
  allowRemote: boolean;
}

export interface AttemptResult {
  status: number;
  durationMs: number;
  error?: string;
  /** Worth trying again: a 5xx, a timeout, an unreachable endpoint. */
  retry: boolean;
}

/** The signature header's value: the document's format filled in. */
export function signWebhook(facts: DeliveryFacts, secret: string, unixSeconds: number, rawBody: string): string {
  const payload = facts.signature.signedPayload.replace('<ts>', String(unixSeconds)).replace('<raw_body>', rawBody);
  const hex = createHmac(facts.signature.hmac, secret).update(payload).digest(facts.signature.encoding);
  return facts.signature.format.template.replace('<ts>', String(unixSeconds)).replace('<hex>', hex);
}

export class Deliverer {
  private timers = new Set<NodeJS.Timeout>();
  private jobs = new Set<object>();
  private waiters: Array<() => void> = [];
  /** Bumped by reset and close: work started before is dropped, never recorded. */
  private generation = 0;

  constructor(
    private readonly facts: DeliveryFacts,
    private readonly options: DeliveryOptions,
    private readonly hooks: {
      now(): number;
      subscription(id: string): SubscriptionRecord | undefined;
      /** After every attempt, for the log. */
      attempted(event: EventRecord, target: DeliveryTarget, attempt: AttemptRecord, n: number): void;
    },
  ) {}

  /** Starts the delivery of every pending target of `event`. */
  dispatch(event: EventRecord): void {
    for (const target of event.targets) if (target.state === 'pending') this.run(event, target, 1, 0);
  }

  /** Delivers once more to `targets` now, one attempt each, and waits for the answers. */
  async replay(event: EventRecord, targets: DeliveryTarget[]): Promise<AttemptResult[]> {
    const generation = this.generation;
    const job = this.begin();
    try {
      return await Promise.all(
        targets.map(async (target) => {
          const result = await this.attempt(event, target);
          if (generation !== this.generation) return result;
          this.record(event, target, result, 1);
          target.state = result.status >= 200 && result.status < 300 ? 'delivered' : 'failed';
          return result;
        }),
      );
    } finally {
      this.end(job);
    }
  }

  /** Resolves once no delivery is in flight or waiting for its next attempt. */
  settled(): Promise<void> {
    if (this.jobs.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Runs `task` after `delayMs` of real time as work `settled()` waits for (the echo
   * contact's reply, whose deliveries start within it); reset and close drop it.
   */
  schedule(delayMs: number, task: () => void): void {
    const generation = this.generation;
    const job = this.begin();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      try {
        if (generation === this.generation) task();
      } finally {
        this.end(job);
      }
    }, delayMs);
    this.timers.add(timer);
  }

  get pending(): number {
    return this.jobs.size;
  }

  /** Drops every waiting retry; attempts in flight finish unrecorded. */
  cancel(): void {
    this.generation++;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    // Their jobs will never end on their own.
    this.jobs.clear();
    this.flush();
  }

  private begin(): object {
    const job = {};
    this.jobs.add(job);
    return job;
  }

  private end(job: object): void {
    this.jobs.delete(job);
    this.flush();
  }

  private flush(): void {
    if (this.jobs.size !== 0) return;
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }

  private run(event: EventRecord, target: DeliveryTarget, n: number, delayMs: number): void {
    const generation = this.generation;
    const job = this.begin();
    const go = async () => {
      // A replay may have settled this target while its retry waited.
      if (generation !== this.generation || target.state !== 'pending') return this.end(job);
      const result = await this.attempt(event, target);
      if (generation !== this.generation || target.state !== 'pending') return this.end(job);
      this.record(event, target, result, n);
      if (result.status >= 200 && result.status < 300) target.state = 'delivered';
      else if (result.retry && n < this.facts.maxAttempts) {
        this.run(event, target, n + 1, this.options.backoffMs * 2 ** (n - 1));
      } else target.state = 'failed';
      this.end(job);
    };
    if (delayMs <= 0) void go();
    else {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void go();
      }, delayMs);
      this.timers.add(timer);
    }
  }

  private record(event: EventRecord, target: DeliveryTarget, result: AttemptResult, n: number): void {
    const attempt: AttemptRecord = {
      at: this.hooks.now(),
      status: result.status,
      durationMs: result.durationMs,
      subscriptionId: target.subscriptionId,
      ...(result.error !== undefined ? { error: result.error } : {}),
    };
    event.attempts.push(attempt);
    if (result.status >= 200 && result.status < 300) event.deliveredAt = attempt.at;
    this.hooks.attempted(event, target, attempt, n);
  }

  /** One signed POST of the event to the target's subscription. */
  async attempt(event: EventRecord, target: DeliveryTarget): Promise<AttemptResult> {
    const began = performance.now();
    const took = () => Math.round(performance.now() - began);
    const subscription = this.hooks.subscription(target.subscriptionId);
    if (!subscription) return { status: 0, durationMs: 0, error: 'the subscription was deleted', retry: false };
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      return { status: 0, durationMs: 0, error: `${target.url} is not a URL`, retry: false };
    }
    const destination = await resolveDestination(url.hostname, this.options.allowRemote, this.options.timeoutMs);
    if (!destination.ok) return { status: 0, durationMs: took(), error: destination.reason, retry: destination.retry };

    const raw = JSON.stringify(event.payload);
    const { headers: names } = this.facts;
    const headers: Record<string, string> = {
      host: url.host,
      'content-type': this.facts.contentType,
      'content-length': String(Buffer.byteLength(raw)),
      'user-agent': 'chert-sandbox-webhooks',
      [names.event]: event.type,
      [names.eventId]: event.eventId,
      [names.subscriptionId]: subscription.id,
      [names.signature]: signWebhook(this.facts, subscription.secret, Math.floor(Date.now() / 1000), raw),
    };
    const secure = url.protocol === 'https:';
    // `localhost` may resolve to ::1 and 127.0.0.1: a receiver listens on one of them.
    let result: Posted = { status: 0, error: 'no address to connect to', retry: true };
    for (const address of destination.addresses) {
      const remaining = this.options.timeoutMs - took();
      if (remaining <= 0) {
        result = { status: 0, error: `timed out after ${this.options.timeoutMs} ms`, retry: true };
        break;
      }
      result = await post(url, address, secure, this.facts.method, headers, raw, remaining, this.options.timeoutMs);
      if (!result.refused) break;
    }
    const { refused: _refused, ...rest } = result;
    return { ...rest, durationMs: took() };
  }
}

/** An attempt's outcome at one address; `refused` when nothing listened there (the next address may). */
type Posted = Omit<AttemptResult, 'durationMs'> & { refused?: boolean };

/** One POST to one address. */
function post(
  url: URL,
  address: Address,
  secure: boolean,
  method: string,
  headers: Record<string, string>,
  raw: string,
  remainingMs: number,
  timeoutMs: number,
): Promise<Posted> {
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: Posted) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = send(
      {
        host: address.address,
        family: address.family,
        port: url.port || (secure ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method,
        headers,
        agent: false,
        // Certificates are checked, except on loopback, where a developer's receiver has none worth the name.
        ...(secure ? { servername: isIP(url.hostname.replace(/^\[|\]$/g, '')) ? undefined : url.hostname, rejectUnauthorized: !address.loopback } : {}),
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        res.resume();
        res.on('end', () => finish(outcome(status)));
        res.on('error', () => finish(outcome(status)));
      },
    );
    const timer = setTimeout(() => {
      finish({ status: 0, error: `timed out after ${timeoutMs} ms`, retry: true });
      req.destroy();
    }, remainingMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'error';
      finish(code === 'ECONNREFUSED' ? { status: 0, error: 'connection refused', retry: true, refused: true } : { status: 0, error: `unreachable (${code})`, retry: true });
    });
    req.end(raw);
  });
}

function outcome(status: number): Omit<AttemptResult, 'durationMs'> {
  if (status >= 200 && status < 300) return { status, retry: false };
  return { status, error: `HTTP ${status}`, retry: status >= 500 };
}
