import { fireEvent, screen, waitFor } from '@testing-library/react';
import { expect, it } from 'vitest';
import { DemoDomain } from '../test/demo-domain.ts';
import { FakeBackend } from '../test/fake-backend.ts';
import { renderApp } from '../test/render-app.tsx';

const entry = (id: number, action: string) => ({
  id,
  actorId: 'user_demo_ada',
  action,
  targetType: 'project',
  targetId: 'p',
  details: { name: `Project ${id}` },
  createdAt: '2026-01-01T00:00:00.000Z',
});

// Several renders and fetches: about 2 s on a busy CI machine; the timeout is a hang guard.
it('pages the audit log with "Load more" and filters it by action', {
  timeout: 30_000,
}, async () => {
  const backend = new FakeBackend().withSession('user_demo_ada');
  globalThis.fetch = backend.fetch as typeof fetch;
  new DemoDomain(backend, [], 'org:admin');
  backend.on('org.adminCheck', () => ({ data: { orgId: 'org_demo_acme', admin: true } }));
  const inputs: unknown[] = [];
  backend.on('admin.auditLog', ({ input }) => {
    inputs.push(input);
    const { cursor, action } = input as { cursor?: number; action?: string };
    if (action) return { data: { items: [entry(3, action)], nextCursor: null } };
    return cursor
      ? { data: { items: [entry(1, 'project.deleted')], nextCursor: null } }
      : { data: { items: [entry(3, 'project.archived')], nextCursor: 3 } };
  });
  renderApp('/admin/audit');

  // (Action names also label the filter's options: rows are found by their details.)
  expect(await screen.findByText('Project 3')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
  expect(await screen.findByText('Project 1')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  expect(inputs).toMatchObject([{ limit: 25 }, { limit: 25, cursor: 3 }]);
  expect(inputs[0]).not.toHaveProperty('cursor');

  fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'settings.updated' } });
  await waitFor(() => expect(screen.queryAllByRole('row')).toHaveLength(2)); // header, one match
  expect(screen.queryByText('Project 1')).toBeNull();
  expect(inputs.at(-1)).toMatchObject({ limit: 25, action: 'settings.updated' });
});
