import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { DemoDomain, demoTask, PROJECT_ID, taskId } from '../test/demo-domain.ts';
import { FakeBackend } from '../test/fake-backend.ts';
import { renderApp } from '../test/render-app.tsx';

let backend: FakeBackend;
let domain: DemoDomain;

beforeEach(() => {
  backend = new FakeBackend().withSession('user_demo_max');
  globalThis.fetch = backend.fetch as typeof fetch;
  domain = new DemoDomain(backend, [
    demoTask(1, 'todo', 1024),
    demoTask(2, 'todo', 2048),
    demoTask(3, 'doing', 1024),
    demoTask(4, 'done', 1024),
  ]);
});

/** Card titles of a column, top to bottom. */
function titles(column: 'To do' | 'Doing' | 'Done') {
  const region = screen.getByRole('region', { name: new RegExp(`^${column} \\(`) });
  return within(region)
    .queryAllByRole('heading', { level: 3 })
    .map((heading) => heading.textContent);
}

const announcement = () =>
  screen.getAllByRole('status').find((el) => el.classList.contains('visually-hidden'))?.textContent;

/**
 * The board, loaded and live: the stream has started and the reload that follows a fresh
 * start (use-live-project.ts) is done, so tests count requests from a quiet board.
 */
async function openBoard() {
  renderApp(`/projects/${PROJECT_ID}`);
  await screen.findByRole('heading', { name: 'Launch site' });
  await screen.findByText('Task 1');
  await screen.findByRole('button', { name: 'Move ACME-1' }); // task keys use the org prefix
  await screen.findByText('Live');
  await waitFor(() => expect(backend.calls('tasks.list')).toBe(2));
}

function pressOnHandle(taskNumber: number, key: string) {
  const handle = screen.getByRole('button', { name: `Move ACME-${taskNumber}` });
  handle.focus();
  fireEvent.keyDown(handle, { key });
}

