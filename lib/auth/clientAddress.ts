/**
 * The client's address as the server saw it. Next.js sets x-forwarded-for for requests it
 * serves itself; behind a proxy, the proxy's first hop is the client.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const forwarded = get('x-forwarded-for')?.split(',')[0]?.trim();
  return (forwarded || get('x-real-ip') || 'local').slice(0, 100);
}
