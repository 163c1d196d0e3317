import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../app/AppRoutes.tsx';
import { LocalAuthProvider } from '../auth/local/LocalAuthProvider.tsx';
import { FakeBackend } from '../test/fake-backend.ts';
import { ApiProvider } from './ApiProvider.tsx';

let backend: FakeBackend;

beforeEach(() => {
  backend = new FakeBackend().withSession('user_demo_max');
  globalThis.fetch = backend.fetch as typeof fetch;
  backend.on('me.whoami', () => ({
    data: {
      signedIn: true,
      userId: 'user_demo_max',
      orgId: 'org_demo_acme',
      orgRole: 'org:member',
    },
  }));
  backend.on('org.current', () => ({
    data: {
      orgId: 'org_demo_acme',
      orgSlug: 'acme',
      orgName: 'Acme Rockets',
      orgRole: 'org:member',
      orgPermissions: ['org:tasks:write'],
      taskKeyPrefix: 'ACME',
    },
  }));
  backend.on('me.openTasks', () => ({ data: [] }));
});

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

/** The whole routed app in local mode against the fake backend, with short retry delays. */
function renderApp(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <LocalAuthProvider>
        <ApiProvider retryDelay={() => 10}>
          <AppRoutes />
          <LocationProbe />
        </ApiProvider>
      </LocalAuthProvider>
    </MemoryRouter>,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const location = () => screen.getByTestId('location').textContent;

describe('API error handling', () => {
  it('401: sends the user to sign in, then back to where they were', async () => {
    backend.on('org.adminCheck', ({ call }) =>
      call === 1
        ? { error: { code: 'UNAUTHORIZED', message: 'Sign in to continue.' } }
        : { data: { orgId: 'org_demo_acme', admin: true } },
    );
    renderApp('/admin?tab=audit');

    expect(await screen.findByRole('heading', { name: 'Sign in to Tasklane' })).toBeTruthy();
    expect(location()).toBe(`/sign-in?returnTo=${encodeURIComponent('/admin?tab=audit')}`);
    expect(backend.calls('org.adminCheck')).toBe(1);

    fireEvent.click(await screen.findByRole('button', { name: 'Sign in as Max Member' }));
    expect(await screen.findByText(/Confirmed by the server/)).toBeTruthy();
    expect(location()).toBe('/admin?tab=audit');
  });

  it("403: shows the server's message saying what is missing, and does not retry", async () => {
    backend.on('org.adminCheck', () => ({
      error: { code: 'FORBIDDEN', message: 'Organization admins only.' },
    }));
    renderApp('/admin');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("You don't have access.");
    expect(alert.textContent).toContain('Organization admins only.');
    await sleep(100); // ten retry delays
    expect(backend.calls('org.adminCheck')).toBe(1);
    expect(location()).toBe('/admin');
  });

  it('401 is not retried either', async () => {
    backend.on('me.whoami', () => ({
      error: { code: 'UNAUTHORIZED', message: 'Sign in to continue.' },
    }));
    renderApp('/');
    await screen.findByRole('heading', { name: 'Sign in to Tasklane' });
    await sleep(100);
    expect(backend.calls('me.whoami')).toBe(1);
  });

  it('network failure: shows the banner while retrying, and hides it once a request succeeds', async () => {
    backend.on('me.whoami', ({ call }) =>
      call <= 3
        ? 'NETWORK'
        : {
            data: {
              signedIn: true,
              userId: 'user_demo_max',
              orgId: 'org_demo_acme',
              orgRole: 'org:member',
            },
          },
    );
    renderApp('/');

    expect(await screen.findByText("Can't reach Tasklane, retrying…")).toBeTruthy();
    expect(await screen.findByText('user_demo_max')).toBeTruthy();
    expect(screen.queryByText("Can't reach Tasklane, retrying…")).toBeNull();
    expect(backend.calls('me.whoami')).toBe(4);
  });

  it('network failure of a write: says it may not have been saved, and does not resend it', async () => {
    backend.on('projects.list', () => ({ data: [] }));
    backend.on('projects.create', () => 'NETWORK');
    renderApp('/projects');
    fireEvent.change(await screen.findByLabelText('New project'), {
      target: { value: 'Offline' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create project' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'The server could not be reached, so this may not have been saved. Check, then try again.',
    );
    await sleep(100);
    expect(backend.calls('projects.create')).toBe(1);
    expect(screen.queryByText('Waiting for the server…')).toBeNull();
  });

  it('CONFLICT: shows the message and reloads the item on request', async () => {
    backend.on('me.whoami', ({ call }) =>
      call === 1
        ? { error: { code: 'CONFLICT', message: 'This item was changed by someone else.' } }
        : {
            data: {
              signedIn: true,
              userId: 'user_demo_max',
              orgId: 'org_demo_acme',
              orgRole: 'org:member',
            },
          },
    );
    renderApp('/');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This item was changed by someone else.');
    await sleep(50);
    expect(backend.calls('me.whoami')).toBe(1); // CONFLICT is not retried on its own
    fireEvent.click(screen.getByRole('button', { name: 'Reload the latest version' }));
    expect(await screen.findByText('user_demo_max')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('shows the home page with the org and role the server reports', async () => {
    renderApp('/');
    expect(await screen.findByText('user_demo_max')).toBeTruthy();
    expect(await screen.findByText('Member')).toBeTruthy();
    const activeOrg = screen.getByText('Active organization').nextElementSibling;
    expect(activeOrg?.textContent).toBe('Acme Rockets (acme)');
    expect(await screen.findByText(/Nothing assigned to you is open/)).toBeTruthy();
    // Max is a member: no admin link.
    expect(screen.queryByRole('link', { name: 'Admin' })).toBeNull();
  });
});
