import { Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { deref, examples, mediaTypes, operations, parameters } from '@chert/openapi/walk';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { signatureHeader, startMock, type RunningSandbox } from '../src/index.js';
import { raw, type RawAnswer } from './helpers.js';

/**
 * A seeded, bounded fuzz of every operation of a document: random bodies (examples and
 * schema samples, mutated, or not JSON at all), content types, Accept and Prefer headers,
 * credentials, path parameters with escapes, query strings and methods; against the mock
 * without and with a signing secret, an odd `Accept` first. On a documented route the mock
 * must never answer 500 (unless `Prefer` asked for it) nor a mock error, and every answer
 * must be documented: a status the operation lists, a body valid against that response's
 * schema, an `X-Trace-ID`. Set CHERT_FUZZ_SEED to explore other seeds.
 */
const SEED = Number(process.env.CHERT_FUZZ_SEED ?? 20_261_129);
const SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
type Json = Record<string, any>;

const bundled = createRequire(import.meta.url).resolve('@chert/openapi/openapi.json');
const fixture = join(import.meta.dirname, 'fixtures', 'widgets.openapi.json');

/**
 * Requests per target, spread over its operations: the run stays bounded as the document
 * grows. The sandbox runs start from a seeded state (chats, a message, an uploaded
 * attachment, subscriptions, events), and path parameters often name what it holds.
 */
const targets: Array<{ name: string; path: string; mode: 'examples' | 'sandbox'; secret?: string; budget: number }> = [
  { name: 'the Chert document in examples mode, no signing secret', path: bundled, mode: 'examples', budget: 2400 },
  { name: 'the Chert document in examples mode, with a signing secret', path: bundled, mode: 'examples', secret: SECRET, budget: 2400 },
  { name: 'the Chert document in the sandbox, no signing secret', path: bundled, mode: 'sandbox', budget: 2400 },
  { name: 'the Chert document in the sandbox, with a signing secret', path: bundled, mode: 'sandbox', secret: SECRET, budget: 2400 },
  { name: 'a fixture document, no signing secret', path: fixture, mode: 'examples', budget: 700 },
  { name: 'a fixture document, with a signing secret', path: fixture, mode: 'examples', secret: SECRET, budget: 700 },
];

const summary: string[] = [];
afterAll(() => {
  console.log(`fuzz (seed ${SEED}):\n${summary.join('\n')}`);
});

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

interface FuzzOperation {
  method: string;
  path: string;
  segments: Array<{ literal: string } | { param: Json }>;
  query: Json[];
  request?: { types: string[]; schema: unknown; samples: unknown[]; binary: boolean };
  responses: Map<number, { types: Map<string, ValidateFunction>; examples: string[] }>;
}

function compileDocument(doc: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats.default(ajv);
  ajv.addSchema(doc, 'doc');
  const pointer = (parts: string[]) => 'doc#/' + parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  return (parts: string[]) => ajv.compile({ $ref: pointer(parts) });
}

function model(doc: Json): FuzzOperation[] {
  const validatorAt = compileDocument(doc);
  return operations(doc).map(({ key, method, pathItem, operation, at }) => {
    const params = parameters(doc, pathItem, operation);
    const responses: FuzzOperation['responses'] = new Map();
    let request: FuzzOperation['request'];
    for (const site of mediaTypes(doc, operation, at)) {
      if (site.where === 'request') {
        request ??= { types: [], schema: site.media.schema, samples: [], binary: false };
        request.types.push(site.type);
        request.samples.push(...Object.values(examples(doc, site.media)).map((e) => e.value));
        if (!/json/.test(site.type)) request.binary = true;
        continue;
      }
      const status = Number(site.where);
      const entry = responses.get(status) ?? { types: new Map<string, ValidateFunction>(), examples: [] as string[] };
      entry.types.set(site.type, validatorAt([...site.at, 'schema']));
      entry.examples.push(...Object.keys(examples(doc, site.media)));
      responses.set(status, entry);
    }
    for (const status of Object.keys(operation.responses ?? {}).map(Number)) {
      if (!responses.has(status)) responses.set(status, { types: new Map(), examples: [] });
    }
    if (!request && operation.requestBody) request = { types: [], schema: undefined, samples: [], binary: false };
    return {
      method: method.toUpperCase(),
      path: key,
      segments: key
        .split('/')
        .slice(1)
        .map((s) => (/^\{.+\}$/.test(s) ? { param: params.find((p) => p.in === 'path' && p.name === s.slice(1, -1))! } : { literal: s })),
      query: params.filter((p) => p.in === 'query'),
      ...(request ? { request } : {}),
      responses,
    };
  });
}

/** A value shaped like the schema, from its examples, consts and types. */
function sample(doc: Json, schema: unknown, dice: Dice, depth = 0): unknown {
  const node = deref(doc, schema) as Json | undefined;
  if (!node || typeof node !== 'object' || depth > 6) return 'x';
  if ('const' in node) return node.const;
  if (Array.isArray(node.enum)) return dice.pick(node.enum);
  if (Array.isArray(node.examples) && node.examples.length && dice.chance(0.7)) return dice.pick(node.examples);
  const branches = node.oneOf ?? node.anyOf;
  if (Array.isArray(branches)) return sample(doc, dice.pick(branches), dice, depth + 1);
  if (Array.isArray(node.allOf)) {
    return Object.assign({}, ...node.allOf.map((part: unknown) => sample(doc, part, dice, depth + 1)).filter((v: unknown) => v && typeof v === 'object'));
  }
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (type === 'object' || node.properties) {
    const out: Json = {};
    for (const [k, v] of Object.entries<Json>(node.properties ?? {})) {
      if ((node.required ?? []).includes(k) || dice.chance(0.4)) out[k] = sample(doc, v, dice, depth + 1);
    }
    return out;
  }
  if (type === 'array') return Array.from({ length: dice.int(0, 3) }, () => sample(doc, node.items, dice, depth + 1));
  if (type === 'integer' || type === 'number') return node.minimum ?? 1;
  if (type === 'boolean') return dice.chance(0.5);
  if (node.format === 'email') return 'ada@example.com';
  if (node.format === 'uri') return 'https://example.com/x';
  return 'text';
}

const ODD_VALUES: unknown[] = [null, 0, -1, 1e308, '', 'x', true, [], {}, [1, 2], 'BEGIN:VCARD', '+14155550123', '+1 415', 'ch_', '\u0000', '💥'.repeat(40), { nested: { deeper: [null] } }];
const ODD_KEYS = ['priority', 'nickname', '', '__proto__', 'constructor', 'a/b', '~0', 'x'.repeat(60), 'to', 'contact', 'vcard_text', 'kind'];

function mutate(value: unknown, dice: Dice, depth = 0): unknown {
  if (value && typeof value === 'object' && depth < 5 && dice.chance(0.6)) {
    if (Array.isArray(value)) {
      if (!value.length || dice.chance(0.2)) return dice.chance(0.5) ? [...value, dice.pick(ODD_VALUES)] : Array(dice.int(0, 30)).fill(value[0] ?? 1);
      const i = dice.int(0, value.length - 1);
      return value.map((v, j) => (j === i ? mutate(v, dice, depth + 1) : v));
    }
    const keys = Object.keys(value);
    const roll = dice.next();
    if (roll < 0.2 && keys.length) {
      const { [dice.pick(keys)]: _gone, ...rest } = value as Json;
      return rest;
    }
    if (roll < 0.4) return { ...(value as Json), [dice.pick(ODD_KEYS)]: dice.pick(ODD_VALUES) };
    if (keys.length) {
      const k = dice.pick(keys);
      return { ...(value as Json), [k]: mutate((value as Json)[k], dice, depth + 1) };
    }
  }
  const roll = dice.next();
  if (roll < 0.15) return [value];
  if (roll < 0.3 && typeof value === 'string') return value.slice(0, dice.int(0, value.length)) + dice.pick(['', ' ', '%', 'é', '\n']);
  return dice.pick(ODD_VALUES);
}

const NOT_JSON = ['', ' ', '{', 'null', 'true', '0', '"s"', '[]', '{"a":', 'to=+14155550199', '\u0000', '[' .repeat(3000) + ']'.repeat(3000), '{"a":'.repeat(800) + '1' + '}'.repeat(800), `{"x":"${'a'.repeat(200_000)}"}`];
const ODD_PARAMS = ['%', '%zz', 'ch_%', 'ch_%E0%A4%A', '%2F', 'ch_%2F1', '%F0%9F%98%80', 'ch_ok%20x', '..', '.', `ch_${'a'.repeat(70)}`, '%00', 'ch_a,b', "ch_'x'", 'null', '%C0%AF', 'ch_%41bc', encodeURIComponent('ch_ü'), 'bd_%5F1', 'pn_%'];
const ODD_QUERIES = ['', '?', '?x=1', '?%', '?a=%zz', '?limit=0', '?limit=abc&limit=2', '?notify=maybe', '?owner=', '?owner=ada', '?status=open&owner=a', '?=', '?&&&'];
const ODD_TYPES = ['text/plain', 'application/vnd.api+json', 'application/problem+json', 'application/json, text/plain', '/', 'json', ';', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png', 'application/json; charset="', 'APPLICATION/JSON', 'application/json;charset=utf-8'];
const ODD_ACCEPTS = [undefined, undefined, undefined, 'application/json', '*/*', 'application/xml', 'text/html', 'application/json;q=0', 'not a type', 'text/event-stream', 'image/*', 'application/octet-stream'];
const OTHER_METHODS = ['GET', 'PUT', 'DELETE', 'PATCH', 'POST', 'OPTIONS'];

interface Sent {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
  op?: FuzzOperation;
  preferred?: number;
}

function matchOperation(ops: FuzzOperation[], method: string, target: string): FuzzOperation | undefined {
  const parts = target.split('?')[0]!.split('/').slice(1);
  const fits = ops.filter(
    (op) => op.method === method && op.segments.length === parts.length && op.segments.every((s, i) => ('literal' in s ? s.literal === parts[i] : parts[i] !== '')),
  );
  return fits.sort((a, b) => a.segments.filter((s) => 'param' in s).length - b.segments.filter((s) => 'param' in s).length)[0];
}

/** Values the sandbox holds, by the title of a path parameter's schema (ChatId, MessageId…). */
type Known = Record<string, string[]>;

function generate(doc: Json, ops: FuzzOperation[], op: FuzzOperation, dice: Dice, secret: string | undefined, known: Known = {}): Sent {
  const schemes = Object.values<Json>(doc.components?.securitySchemes ?? {});
  const sigHeader = schemes.find((s) => s['x-chert-signature-window-seconds'])?.name as string;
  const tenantHeader = schemes.find((s) => s.type === 'apiKey' && !s['x-chert-signature-window-seconds'])?.name as string;

  const path = op.segments
    .map((s) => {
      if ('literal' in s) return s.literal;
      const held = known[deref(doc, s.param.schema)?.title as string] ?? [];
      if (held.length && dice.chance(0.6)) return encodeURIComponent(dice.pick(held));
      const good = s.param.example ?? deref(doc, s.param.schema)?.examples?.[0] ?? sample(doc, s.param.schema, dice);
      return dice.chance(0.65) ? encodeURIComponent(String(good)) : dice.pick(ODD_PARAMS);
    })
    .join('/');
  let query = '';
  if (op.query.length && dice.chance(0.7)) {
    query = `?${op.query
      .filter((p) => p.required || dice.chance(0.5))
      .map((p) => `${p.name}=${encodeURIComponent(String(dice.chance(0.7) ? sample(doc, p.schema, dice) : dice.pick(ODD_VALUES)))}`)
      .join('&')}`;
  } else if (dice.chance(0.2)) query = dice.pick(ODD_QUERIES);
  const method = dice.chance(0.9) ? op.method : dice.pick(OTHER_METHODS);
  const target = `/${path}${query}`;

  let body: string | Buffer | undefined;
  let contentType: string | undefined;
  if (op.request && dice.chance(0.92)) {
    const documented = op.request.types.length ? dice.pick(op.request.types) : 'application/json';
    if (op.request.binary && !/json/.test(documented)) {
      body = Buffer.from(Array.from({ length: dice.chance(0.1) ? 3000 : dice.int(0, 600) }, () => dice.int(0, 255)));
    } else if (dice.chance(0.15)) body = dice.pick(NOT_JSON);
    else {
      let value = op.request.samples.length && dice.chance(0.6) ? dice.pick(op.request.samples) : sample(doc, op.request.schema, dice);
      for (let n = dice.int(0, 3); n > 0; n--) value = mutate(value, dice);
      body = dice.chance(0.05) ? Buffer.from([0xff, 0xfe, 0x7b, 0x7d]) : JSON.stringify(value) ?? 'undefined';
    }
    contentType = dice.chance(0.75) ? documented : dice.chance(0.15) ? undefined : dice.pick(ODD_TYPES);
  } else if (dice.chance(0.3)) {
    body = dice.pick(NOT_JSON.slice(0, 10));
    contentType = dice.chance(0.5) ? 'application/json' : dice.pick(ODD_TYPES);
  }

  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers['content-type'] = contentType;
  const accept = dice.pick(ODD_ACCEPTS);
  if (accept) headers.accept = accept;
  let preferred: number | undefined;
  const routed = matchOperation(ops, method, target);
  if (routed && dice.chance(0.15)) {
    const [status, response] = dice.pick([...routed.responses]);
    const example = response.examples.length ? dice.pick(response.examples) : undefined;
    headers.prefer = example && dice.chance(0.5) ? (dice.chance(0.5) ? `code=${status}, example=${example}` : `example=${example}`) : `code=${status}`;
    preferred = status;
  }
  const signed = (at: number, key = secret ?? 'any-secret') => {
    headers[tenantHeader] = 'acme';
    headers[sigHeader] = signatureHeader(key, body ?? '', at);
  };
  const now = Math.floor(Date.now() / 1000);
  const roll = dice.next();
  if (roll < 0.35) signed(now);
  else if (roll < 0.6) headers.authorization = `Bearer ${secret ?? 'any-token'}`;
  else if (roll < 0.68) headers.authorization = 'Bearer wrong';
  else if (roll < 0.74) signed(now - 4000);
  else if (roll < 0.8) signed(now, 'another-secret');
  else if (roll < 0.85) headers[sigHeader] = 'v1,garbage';
  else if (roll < 0.9) headers.authorization = dice.pick(['Basic YTpi', 'Bearer', 'bearer  x', '']);
  if (dice.chance(0.1)) headers['x-junk'] = dice.pick(['', ' ', 'é'.normalize('NFD').replace(/[^\x20-\x7e]/g, ''), 'a'.repeat(500)]);
  return { method, target, headers, body, ...(routed ? { op: routed } : {}), ...(preferred !== undefined ? { preferred } : {}) };
}

/** The documented media type, or the range (image/*, then any type) an answered type falls in. */
function documentedType(types: Map<string, ValidateFunction>, essence: string): ValidateFunction | undefined {
  if (types.has(essence)) return types.get(essence);
  const [type] = essence.split('/');
  return types.get(`${type}/*`) ?? types.get('*/*');
}

/**
 * What is wrong with an answer, or undefined when it is as documented. The examples mode
 * answers no 5xx unless `Prefer` asks; the sandbox may answer one its state leads to (a
 * documented 501 or 502), but never a 500.
 */
function check(sent: Sent, res: RawAnswer, mode: 'examples' | 'sandbox'): string | undefined {
  const trace = res.headers['x-trace-id'];
  if (typeof trace !== 'string' || !/^[0-9a-f]{12}$/.test(trace)) return `no X-Trace-ID`;
  const op = sent.op;
  if (!op) {
    if (res.status !== 405 && res.status !== 404) return `an undocumented route answered ${res.status}`;
    if (!res.headers['x-chert-mock-error']) return 'an undocumented route answered without X-Chert-Mock-Error';
    if (res.status === 405 && !res.headers.allow) return '405 without Allow';
    return undefined;
  }
  if (res.headers['x-chert-mock-error']) return `a mock error on ${op.method} ${op.path}: ${res.status} ${res.text.slice(0, 300)}`;
  const unasked = mode === 'sandbox' ? res.status === 500 : res.status >= 500;
  if (unasked && res.status !== sent.preferred) return `${res.status} without Prefer asking for it: ${res.text.slice(0, 300)}`;
  const response = op.responses.get(res.status);
  if (!response) return `status ${res.status} is not documented for ${op.path}`;
  const type = res.headers['content-type'];
  if (!response.types.size) {
    if (res.body.length || type) return `${res.status} documents no content but got ${type}, ${res.body.length} bytes`;
    return undefined;
  }
  const essence = String(type).split(';')[0]!.trim();
  const validate = documentedType(response.types, essence);
  if (!validate) return `${res.status} answered ${type}, not one of ${[...response.types.keys()].join(', ')}`;
  const value: unknown = /json/.test(essence) ? res.json : res.text;
  if (value === undefined) return `${res.status} ${essence} body does not parse: ${res.text.slice(0, 200)}`;
  if (!validate(value)) return `${res.status} body breaks its schema: ${JSON.stringify(validate.errors?.slice(0, 2))} in ${res.text.slice(0, 300)}`;
  const envelope = (typeof value === 'object' ? value : null) as Json | null;
  if (envelope) {
    if ('trace_id' in envelope && envelope.trace_id !== trace) return 'body trace_id differs from X-Trace-ID';
    const retryAfter = envelope.error?.retry_after;
    if ((res.headers['retry-after'] ?? undefined) !== (retryAfter === undefined ? undefined : String(retryAfter))) {
      return `Retry-After ${res.headers['retry-after']} does not mirror error.retry_after ${retryAfter}`;
    }
  }
  return undefined;
}

/** A small world in the sandbox for the fuzz to poke at; returns what it holds. */
async function seed(mock: RunningSandbox, secret: string | undefined): Promise<Known> {
  const headers = { authorization: `Bearer ${secret ?? 'any-token'}`, 'content-type': 'application/json' };
  const post = async (path: string, body?: unknown, method = 'POST', type = 'application/json') => {
    const res = await fetch(mock.url + path, { method, headers: { ...headers, 'content-type': type }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`seeding ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const dm = await post('/api/v1/chats', { from: '+14155550100', to: ['+14155550199'], message: { parts: [{ type: 'text', value: 'Hi' }] } });
  const group = await post('/api/v1/chats', { from: '+14155550100', to: ['+14155550123', '+14155550145', '+14155550167'], message: { parts: [{ type: 'text', value: 'Hi all' }] } });
  const slot = await post('/api/v1/attachments', { filename: 'a.png', content_type: 'image/png', size_bytes: 4 });
  await post(`/api/v1/attachments/${slot.attachment_id}/upload`, 'abcd', 'PUT', 'image/png');
  const sub = await post('/api/v1/webhook-subscriptions', { url: 'https://dev-inbox' });
  const reply = await mock.inbound({ from: '+14155550199', text: 'Hello back' });
  return {
    ChatId: [dm.chat.id, group.chat.id],
    MessageId: [dm.message.id, reply.message.id],
    AttachmentId: [slot.attachment_id],
    SubscriptionId: [sub.subscription.id],
    EventId: reply.events.map((e) => e.id),
    ParticipantAddress: ['+14155550123'],
  };
}

describe.each(targets)('fuzz: $name', ({ name, path, mode, secret, budget }) => {
  it('never a 500 nor a mock error on a documented route; every answer is documented', { timeout: 240_000 }, async () => {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Json;
    const ops = model(doc);
    const perOperation = Math.max(40, Math.ceil(budget / ops.length));
    const dice = new Dice(rng(SEED ^ [...name].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7)));
    const mock = await startMock({
      port: 0,
      document: path,
      mode,
      // Streams end quickly and webhooks give up fast: the fuzz waits for every answer.
      streamLifeMs: 100,
      webhookTimeoutMs: 200,
      webhookBackoffMs: 10,
      ...(secret ? { signingSecret: secret } : {}),
    });
    const known = mode === 'sandbox' ? await seed(mock as RunningSandbox, secret) : {};
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sentCount = 0;
    const send = async (sent: Sent) => {
      const res = await raw(mock.url, sent.method, sent.target, sent.headers, sent.body, agent);
      sentCount++;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const problem = check(sent, res, mode);
      if (problem && failures.length < 15) {
        failures.push(`${problem}\n    ← ${sent.method} ${sent.target} ${JSON.stringify(sent.headers)} ${String(sent.body ?? '').slice(0, 200)}`);
      }
    };
    try {
      // An odd Accept first, on a valid request of every operation; the fuzz then shows
      // that it left nothing behind.
      for (const op of ops) {
        const valid = generate(doc, ops, op, new Dice(rng(1)), secret, known);
        await send({ ...valid, headers: { ...valid.headers, accept: 'application/xml' } });
      }
      const requests: Sent[] = [];
      for (let i = 0; i < perOperation; i++) for (const op of ops) requests.push(generate(doc, ops, op, dice, secret, known));
      let next = 0;
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          while (next < requests.length) await send(requests[next++]!);
        }),
      );
    } finally {
      agent.destroy();
      await mock.close();
    }
    const histogram = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    summary.push(`  ${name}: ${sentCount} requests over ${ops.length} operations (${histogram})`);
    expect(failures).toEqual([]);
    // Bounded but not idle: most requests reach an answer other than the success.
    expect(sentCount).toBe(ops.length * (perOperation + 1));
    expect([...statuses.keys()].filter((s) => s >= 400 && s < 500).length).toBeGreaterThan(2);
  });
});
