import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { forwardTarget, isLoopbackAddress, type Lookup } from '../src/listen/target.js';

describe('loopback addresses', () => {
  it.each<[string, boolean]>([
    ['127.0.0.1', true],
    ['127.255.3.4', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:a00:1', false],
    ['10.0.0.1', false],
    ['0.0.0.0', false],
    ['128.0.0.1', false],
    ['::', false],
    ['2001:db8::1', false],
    ['localhost', false],
  ])('%s → %s', (address, want) => {
    expect(isLoopbackAddress(address)).toBe(want);
  });
});

describe('--forward-to', () => {
  // A resolver of our own: names to addresses, as a hosts file would say.
  const hosts: Record<string, string[]> = {
    localhost: ['::1', '127.0.0.1'],
    'app.localhost': ['127.0.0.1'],
    'mixed.test': ['127.0.0.1', '192.0.2.7'],
    'remote.test': ['192.0.2.7'],
    'empty.test': [],
  };
  const lookup: Lookup = async (host) => {
    const found = hosts[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address }));
  };
  // [name, value, --allow-remote, the URL kept, or the refusal]
  const cases: Array<[string, string, boolean, string | RegExp]> = [
    ['localhost', 'http://localhost:3000/webhooks/chert', false, 'http://localhost:3000/webhooks/chert'],
    ['127.0.0.1', 'http://127.0.0.1:3000/hooks', false, 'http://127.0.0.1:3000/hooks'],
    ['elsewhere in 127/8', 'http://127.8.9.10/hooks', false, 'http://127.8.9.10/hooks'],
    ['IPv6 loopback', 'http://[::1]:3000/hooks', false, 'http://[::1]:3000/hooks'],
    ['https on loopback', 'https://localhost:8443/hooks', false, 'https://localhost:8443/hooks'],
    ['a name that resolves to loopback only', 'http://app.localhost:3000/', false, 'http://app.localhost:3000/'],
    ['a name with one remote address', 'http://mixed.test/', false, /mixed\.test is 192\.0\.2\.7, not a loopback address; pass --allow-remote/],
    ['a remote name', 'http://remote.test/', false, /--forward-to must be a loopback URL \(localhost, 127\.0\.0\.0\/8, ::1\): remote\.test is 192\.0\.2\.7/],
    ['a remote address', 'http://192.0.2.7/', false, /192\.0\.2\.7 is not a loopback address/],
    ['any address', 'http://0.0.0.0:3000/', false, /0\.0\.0\.0 is not a loopback address/],
    ['a name that does not resolve', 'http://nowhere.test/', false, /cannot resolve nowhere\.test \(ENOTFOUND\)/],
    ['a name with no address', 'http://empty.test/', false, /empty\.test resolves to no address/],
    ['a remote name, allowed', 'https://remote.test/hooks', true, 'https://remote.test/hooks'],
    ['not a URL', 'localhost:3000', false, /--forward-to must be an absolute http\(s\) URL/],
    ['not http', 'ftp://localhost/', false, /--forward-to must be an absolute http\(s\) URL/],
    ['with a password', 'http://me:pw@localhost:3000/', false, /must not carry a user name or password/],
  ];
  it.each(cases)('%s', async (_name, value, allowRemote, want) => {
    const got = forwardTarget(value, { allowRemote, lookup });
    if (want instanceof RegExp) {
      await expect(got).rejects.toBeInstanceOf(UsageError);
      await expect(got).rejects.toThrow(want);
    } else expect((await got).href).toBe(want);
  });
});
