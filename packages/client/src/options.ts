// The options of createChertClient, checked once at construction so that a mistake fails
// loudly and early. Messages name the option, never its value: values may be secrets.
import { bearerScheme, headerNames, productionServerUrl } from '@chert/types';
import type { CallLimits } from './core/call.js';
import { ChertInputError, check } from './core/chert-error.js';
import { readEnv } from './core/env.js';
import type { ChertApiError, ChertNetworkError, ChertTimeoutError } from './core/errors.js';
import { isLogLevel, levelled, LOG_METHODS, type Logger, type LogLevel } from './core/logger.js';
import type { OperationId } from '@chert/types';

/** HMAC v1 (preferred): every request is signed; the secret itself never travels. */
export interface HmacAuth {
  hmac: {
    /** Your tenant slug, sent as `x-chert-tenant`. */
    tenant: string;
    /** The tenant's signing secret (32 hex characters), used as the HMAC key. */
    signingSecret: string;
  };
  bearer?: undefined;
}

/** Bearer: the signing secret travels as `authorization: Bearer …` on every request. */
export interface BearerAuth {
  bearer: {
    /** The tenant's signing secret. */
    token: string;
    /** Your tenant slug; required when the account has more than one tenant. */
    tenant?: string | undefined;
  };
  hmac?: undefined;
}

/** What the client calls to send each attempt; `globalThis.fetch` by default. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Told before each retry: what failed and how long the client waits before sending again. */
export interface RetryInfo {
  /** The operation being retried, when the request matched one of the document's. */
  operationId: OperationId | undefined;
  /** 1 for the first retry, 2 for the second… */
  retry: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** What caused the retry: read `code`, `retryable`, `traceId` on a `ChertApiError`. */
  error: ChertApiError | ChertNetworkError | ChertTimeoutError;
}

export interface ChertClientOptions {
  /**
   * How to authenticate. Default, where there is a `process.env`: `CHERT_TENANT` and
   * `CHERT_SIGNING_SECRET` (HMAC v1), else `CHERT_TOKEN` (bearer, with `CHERT_TENANT` if set).
   */
  auth?: HmacAuth | BearerAuth | undefined;
  /** Where the API lives. Default: `CHERT_BASE_URL`, else production, `https://console.trychert.com`. */
  baseUrl?: string | undefined;
  /** A fetch of your own (a proxy agent, a test double). Default: `globalThis.fetch`. */
  fetch?: FetchLike | undefined;
  /**
   * Milliseconds each attempt may take, from sending to the last byte of the answer, before it
   * is aborted with a `ChertTimeoutError`. `0` turns it off. Default: 30000.
   */
  timeoutMs?: number | undefined;
  /**
   * Milliseconds a whole call may take, every attempt and every wait before a retry included;
   * a retry whose wait would end past it is not made. `0` turns it off. Default: 60000.
   */
  deadlineMs?: number | undefined;
  /** Headers sent with every request. They cannot replace the authentication headers. */
  headers?: Record<string, string> | Headers | undefined;
  /**
   * How many times a request is sent again after an answer that proves it safe
   * (`retryable: true`). Default: 2. `0` never retries. A 2013 (clock skew) answer is re-signed
   * once on top of this.
   */
  maxRetries?: number | undefined;
  /** The clock, in milliseconds like `Date.now` (the default); for tests and skewed hosts. */
  now?: (() => number) | undefined;
  /** Called before each retry. */
  onRetry?: ((info: RetryInfo) => void) | undefined;
  /** Where the client logs attempts and retries. Default: `console`. */
  logger?: Logger | undefined;
  /** The least severe level logged. Default: `CHERT_LOG` from the environment, else `warn`. */
  logLevel?: LogLevel | undefined;
}

export interface ResolvedOptions extends CallLimits {
  baseUrl: string;
  /** The caller's fetch; undefined for the runtime's own. */
  fetch: FetchLike | undefined;
  now: () => number;
  onRetry: ((info: RetryInfo) => void) | undefined;
  log: Partial<Logger>;
  /** Present in HMAC mode only. */
  signingSecret: string | undefined;
  /** Headers every request carries: the user's, the user agent, tenant and bearer token. */
  headers: Record<string, string>;
}


/** Timeouts and retries, given for the client or for one call, checked alike. */
export function resolveLimits(
  given: { timeoutMs?: number | undefined; deadlineMs?: number | undefined; maxRetries?: number | undefined },
  defaults: CallLimits,
): CallLimits {
  const out = { ...defaults };
  for (const name of ['timeoutMs', 'deadlineMs'] as const) {
    const ms = given[name];
    if (ms === undefined) continue;
    if (!(typeof ms === 'number' && ms >= 0)) throw new ChertInputError(name, `\`${name}\` must be a number of milliseconds, 0 or more`);
    // Timers fire at once beyond 2^31-1 ms; anything that long means no limit.
    out[name] = ms > 2 ** 31 - 1 ? 0 : ms;
  }
  const { maxRetries } = given;
  if (maxRetries !== undefined) {
    check(Number.isSafeInteger(maxRetries) && maxRetries >= 0, 'maxRetries', '`maxRetries` must be a whole number, 0 or more');
    out.maxRetries = maxRetries;
  }
  return out;
}

