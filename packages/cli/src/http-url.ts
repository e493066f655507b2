import { UsageError } from './errors.js';

/**
 * `value` as an absolute http(s) URL without a user name or password, or a UsageError that
 * names `what` (`chert listen: --forward-to`) and never repeats the value, which may hold a
 * secret.
 */
export function httpUrl(value: string, what: string, example: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new UsageError(`${what} must be an absolute http(s) URL such as ${example}`);
  if (url.username || url.password) throw new UsageError(`${what} must not carry a user name or password`);
  return url;
}
