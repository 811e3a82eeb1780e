/**
 * Whether a state-changing request comes from this site, for the API (lib/http/api.ts) and for
 * server actions (proxy.ts): the `Origin` must name this site's host AND scheme. The scheme is
 * this site's: the one of NEXTAUTH_URL when it is set (the canonical address), otherwise the
 * one the request arrived on, so http://host cannot pass for https://host.
 */

/** The scheme this site is served on, with its colon ("https:"). */
export function siteScheme(headers: Headers, requestUrl: string): string {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).protocol;
    } catch {
      // An unparsable NEXTAUTH_URL is reported by next-auth; fall through to the request.
    }
  }
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  if (forwarded === 'http' || forwarded === 'https') return `${forwarded}:`;
  try {
    return new URL(requestUrl).protocol;
  } catch {
    return 'http:';
  }
}

/** Why `Origin` is not this site's, or null when it is (a missing Origin is a reason too). */
export function foreignOriginReason(headers: Headers, requestUrl: string): string | null {
  const origin = headers.get('origin');
  if (!origin) return 'the Origin header is missing';
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  let parsed: URL | null = null;
  try {
    parsed = origin === 'null' ? null : new URL(origin);
  } catch {
    parsed = null;
  }
  if (!host || !parsed || parsed.host !== host || parsed.protocol !== siteScheme(headers, requestUrl)) {
    return 'the Origin does not match this site';
  }
  return null;
}

/** The origin the client used (behind a proxy too), so exported and served IRIs are absolute and resolvable. */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? url.host;
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(':', '');
  return `${proto}://${host}`;
}