// A header value cannot hold line breaks or NUL; say so here rather than let Headers throw later.
const isSlug = (v: unknown): v is string => typeof v === 'string' && v !== '' && !/[\r\n\0]/.test(v) && v.trim() === v;

const ENV_AUTH =
  'set CHERT_TENANT and CHERT_SIGNING_SECRET (HMAC v1), or CHERT_TOKEN (bearer, with CHERT_TENANT for an account with several tenants)';

/** The auth of the environment's CHERT_* variables, for a client created without `auth`. */
function authFromEnv(): HmacAuth | BearerAuth {
  const tenant = readEnv('CHERT_TENANT');
  const signingSecret = readEnv('CHERT_SIGNING_SECRET');
  const token = readEnv('CHERT_TOKEN');
  if (signingSecret !== undefined) {
    check(tenant !== undefined, 'CHERT_TENANT', 'CHERT_SIGNING_SECRET is set but CHERT_TENANT is not: HMAC v1 needs both');
    return { hmac: { tenant, signingSecret } };
  }
  check(token !== undefined, 'auth', `no \`auth\` given and none in the environment: pass \`auth\`, or ${ENV_AUTH}`);
  return { bearer: { token, tenant } };
}

export function resolveOptions(options: ChertClientOptions = {}, userAgent: string): ResolvedOptions {
  check(typeof options === 'object' && options !== null, 'options', 'createChertClient takes an options object: { auth, … }');
  const auth = (options.auth ?? authFromEnv()) as unknown as
    | { hmac?: Partial<HmacAuth['hmac']>; bearer?: Partial<BearerAuth['bearer']> }
    | undefined;
  check(
    typeof auth === 'object' && (auth.hmac ?? auth.bearer),
    'auth', '`auth` needs `hmac: { tenant, signingSecret }` or `bearer: { token, tenant? }`',
  );
  check(!(auth.hmac && auth.bearer), 'auth', '`auth` takes `hmac` or `bearer`, not both');

  const headers: Record<string, string> = {};
  if (options.headers !== undefined) {
    check(typeof options.headers === 'object' && options.headers !== null, 'headers', '`headers` must be an object or a Headers');
    new Headers(options.headers).forEach((value, name) => {
      headers[name] = value;
    });
  }
  headers['user-agent'] = headers['user-agent'] ? `${headers['user-agent']} ${userAgent}` : userAgent;
  // The client owns these; a stray copy in `headers` must not confuse the server.
  delete headers[headerNames.authorization];
  delete headers[headerNames.signature];

  let signingSecret: string | undefined;
  if (auth.hmac) {
    const { tenant, signingSecret: secret } = auth.hmac;
    check(isSlug(tenant), 'auth.hmac.tenant', '`auth.hmac.tenant` (your tenant slug) must be a non-empty string on one line');
    check(typeof secret === 'string' && secret !== '', 'auth.hmac.signingSecret', '`auth.hmac.signingSecret` must be a non-empty string');
    signingSecret = secret;
    headers[headerNames.tenant] = tenant;
  } else {
    const { token, tenant } = auth.bearer!;
    check(isSlug(token), 'auth.bearer.token', '`auth.bearer.token` must be a non-empty string on one line');
    if (tenant !== undefined) {
      check(isSlug(tenant), 'auth.bearer.tenant', '`auth.bearer.tenant`, when given, must be a non-empty string on one line');
      headers[headerNames.tenant] = tenant;
    }
    headers[headerNames.authorization] = `${bearerScheme} ${token}`;
  }

  const baseUrl = options.baseUrl ?? readEnv('CHERT_BASE_URL') ?? productionServerUrl;
  let protocol = '';
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    // reported just below
  }
  check(protocol === 'http:' || protocol === 'https:', 'baseUrl', '`baseUrl` (or CHERT_BASE_URL) must be an absolute http(s) URL');

  for (const name of ['fetch', 'now', 'onRetry'] as const) {
    check(options[name] === undefined || typeof options[name] === 'function', name, `\`${name}\` must be a function`);
  }
  const { logger = console, logLevel } = options;
  check(
    typeof logger === 'object' && logger !== null && LOG_METHODS.every((m) => typeof logger[m] === 'function'),
    'logger', '`logger` must have debug, info, warn and error methods',
  );
  check(logLevel === undefined || isLogLevel(logLevel), 'logLevel', '`logLevel` must be debug, info, warn, error or off');

  return {
    ...resolveLimits(options, { timeoutMs: 30_000, deadlineMs: 60_000, maxRetries: 2 }),
    baseUrl,
    // When not given, globalThis.fetch is looked up on every call (so a fetch patched in later,
    // an interceptor, is used), and handed a URL and init rather than a Request (transport.ts).
    fetch: options.fetch,
    now: options.now ?? Date.now,
    onRetry: options.onRetry,
    log: levelled(logger, logLevel),
    signingSecret,
    headers,
  };
}
