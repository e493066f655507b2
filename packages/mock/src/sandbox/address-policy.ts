/**
 * Where the sandbox may deliver webhooks. By default only to loopback addresses: the host
 * is resolved once, every address it resolves to must be loopback, and the request then
 * goes to that very address (so a name cannot resolve to loopback for the check and to
 * something else for the connection). `--allow-remote-webhooks` lifts the rule. The
 * sandbox is a development tool; it must never become a way to make requests elsewhere.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface Address {
  address: string;
  family: 4 | 6;
  loopback: boolean;
}

/** Where to connect: every address the host resolved to, in the resolver's order. */
export type Destination = { ok: true; addresses: Address[] } | { ok: false; reason: string; retry: boolean };

export function isLoopback(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return address.startsWith('127.');
  if (family === 6) {
    const lower = address.toLowerCase();
    if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    return mapped ? mapped[1]!.startsWith('127.') : false;
  }
  return false;
}

/** Loopback http URLs the sandbox accepts for subscriptions, although Chert asks for https. */
export function isLoopbackHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !/^http:\/\//i.test(value)) return false;
  try {
    const host = new URL(value).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || isLoopback(host);
  } catch {
    return false;
  }
}

export async function resolveDestination(hostname: string, allowRemote: boolean, timeoutMs: number): Promise<Destination> {
  const host = hostname.replace(/^\[|\]$/g, '');
  let addresses: Array<{ address: string; family: number }>;
  const literal = isIP(host);
  if (literal) addresses = [{ address: host, family: literal }];
  else {
    let timer: NodeJS.Timeout | undefined;
    try {
      addresses = await Promise.race([
        lookup(host, { all: true, verbatim: true }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error(`resolving ${host} took longer than ${timeoutMs} ms`), { code: 'ETIMEOUT' })), timeoutMs);
        }),
      ]);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, reason: code === 'ETIMEOUT' ? (error as Error).message : `cannot resolve ${host} (${code ?? 'error'})`, retry: true };
    } finally {
      clearTimeout(timer);
    }
  }
  const remote = addresses.filter((a) => !isLoopback(a.address));
  if (remote.length && !allowRemote) {
    return {
      ok: false,
      reason: `refused: ${host} is ${remote[0]!.address}, not a loopback address; the sandbox delivers only to loopback unless started with --allow-remote-webhooks`,
      retry: false,
    };
  }
  if (!addresses.length) return { ok: false, reason: `cannot resolve ${host}`, retry: true };
  return { ok: true, addresses: addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4, loopback: isLoopback(a.address) })) };
}
