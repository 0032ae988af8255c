// Outgoing requests to URLs people configure (webhook targets, notifications,
// metric checks) never reach loopback, link-local, private, unique-local or
// unspecified addresses (the server's own network), unless
// SHIPBOARD_ALLOW_PRIVATE_TARGETS=1. Checked when the URL is saved (literal
// addresses and local names) and again at request time on every address its
// name resolves to, connecting only to an address that passed.
import dns from "node:dns";
import net from "node:net";

const refused = new net.BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // unspecified, "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local (cloud metadata)
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  refused.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128],
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  refused.addSubnet(network, prefix, "ipv6");
}

export const privateTargetsAllowed = () => process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS === "1";

/** Why an IP address may not be contacted, or null. IPv4-mapped IPv6 addresses count as their IPv4 address. */
export function refusedAddress(address: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = net.isIP(ip);
  if (family === 0) return null;
  return refused.check(ip, family === 4 ? "ipv4" : "ipv6") ? `${address} is a loopback, link-local, private or reserved address` : null;
}

/** The URL's host without IPv6 brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/**
 * Why a URL may not be saved, or null: checked without any lookup or
 * connection (a literal address, or a name that always means this machine).
 */
export function outboundUrlProblem(value: string): string | null {
  if (privateTargetsAllowed()) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a URL";
  }
  const host = hostOf(url).toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return `${host} is this machine`;
  const problem = refusedAddress(host);
  return problem && `${problem} (set SHIPBOARD_ALLOW_PRIVATE_TARGETS=1 to allow it)`;
}

export class RefusedAddressError extends Error {}

type Address = { address: string; family: number };
export type Resolver = (hostname: string) => Promise<Address[]>;
/** node:net's `lookup` option: one address, or all of them when `options.all` (happy eyeballs). */
type Lookup = (
  hostname: string,
  options: { all?: boolean },
  callback: (error: Error | null, address: string | Address[], family?: number) => void,
) => void;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * A `lookup` for node:http(s) requests: resolves the name, refuses it when any
 * of its addresses is refused, else connects to those addresses only. A
 * literal address never reaches a lookup, so callers check those with
 * `outboundUrlProblem` first.
 */
export function guardedLookup(resolve: Resolver = systemResolver): Lookup {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(new Error(`${hostname} has no address`), "", 0);
        if (!privateTargetsAllowed()) {
          const problem = addresses.map((entry) => refusedAddress(entry.address)).find((text) => text !== null);
          if (problem) return callback(new RefusedAddressError(`${hostname} resolves to ${problem}`), "", 0);
        }
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) => callback(error, "", 0),
    );
  };
}
