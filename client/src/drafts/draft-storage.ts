/**
 * Form drafts in this tab's sessionStorage: they outlive a trip through sign-in (and a
 * reload) but not the tab. Storage may be full or switched off; a draft is a convenience,
 * so every failure here is swallowed and the form simply starts empty.
 */
const PREFIX = 'tasklane.draft:';

/** One user's draft of one form on one page, in one organization. */
export function draftKey(parts: {
  userId: string;
  orgId: string | null;
  path: string;
  form: string;
}): string {
  return `${PREFIX}${JSON.stringify([parts.userId, parts.orgId, parts.path, parts.form])}`;
}

export function readDraft(key: string): unknown {
  try {
    const stored = sessionStorage.getItem(key);
    return stored === null ? undefined : JSON.parse(stored);
  } catch {
    return undefined;
  }
}

/** Keeps `value` under `key`; `undefined` removes it. */
export function writeDraft(key: string, value: unknown): void {
  try {
    if (value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or unavailable: this form's draft is not kept.
  }
}

/** Every draft of this tab: signing out on purpose leaves nothing typed behind. */
export function clearDrafts(): void {
  try {
    const keys = Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i));
    for (const key of keys) {
      if (key?.startsWith(PREFIX)) sessionStorage.removeItem(key);
    }
  } catch {
    // Unavailable: there is nothing to clear.
  }
}
