/**
 * Where `chert listen` may forward: a loopback URL (localhost, 127.0.0.0/8, ::1), checked by
 * resolving its host, every address of which must be loopback, unless `--allow-remote`. The
 * events carry your customers' messages; they should not leave the machine by a typo.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { UsageError } from '../errors.js';
import { httpUrl } from '../http-url.js';

export type Lookup = (host: string) => Promise<Array<{ address: string }>>;

const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return address.startsWith('127.');
  if (family !== 6) return false;
  const lower = address.toLowerCase();
  if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
  // An IPv4 address mapped into IPv6, as URL parsing writes it (::ffff:7f00:1) or dotted.
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!.startsWith('127.');
  const hex = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(lower);
  return hex ? parseInt(hex[1]!, 16) >> 8 === 127 : false;
}

export async function forwardTarget(value: string, options: { allowRemote: boolean; lookup?: Lookup }): Promise<URL> {
  const url = httpUrl(value, 'chert listen: --forward-to', 'http://localhost:3000/webhooks/chert');
  if (options.allowRemote) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await (options.lookup ?? systemLookup)(host)).map((a) => a.address);
    } catch (error) {
      throw new UsageError(`chert listen: --forward-to: cannot resolve ${host} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!addresses.length) throw new UsageError(`chert listen: --forward-to: ${host} resolves to no address`);
  }
  const remote = addresses.find((a) => !isLoopbackAddress(a));
  if (remote !== undefined) {
    const is = remote === host ? `${host} is not` : `${host} is ${remote}, not`;
    throw new UsageError(`chert listen: --forward-to must be a loopback URL (localhost, 127.0.0.0/8, ::1): ${is} a loopback address; pass --allow-remote to forward elsewhere`);
  }
  return url;
}