describe('board', () => {
  // Role queries are slow over hundreds of cards: this test reads the DOM directly.
  it('loads every page of a project with more than 100 tasks', { timeout: 30_000 }, async () => {
    domain.tasks = Array.from({ length: 205 }, (_, i) =>
      demoTask(i + 1, i % 2 ? 'doing' : 'todo', (i + 1) * 1024),
    );
    // The stream's start reloads the board: held back here, so the first load is counted alone.
    const releaseStream = backend.hold('board.events');
    const { container } = renderApp(`/projects/${PROJECT_ID}`);
    const cardsIn = (status: string) =>
      container.querySelectorAll(`[data-status="${status}"] [data-task-id]`);
    await waitFor(() => expect(container.querySelectorAll('[data-task-id]')).toHaveLength(205), {
      timeout: 20_000,
    });
    expect(backend.calls('tasks.list')).toBe(3);
    releaseStream();
    // The reload after the stream's start fetches every loaded page again.
    await waitFor(() => expect(backend.calls('tasks.list')).toBe(6), { timeout: 20_000 });
    expect(container.querySelectorAll('[data-task-id]')).toHaveLength(205);
    expect(cardsIn('todo')).toHaveLength(103);
    expect(cardsIn('doing')).toHaveLength(102);
    expect(cardsIn('todo')[102]?.textContent).toContain('Task 205');
    expect(container.textContent).not.toContain('Loading more tasks');
  });

  it('says so when a later page fails, instead of showing part of the board as all of it', {
    timeout: 30_000,
  }, async () => {
    domain.tasks = Array.from({ length: 150 }, (_, i) => demoTask(i + 1, 'todo', (i + 1) * 1024));
    const list = backend.trpc.get('tasks.list')!;
    let secondPageFails = true;
    backend.on('tasks.list', (call) =>
      secondPageFails && (call.input as { cursor?: number }).cursor
        ? { error: { code: 'INTERNAL_SERVER_ERROR', message: 'The database is unavailable.' } }
        : list(call),
    );
    const { container } = renderApp(`/projects/${PROJECT_ID}`);
    const alert = await screen.findByText(
      'Not every task could be loaded:',
      {},
      { timeout: 20_000 },
    );
    expect(container.querySelectorAll('[data-task-id]')).toHaveLength(100);
    expect(alert.closest('div')?.textContent).toContain('The database is unavailable.');

    secondPageFails = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(container.querySelectorAll('[data-task-id]')).toHaveLength(150), {
      timeout: 20_000,
    });
    expect(screen.queryByText('Not every task could be loaded:')).toBeNull();
  });

  it('moves a card with the keyboard at once, announces it, keeps focus, then saves it', async () => {
    await openBoard();
    const release = backend.hold('tasks.move');

    pressOnHandle(1, 'ArrowRight');

    // Optimistic: the card is in Doing before the server has answered.
    await waitFor(() => expect(titles('Doing')).toEqual(['Task 1', 'Task 3']));
    expect(titles('To do')).toEqual(['Task 2']);
    expect(announcement()).toBe('Moved ACME-1 to Doing, position 1 of 2.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move ACME-1' }));
    expect(domain.moves).toEqual([]);

    release();
    await waitFor(() =>
      expect(domain.moves).toEqual([
        // First in Doing: one step before Task 3 (1024).
        { taskId: taskId(1), version: 1, status: 'doing', position: 0 },
      ]),
    );
    expect(titles('Doing')).toEqual(['Task 1', 'Task 3']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('up and down reorder within a column at the midpoint of the new neighbours', async () => {
    await openBoard();
    pressOnHandle(2, 'ArrowUp');
    await waitFor(() => expect(titles('To do')).toEqual(['Task 2', 'Task 1']));
    await waitFor(() => expect(domain.moves).toHaveLength(1));
    expect(domain.moves[0]).toMatchObject({ status: 'todo', position: 0 });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move ACME-2' }));
  });

  it('after the server renumbers a column, plans the next move on the new positions', async () => {
    domain.renumberOnMove = true;
    await openBoard();
    const listed = backend.calls('tasks.list');
    pressOnHandle(2, 'ArrowUp');
    // Sent at 0 (before Task 1 at 1024); the server renumbers: Task 2 1024, Task 1 2048.
    await waitFor(() => expect(domain.moves).toHaveLength(1));
    expect(domain.moves[0]).toMatchObject({ position: 0 });
    await waitFor(() => expect(backend.calls('tasks.list')).toBe(listed + 1));
    await waitFor(() => expect(titles('To do')).toEqual(['Task 2', 'Task 1']));

    pressOnHandle(2, 'ArrowDown');
    await waitFor(() => expect(domain.moves).toHaveLength(2));
    // After Task 1 as the server has it (2048), not as the board had it before (1024).
    expect(domain.moves[1]).toMatchObject({ status: 'todo', position: 3072 });
  });

  it('sends quick successive moves one at a time, each with the version the last produced', async () => {
    await openBoard();
    const release = backend.hold('tasks.move');
    pressOnHandle(1, 'ArrowRight');
    await waitFor(() => expect(titles('Doing')).toContain('Task 1'));
    pressOnHandle(1, 'ArrowRight');
    await waitFor(() => expect(titles('Done')).toContain('Task 1'));

    release();
    await waitFor(() => expect(domain.moves).toHaveLength(2));
    expect(domain.moves.map(({ version, status }) => ({ version, status }))).toEqual([
      { version: 1, status: 'doing' },
      { version: 2, status: 'done' },
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('puts the card back when the server refuses the move, and says why', async () => {
    await openBoard();
    backend.on('tasks.move', () => ({
      error: { code: 'INTERNAL_SERVER_ERROR', message: 'The database is unavailable.' },
    }));
    const release = backend.hold('tasks.move');
    pressOnHandle(1, 'ArrowRight');
    await waitFor(() => expect(titles('Doing')).toEqual(['Task 1', 'Task 3']));

    release();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The database is unavailable.');
    expect(titles('To do')).toEqual(['Task 1', 'Task 2']);
    expect(titles('Doing')).toEqual(['Task 3']);
    expect(announcement()).toBe('ACME-1 was put back: The database is unavailable.');
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move ACME-1' })),
    );
  });

  it('CONFLICT: rolls back, offers a reload, and ends with what the server has', async () => {
    await openBoard();
    // Someone else moved task 1 to Done meanwhile: the board still shows version 1 in To do.
    domain.movedElsewhere(1, 'done', 2048);

    pressOnHandle(1, 'ArrowRight');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Someone else changed this task');
    expect(domain.moves).toEqual([{ taskId: taskId(1), version: 1, status: 'doing', position: 0 }]);
    // The refused move is undone and the board refetched: the card is where the server says.
    await waitFor(() => expect(titles('Done')).toEqual(['Task 4', 'Task 1']));
    expect(titles('Doing')).toEqual(['Task 3']);

    fireEvent.click(screen.getByRole('button', { name: 'Reload the latest version' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());

    // The next move carries the server's version and goes through.
    pressOnHandle(1, 'ArrowLeft');
    await waitFor(() => expect(domain.moves).toHaveLength(2));
    expect(domain.moves[1]).toMatchObject({ version: 2, status: 'doing' });
    await waitFor(() => expect(titles('Doing')).toEqual(['Task 3', 'Task 1']));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('moves a card by drag and drop', async () => {
    await openBoard();
    const data = new Map<string, string>();
    const dataTransfer = {
      get types() {
        return [...data.keys()];
      },
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
      effectAllowed: 'all',
      dropEffect: 'none',
    };
    const card = screen.getByText('Task 1').closest('article')!;
    const doneList = screen.getByRole('list', { name: 'Done tasks' });

    fireEvent.dragStart(card, { dataTransfer });
    fireEvent.dragOver(doneList, { dataTransfer });
    fireEvent.drop(doneList, { dataTransfer, clientY: 9999 });

    await waitFor(() => expect(titles('Done')).toEqual(['Task 4', 'Task 1']));
    await waitFor(() => expect(domain.moves).toHaveLength(1));
    expect(domain.moves[0]).toMatchObject({ status: 'done', position: 2048 });
  });
});
