import { describe, expect, it } from 'vitest';
import type { Task } from '../tasks/task-types.ts';
import { demoTask } from '../test/demo-domain.ts';
import { boardColumns, planMove } from './board-columns.ts';
import { keyboardMoveTarget } from './keyboard-move.ts';

/** A task with a readable id ("t1"), numbered by the digits in it. */
function task(id: string, status: Task['status'], position: number): Task {
  return { ...demoTask(Number(id.replace(/\D/g, '')) || 1, status, position), id };
}

const columns = boardColumns([
  task('t1', 'todo', 1024),
  task('t2', 'todo', 2048),
  task('t3', 'todo', 3072),
  task('d1', 'doing', 1024),
]);

/** The column the task would end in, after the move is applied and re-sorted. */
function orderAfter(taskId: string, direction: 'left' | 'right' | 'up' | 'down') {
  const target = keyboardMoveTarget(columns, taskId, direction);
  if (!target) return null;
  const move = planMove(columns, taskId, target.status, target.index);
  const all = Object.values(columns)
    .flat()
    .map((t) => (t.id === taskId ? { ...t, status: move.status, position: move.position } : t));
  return boardColumns(all)[move.status].map((t) => t.id);
}

describe('keyboard moves', () => {
  it('up and down swap with the neighbour', () => {
    expect(orderAfter('t2', 'up')).toEqual(['t2', 't1', 't3']);
    expect(orderAfter('t2', 'down')).toEqual(['t1', 't3', 't2']);
    expect(orderAfter('t1', 'down')).toEqual(['t2', 't1', 't3']);
  });

  it('left and right keep the row when the next column is long enough, else go to its end', () => {
    expect(orderAfter('t1', 'right')).toEqual(['t1', 'd1']);
    expect(orderAfter('t3', 'right')).toEqual(['d1', 't3']);
    expect(orderAfter('d1', 'left')).toEqual(['d1', 't1', 't2', 't3']);
    expect(orderAfter('d1', 'right')).toEqual(['d1']);
  });

  it('does nothing at the edges of the board', () => {
    expect(keyboardMoveTarget(columns, 't1', 'up')).toBeNull();
    expect(keyboardMoveTarget(columns, 't3', 'down')).toBeNull();
    expect(keyboardMoveTarget(columns, 't1', 'left')).toBeNull();
    expect(keyboardMoveTarget(columns, 'missing', 'right')).toBeNull();
  });
});
