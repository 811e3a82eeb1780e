/**
 * The client's address for sign-in throttling. Any client can send X-Forwarded-For, so it is
 * believed only as far as TRUST_PROXY says; otherwise the address is the TCP peer's.
 *
 * Route handlers get a Request without the socket, so the production server (server/main.ts)
 * stamps the peer address onto each request with stampPeerAddress(): a header it first strips
 * of any client-sent copy, carrying a proof (HMAC with a key born in this process) so that a
 * copy that gets past it (a server without the stamp, such as `next dev`) is not believed.
 *
 * TRUST_PROXY: unset (default) = no proxy, the peer is the client; a number N = N proxies
 * in front, the client is the N-th address from the right of X-Forwarded-For + peer; a comma
 * list of proxy addresses = walk from the peer leftwards past those addresses.
 */
import crypto from 'node:crypto';

export const PEER_HEADER = 'x-workbench-peer';
/** When no peer is known (no stamp): every such request shares one bucket. */
export const UNKNOWN_PEER = 'unknown';

const holder = globalThis as unknown as { __workbenchPeerKey?: Buffer };
const peerKey = (holder.__workbenchPeerKey ??= crypto.randomBytes(32));

/**
 * Proofs already computed, by address: the HMAC was a measurable part of every request's CPU,
 * and a client's address repeats on every request of its connection. Bounded: cleared when full.
 */
const proofs = new Map<string, string>();
const MAX_PROOFS = 4096;

function proof(address: string): string {
  let known = proofs.get(address);
  if (known === undefined) {
    known = crypto.createHmac('sha256', peerKey).update(address).digest('base64url');
    if (proofs.size >= MAX_PROOFS) proofs.clear();
    proofs.set(address, known);
  }
  return known;
}

/**
 * For the Node server in front of Next.js: records the socket's address on the request, after
 * removing whatever the client sent under the same name. Call first thing for every request.
 */
export function stampPeerAddress(req: { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string } }): void {
  delete req.headers[PEER_HEADER];
  const address = (req.socket.remoteAddress ?? UNKNOWN_PEER).slice(0, 100);
  req.headers[PEER_HEADER] = `${address} ${proof(address)}`;
}

export type TrustProxy = { hops: number } | { addresses: Set<string> } | null;

/** Reads TRUST_PROXY (see the module comment); anything else is no trust at all. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d{1,2}$/.test(text)) return Number(text) > 0 ? { hops: Number(text) } : null;
  const addresses = text.split(',').map((a) => a.trim()).filter(Boolean);
  return addresses.length ? { addresses: new Set(addresses) } : null;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The stamped peer address when its proof holds, else UNKNOWN_PEER. */
function peerAddress(headers: HeaderSource): string {
  const [address, given] = (header(headers, PEER_HEADER) ?? '').split(' ');
  if (!address || !given) return UNKNOWN_PEER;
  const expected = Buffer.from(proof(address));
  const actual = Buffer.from(given);
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected) ? address : UNKNOWN_PEER;
}

/** The client's address as far as it can be trusted (see the module comment). */
export function clientAddress(headers: HeaderSource, trust: TrustProxy = parseTrustProxy(process.env.TRUST_PROXY)): string {
  const peer = peerAddress(headers);
  if (!trust) return peer;
  const forwarded = (header(headers, 'x-forwarded-for') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  if ('hops' in trust) return (chain[chain.length - 1 - trust.hops] ?? chain[0]).slice(0, 100);
  let i = chain.length - 1;
  while (i > 0 && trust.addresses.has(chain[i])) i--;
  return chain[i].slice(0, 100);
}
