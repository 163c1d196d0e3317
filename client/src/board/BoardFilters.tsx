import { TASK_STATUS_LABELS, TASK_STATUSES } from '@tasklane/shared/tasks';
import { MemberOptions } from '../org/MemberOptions.tsx';
import type { TaskStatus } from '../tasks/task-types.ts';
import { FormField } from '../ui/FormField.tsx';
import type { BoardFilter } from './board-columns.ts';

const ALL = 'all';
const UNASSIGNED = 'unassigned';

/**
 * Narrows what the board shows. Filtering happens here, on the loaded tasks: the board has
 * them all anyway, and moves keep working on the one cached list.
 */
export function BoardFilters(props: {
  filter: BoardFilter;
  onFilterChange: (filter: BoardFilter) => void;
  status: TaskStatus | 'all';
  onStatusChange: (status: TaskStatus | 'all') => void;
}) {
  const assigneeValue =
    props.filter.assignee === null ? UNASSIGNED : (props.filter.assignee ?? ALL);
  return (
    <fieldset className="filters">
      <legend>Show</legend>
      <FormField label="Assignee">
        {(control) => (
          <select
            {...control}
            value={assigneeValue}
            onChange={(event) => {
              const value = event.target.value;
              props.onFilterChange({
                assignee: value === ALL ? 'all' : value === UNASSIGNED ? null : value,
              });
            }}
          >
            <option value={ALL}>Everyone</option>
            <option value={UNASSIGNED}>Unassigned</option>
            <MemberOptions />
          </select>
        )}
      </FormField>
      <FormField label="Status">
        {(control) => (
          <select
            {...control}
            value={props.status}
            onChange={(event) => props.onStatusChange(event.target.value as TaskStatus | 'all')}
          >
            <option value={ALL}>All columns</option>
            {TASK_STATUSES.map((status) => (
              <option key={status} value={status}>
                {TASK_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </fieldset>
  );
}
