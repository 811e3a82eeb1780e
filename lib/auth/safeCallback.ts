/** Keeps a post-sign-in redirect on this site: only a local path, never "//host" or a scheme. */
export function safeCallbackUrl(value: string | string[] | undefined | null): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || /\p{Cc}/u.test(raw)) {
    return '/projects';
  }
  return raw;
}
