import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

/**
 * Where the server may post a webhook (SSRF guard): http(s) only, no credentials in the URL, and no host that
 * resolves to a loopback, private, link-local, unique-local, multicast or unspecified address unless the host is
 * in WEBHOOK_ALLOWED_HOSTS. The URL is parsed by the WHATWG parser first, so `0x7f000001`, `017700000001` and
 * `2130706433` are already `127.0.0.1` here.
 */

/** Why a target is refused; each has its message in `webhook.errors.ts`. */
export type TargetProblem = 'URL' | 'SCHEME' | 'CREDENTIALS' | 'HTTPS_REQUIRED' | 'UNRESOLVED' | 'ADDRESS';

export interface TargetRules {
  allowedHosts: readonly string[];
  requireHttps: boolean;
}

export type Resolve = (host: string) => Promise<LookupAddress[]>;

const denied = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", the unspecified address
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  denied.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64: an IPv4 address in disguise
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  denied.addSubnet(network, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:7f00:1`, `::ffff:127.0.0.1`), else undefined. */
function mappedIpv4(address: string): string | undefined {
  const rest = /^(?:0{1,4}:){5}ffff:(.+)$/i.exec(address)?.[1] ?? /^::ffff:(.+)$/i.exec(address)?.[1];
  if (rest === undefined) return undefined;
  if (isIP(rest) === 4) return rest;
  const words = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
  // Anything else after ::ffff: is not an address we understand: treated as the unspecified address, refused.
  if (!words) return '0.0.0.0';
  const [high, low] = [parseInt(words[1]!, 16), parseInt(words[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Whether an IP address is one a webhook may not reach (loopback, private, link-local, multicast, …). */
export function isDeniedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return denied.check(address, 'ipv4');
  if (family !== 6) return true;
  const v4 = mappedIpv4(address);
  if (v4 !== undefined) return denied.check(v4, 'ipv4');
  return denied.check(address, 'ipv6');
}

/** The URL's host as DNS and the allow list see it: lower case, an IPv6 literal without its brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** `hooks.example.org` matches itself; `*.example.org` matches its subdomains (not itself). */
export function isAllowedHost(host: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((pattern) =>
    pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : host === pattern,
  );
}

export const systemResolve: Resolve = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/** The checks that need no DNS: the URL's shape. Returns the parsed URL, or why it is refused. */
export function checkTargetShape(raw: string, rules: TargetRules): URL | TargetProblem {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'SCHEME';
  if (url.username !== '' || url.password !== '') return 'CREDENTIALS';
  const allowed = isAllowedHost(hostOf(url), rules.allowedHosts);
  if (rules.requireHttps && url.protocol !== 'https:' && !allowed) return 'HTTPS_REQUIRED';
  if (!allowed && isIP(hostOf(url)) !== 0 && isDeniedAddress(hostOf(url))) return 'ADDRESS';
  return url;
}

/**
 * The whole check, at registration: the shape, then every address the host resolves to. (At delivery the
 * connection's own lookup repeats the address check, `guardedLookup`, so a DNS change cannot slip past.)
 */
export async function checkTarget(
  raw: string,
  rules: TargetRules,
  resolve: Resolve = systemResolve,
): Promise<URL | TargetProblem> {
  const url = checkTargetShape(raw, rules);
  if (typeof url === 'string') return url;
  const host = hostOf(url);
  if (isAllowedHost(host, rules.allowedHosts) || isIP(host) !== 0) return url;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    return 'UNRESOLVED';
  }
  if (addresses.length === 0) return 'UNRESOLVED';
  return addresses.some((a) => isDeniedAddress(a.address)) ? 'ADDRESS' : url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request` that refuses a denied address: the connection goes to exactly the address that
 * was checked, so a host that resolves elsewhere between the check and the connect (DNS rebinding) is refused.
 */
export function guardedLookup(resolve: Resolve = systemResolve) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0 || addresses.some((a) => isDeniedAddress(a.address))) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} resolves to a denied address`);
          error.code = 'EWEBHOOKTARGET';
          callback(error, []);
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
