import { useState } from 'react';
import { Link } from 'react-router';
import type { Project } from '../tasks/task-types.ts';
import { ProjectAdminActions } from './ProjectAdminActions.tsx';
import { ProjectRenameForm } from './ProjectRenameForm.tsx';
import { useRenameDraft } from './rename-draft.ts';

const openTasks = (count: number) => (count === 1 ? '1 open task' : `${count} open tasks`);

/** A project in the list: its board link and open count, rename, and admin actions. */
export function ProjectRow(props: {
  project: Project;
  isAdmin: boolean;
  onAdminDone: (message: string) => void;
}) {
  const { project } = props;
  // A rename left half-typed (the session ended mid-way) opens again with its draft.
  const renameDraft = useRenameDraft(project.id);
  const [renaming, setRenaming] = useState(() => renameDraft.restored !== undefined);
  return (
    <li className="project-row">
      {renaming ? (
        <ProjectRenameForm project={project} onDone={() => setRenaming(false)} />
      ) : (
        <>
          <div className="project-summary">
            <Link to={`/projects/${project.id}`} className="project-name">
              {project.name}
            </Link>
            {project.archivedAt && <span className="badge">Archived</span>}
            <span className="muted">{openTasks(project.openTaskCount)}</span>
          </div>
          <div className="row-actions">
            <button
              type="button"
              onClick={() => setRenaming(true)}
              aria-label={`Rename ${project.name}`}
            >
              Rename
            </button>
            {props.isAdmin && <ProjectAdminActions project={project} onDone={props.onAdminDone} />}
          </div>
        </>
      )}
    </li>
  );
}
