/**
 * The host of the Clerk instance a publishable key names (`pk_test_<base64 of "host$">`),
 * or null if the key is not in that shape. Clerk's script comes from this host, so it is
 * the one to check, or to allow in a content blocker, when the script does not load.
 */
export function frontendApiOf(publishableKey: string): string | null {
  const encoded = /^pk_(?:test|live)_([A-Za-z0-9+/=]+)$/.exec(publishableKey)?.[1];
  if (!encoded) return null;
  try {
    const decoded = atob(encoded);
    return decoded.endsWith('$') && decoded.length > 1 ? decoded.slice(0, -1) : null;
  } catch {
    return null;
  }
}
