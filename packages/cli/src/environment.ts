/**
 * Credentials and the API's address, from the environment only (CHERT_TENANT +
 * CHERT_SIGNING_SECRET, or CHERT_TOKEN; CHERT_BASE_URL), with `--base-url` over
 * CHERT_BASE_URL. The same rules as `createChertClient()`, read here so that a missing or
 * half-set variable is one line naming it, and no value is ever repeated back.
 */
import type { BearerAuth, HmacAuth } from '@chert/client';
import { productionServerUrl } from '@chert/types';
import { UsageError } from './errors.js';
import { httpUrl } from './http-url.js';

export type Env = Record<string, string | undefined>;

const set = (env: Env, name: string): string | undefined => (env[name] === '' ? undefined : env[name]);

const oneLine = (value: string) => value.trim() === value && !/[\r\n\0]/.test(value);

export function credentials(command: string, env: Env): HmacAuth | BearerAuth {
  const tenant = set(env, 'CHERT_TENANT');
  const signingSecret = set(env, 'CHERT_SIGNING_SECRET');
  const token = set(env, 'CHERT_TOKEN');
  for (const [name, value] of [['CHERT_TENANT', tenant], ['CHERT_SIGNING_SECRET', signingSecret], ['CHERT_TOKEN', token]] as const) {
    if (value !== undefined && !oneLine(value)) throw new UsageError(`${command}: ${name} must be one line without surrounding spaces`);
  }
  if (signingSecret !== undefined) {
    if (tenant === undefined) throw new UsageError(`${command}: CHERT_SIGNING_SECRET is set but CHERT_TENANT is not: HMAC v1 needs both`);
    return { hmac: { tenant, signingSecret } };
  }
  if (token !== undefined) return { bearer: tenant === undefined ? { token } : { token, tenant } };
  if (tenant !== undefined) {
    throw new UsageError(`${command}: CHERT_TENANT is set but neither CHERT_SIGNING_SECRET (HMAC v1) nor CHERT_TOKEN (bearer) is`);
  }
  throw new UsageError(`${command}: no credentials: set CHERT_TENANT and CHERT_SIGNING_SECRET (HMAC v1), or CHERT_TOKEN (bearer)`);
}

/** `--base-url`, else CHERT_BASE_URL, else undefined (the client's default: production). */
export function baseUrl(command: string, flag: string | undefined, env: Env): string | undefined {
  const [value, name] = flag !== undefined ? [flag, '--base-url'] : [set(env, 'CHERT_BASE_URL'), 'CHERT_BASE_URL'];
  if (value === undefined) return undefined;
  httpUrl(value, `${command}: ${name}`, productionServerUrl);
  return value;
}
