/** The rate-limit refusal every host sends: a tRPC-shaped JSON error (status 429). */
export const RATE_LIMITED_BODY = {
  error: {
    message: 'Too many requests: slow down and retry after the time in Retry-After.',
    code: -32029,
    data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429 },
  },
} as const;

/**
 * The client an IPv6 address belongs to: its /56 prefix (a home or office network usually
 * gets a /56 or /64, so counting single addresses would let one client rotate through them).
 * IPv4 and IPv4-mapped addresses count as themselves.
 */
export function ipClientKey(address: string): string {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array(Math.max(missing, 0)).fill('0'), ...tailGroups].map(
    (group) => group.padStart(4, '0').toLowerCase(),
  );
  return `${groups.slice(0, 3).join(':')}:${groups[3]?.slice(0, 2) ?? '00'}00::/56`;
}

/** Whom a request counts against: the verified user, or the client's address when signed out. */
export function rateLimitKey(userId: string | null | undefined, address: string): string {
  return userId ? `user:${userId}` : `ip:${ipClientKey(address)}`;
}
