import { useCallback, useMemo, useState } from 'react';
import { useLocation } from 'react-router';
import { useAppAuth } from '../auth/app-auth.ts';
import { draftKey, readDraft, writeDraft } from './draft-storage.ts';

export interface FormDraft<T> {
  /** What was typed here before (kept when the form last changed), read once on mount. */
  restored: T | undefined;
  /** Keeps the form's values as its draft; `undefined` drops it (nothing typed, or saved). */
  keep: (value: T | undefined) => void;
}

/**
 * A form's draft, kept as the user types so that a trip through sign-in (a 401 from an
 * expired or ended session) brings them back to the page with their text. Drafts belong to
 * the signed-in user, the active organization, the page and the form: another user signing
 * in on this tab, or another organization's settings, never get them. `parse` checks what
 * storage holds (an older app version may have written it) and answers `undefined` if it
 * is not this form's shape.
 */
export function useFormDraft<T>(
  form: string,
  parse: (stored: unknown) => T | undefined,
): FormDraft<T> {
  const { userId, orgId } = useAppAuth();
  const { pathname } = useLocation();
  const key = userId === null ? null : draftKey({ userId, orgId, path: pathname, form });
  const [restored] = useState(() => (key === null ? undefined : parse(readDraft(key))));
  const keep = useCallback(
    (value: T | undefined) => {
      if (key !== null) writeDraft(key, value);
    },
    [key],
  );
  return useMemo(() => ({ restored, keep }), [restored, keep]);
}

/** `parse` for a draft that is one string (a comment, a name). */
export function textDraft(stored: unknown): string | undefined {
  return typeof stored === 'string' ? stored : undefined;
}

/** `parse` for a draft that is an object of string fields (a form of several inputs). */
export function fieldsDraft<K extends string>(...fields: K[]) {
  return (stored: unknown): Record<K, string> | undefined => {
    if (typeof stored !== 'object' || stored === null) return undefined;
    const record = stored as Record<string, unknown>;
    if (!fields.every((field) => typeof record[field] === 'string')) return undefined;
    return Object.fromEntries(fields.map((field) => [field, record[field]])) as Record<K, string>;
  };
}
