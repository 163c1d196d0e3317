import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearDrafts, draftKey, readDraft, writeDraft } from './draft-storage.ts';

const key = draftKey({ userId: 'user_a', orgId: 'org_a', path: '/projects', form: 'create' });

afterEach(() => vi.restoreAllMocks());

describe('draft storage', () => {
  it('keeps, reads back and removes a draft', () => {
    writeDraft(key, { name: 'Moonbase' });
    expect(readDraft(key)).toEqual({ name: 'Moonbase' });
    writeDraft(key, undefined);
    expect(readDraft(key)).toBeUndefined();
  });

  it('gives distinct keys to other users, organizations, pages and forms', () => {
    const keys = new Set([
      key,
      draftKey({ userId: 'user_b', orgId: 'org_a', path: '/projects', form: 'create' }),
      draftKey({ userId: 'user_a', orgId: null, path: '/projects', form: 'create' }),
      draftKey({ userId: 'user_a', orgId: 'org_a', path: '/admin', form: 'create' }),
      draftKey({ userId: 'user_a', orgId: 'org_a', path: '/projects', form: 'rename' }),
    ]);
    expect(keys.size).toBe(5);
  });

  it('treats unreadable storage as no draft, and a full one as not kept', () => {
    sessionStorage.setItem(key, '{not json');
    expect(readDraft(key)).toBeUndefined();
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(() => writeDraft(key, 'text')).not.toThrow();
  });

  it('clears every draft and nothing else', () => {
    writeDraft(key, 'a');
    sessionStorage.setItem('other-app', 'kept');
    clearDrafts();
    expect(readDraft(key)).toBeUndefined();
    expect(sessionStorage.getItem('other-app')).toBe('kept');
  });
});
