import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEMO_PROJECT, DemoDomain, PROJECT_ID } from '../test/demo-domain.ts';
import { FakeBackend } from '../test/fake-backend.ts';
import { renderApp } from '../test/render-app.tsx';

const project = { ...DEMO_PROJECT, openTaskCount: 3 };

function signedInAs(role: 'org:admin' | 'org:member') {
  const backend = new FakeBackend().withSession(
    role === 'org:admin' ? 'user_demo_ada' : 'user_demo_max',
  );
  globalThis.fetch = backend.fetch as typeof fetch;
  new DemoDomain(backend, [], role);
  backend.on('projects.list', ({ input }) => ({
    data: (input as { includeArchived?: boolean }).includeArchived
      ? [project, { ...project, id: 'archived', name: 'Old rocket', archivedAt: '2026-01-02' }]
      : [project],
  }));
  return backend;
}

const mainNav = () => screen.getByRole('navigation', { name: 'Main' });

describe('admin-only controls', () => {
  it('members see no admin buttons, toggle or navigation', async () => {
    signedInAs('org:member');
    renderApp('/projects');
    expect(await screen.findByText('Launch site')).toBeTruthy();
    expect(screen.getByText('3 open tasks')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rename Launch site' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Archive Launch site' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete Launch site' })).toBeNull();
    expect(screen.queryByLabelText('Show archived projects')).toBeNull();
    expect(within(mainNav()).getByRole('link', { name: 'Projects' })).toBeTruthy();
    expect(within(mainNav()).queryByRole('link', { name: 'Admin' })).toBeNull();
  });

  it('admins see archive, delete (asked twice) and archived projects', async () => {
    const backend = signedInAs('org:admin');
    backend.on('projects.delete', () => ({ data: { id: PROJECT_ID, deleted: true } }));
    renderApp('/projects');
    expect(await screen.findByRole('button', { name: 'Archive Launch site' })).toBeTruthy();
    expect(within(mainNav()).getByRole('link', { name: 'Admin' })).toBeTruthy();

    fireEvent.click(screen.getByLabelText('Show archived projects'));
    expect(await screen.findByText('Old rocket')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Restore Old rocket' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Delete Launch site' }));
    expect(backend.calls('projects.delete')).toBe(0);
    const confirm = screen.getByRole('button', { name: 'Delete project' });
    expect(document.activeElement).toBe(confirm);
    fireEvent.click(confirm);
    await waitFor(() => expect(backend.calls('projects.delete')).toBe(1));
  });

  it("a member who types an admin URL sees the server's 403 and no admin data is asked for", async () => {
    const backend = signedInAs('org:member');
    backend.on('org.adminCheck', () => ({
      error: { code: 'FORBIDDEN', message: 'Organization admins only.' },
    }));
    backend.on('admin.auditLog', () => ({ data: { items: [], nextCursor: null } }));
    renderApp('/admin/audit');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("You don't have access.");
    expect(alert.textContent).toContain('Organization admins only.');
    expect(backend.calls('admin.auditLog')).toBe(0);
  });

  it('shows the error of the last admin action, not an earlier one of the other', async () => {
    const backend = signedInAs('org:admin');
    backend.on('projects.archive', () => ({
      error: { code: 'INTERNAL_SERVER_ERROR', message: 'Archiving failed.' },
    }));
    backend.on('projects.delete', () => ({
      error: { code: 'BAD_REQUEST', message: 'Deleting failed.' },
    }));
    renderApp('/projects');
    fireEvent.click(await screen.findByRole('button', { name: 'Archive Launch site' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Archiving failed.');

    fireEvent.click(screen.getByRole('button', { name: 'Delete Launch site' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete project' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('Deleting failed.'),
    );
    expect(screen.getByRole('alert').textContent).not.toContain('Archiving failed.');
  });

  it('a refused admin action shows the server message (the server is the gate)', async () => {
    const backend = signedInAs('org:admin');
    backend.on('projects.archive', () => ({
      error: { code: 'FORBIDDEN', message: 'Organization admins only.' },
    }));
    renderApp('/projects');
    fireEvent.click(await screen.findByRole('button', { name: 'Archive Launch site' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Organization admins only.');
  });
});
