/**
 * Convenience only, never the security boundary (lib/data checks every call): a visitor with
 * no session cookie is sent to sign-in before a page renders, and a server action posted from
 * another site is refused with 403 (Next.js itself would answer it with a 500).
 *
 * The API is left out of the matcher: route handlers authenticate every request themselves,
 * and a request that passes through the proxy has its body buffered and cut at 10 MB, which
 * would make the import limits of docs/api.md (50 MB) unreachable.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { foreignOriginReason } from './lib/http/origin';

const PUBLIC = ['/signin', '/_next/', '/favicon'];
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

export function proxy(request: NextRequest) {
  if (request.method === 'POST' && request.headers.has('next-action')) {
    const reason = foreignOriginReason(request.headers, request.url);
    if (reason) return new NextResponse(`Cross-site request refused: ${reason}.`, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.some((p) => pathname.startsWith(p))) return NextResponse.next();
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = '/signin';
  url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = { matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'] };
