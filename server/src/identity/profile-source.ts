import type { ClerkClient } from '@clerk/express';
import { findDemoUser } from '../auth/local/demo-directory.ts';
import { oneLine } from '../web/one-line.ts';

/** A user's display details. */
export interface Profile {
  name: string;
  email: string | null;
  imageUrl: string | null;
}

/**
 * Where names and emails come from: one port, two adapters. Local mode reads the demo
 * directory; Clerk mode asks Clerk's Backend API, behind a cache.
 */
export interface ProfileSource {
  fetchProfile(userId: string): Promise<Profile | undefined>;
  /** Drops what is remembered of a user (or of everyone): a webhook said it changed. */
  forget?(userId?: string): void;
}

export function localProfileSource(): ProfileSource {
  return {
    fetchProfile: async (userId) => {
      const user = findDemoUser(userId);
      return user && { name: user.name, email: user.email, imageUrl: null };
    },
  };
}

type UsersApi = Pick<ClerkClient['users'], 'getUser'>;

/** What a failed Backend API call says, as Clerk's client reports it. */
interface ClerkFailure {
  message?: unknown;
  /** The HTTP status; none when the request never got an answer. */
  status?: unknown;
  /** Clerk's own errors; a network failure is one `unexpected_error` holding its message. */
  errors?: { code?: unknown; message?: unknown; longMessage?: unknown }[];
  clerkTraceId?: unknown;
}

/**
 * Why a Clerk call failed, in one line. Clerk's `ClerkAPIResponseError` carries its reason in
 * `status` and `errors`; its `message` is the HTTP status text, empty when there was no
 * answer at all (a network failure) or the answer had none.
 */
export function clerkFailure(error: unknown): string {
  const failure = (error ?? {}) as ClerkFailure;
  const parts: string[] = [];
  if (typeof failure.status === 'number') parts.push(`HTTP ${failure.status}`);
  if (typeof failure.message === 'string' && failure.message) parts.push(failure.message);
  for (const item of Array.isArray(failure.errors) ? failure.errors.slice(0, 3) : []) {
    const said = item.longMessage || item.message;
    parts.push([item.code, said].filter((part) => typeof part === 'string' && part).join(': '));
  }
  if (typeof failure.clerkTraceId === 'string' && failure.clerkTraceId) {
    parts.push(`(trace ${failure.clerkTraceId})`);
  }
  const said = parts.filter(Boolean).join(' ');
  return oneLine(said || (error instanceof Error ? error.name : String(error)));
}

/**
 * Clerk's `users.getUser`, remembered for `ttlMs` (bounded, oldest evicted first). A failed
 * lookup returns undefined: the caller keeps the row it has rather than failing the request.
 * Not an expired profile: webhooks may have changed the row since (a rename, or a deleted
 * user's row made anonymous, which an old profile would undo).
 */
export function clerkProfileSource(
  users: UsersApi,
  options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
): ProfileSource {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { profile: Profile; expiresAt: number }>();
  return {
    fetchProfile: async (userId) => {
      const hit = cache.get(userId);
      if (hit && hit.expiresAt > now()) return hit.profile;
      try {
        const user = await users.getUser(userId);
        const email =
          user.emailAddresses.find((e) => e.id === user.primaryEmailAddressId)?.emailAddress ??
          null;
        const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || email || userId;
        const profile: Profile = { name, email, imageUrl: user.imageUrl ?? null };
        cache.delete(userId);
        cache.set(userId, { profile, expiresAt: now() + ttlMs });
        if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
        return profile;
      } catch (error) {
        console.error(`Clerk profile lookup for ${userId} failed: ${clerkFailure(error)}`);
        return undefined;
      }
    },
    forget: (userId) => {
      if (userId === undefined) cache.clear();
      else cache.delete(userId);
    },
  };
}
