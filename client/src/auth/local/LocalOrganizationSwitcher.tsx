import { useId, useState } from 'react';
import { useAppAuth } from '../app-auth.ts';
import { useLocalSessionStore } from './local-store-context.ts';
import { useDemoUsers } from './use-demo-users.ts';

const NO_ORGANIZATION = '';

/** Local mode's organization switcher: the signed-in user's memberships, or none. */
export function LocalOrganizationSwitcher() {
  const { userId, orgId } = useAppAuth();
  const store = useLocalSessionStore();
  const demoUsers = useDemoUsers();
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const memberships =
    demoUsers.status === 'ready'
      ? (demoUsers.users.find((user) => user.id === userId)?.memberships ?? [])
      : [];

  async function switchTo(value: string) {
    setPending(true);
    setError(null);
    try {
      await store.switchOrganization(value === NO_ORGANIZATION ? null : value);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="org-switcher">
      <label htmlFor={id}>Organization</label>
      <select
        id={id}
        value={orgId ?? NO_ORGANIZATION}
        disabled={pending || demoUsers.status !== 'ready'}
        onChange={(event) => switchTo(event.target.value)}
      >
        {/* Until the list arrives, still show the active organization's id. */}
        {demoUsers.status !== 'ready' && orgId && <option value={orgId}>{orgId}</option>}
        {memberships.map((m) => (
          <option key={m.orgId} value={m.orgId}>
            {m.orgName}
          </option>
        ))}
        <option value={NO_ORGANIZATION}>No organization</option>
      </select>
      {error && (
        <span role="alert" className="inline-error">
          {error}
        </span>
      )}
    </div>
  );
}
