import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useLocation } from 'react-router';
import { useTRPC } from '../api/trpc.ts';
import { useIsOrgAdmin } from '../org/use-is-org-admin.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { ProjectCreateForm } from './ProjectCreateForm.tsx';
import { ProjectRow } from './ProjectRow.tsx';

/**
 * The organization's projects. Admins also archive, restore and delete, and see archived ones.
 * A page that sends the user here can leave a `notice` in the location's state (a board
 * whose project was deleted says so).
 */
export function ProjectsPage() {
  const location = useLocation();
  const trpc = useTRPC();
  const isAdmin = useIsOrgAdmin();
  const archivedToggleId = useId();
  const [showArchived, setShowArchived] = useState(false);
  const includeArchived = isAdmin && showArchived;
  const projects = useQuery(trpc.projects.list.queryOptions({ includeArchived }));
  const [message, setMessage] = useState(
    () => (location.state as { notice?: string } | null)?.notice ?? '',
  );

  return (
    <>
      <h1>Projects</h1>
      <ProjectCreateForm onCreated={(name) => setMessage(`Created ${name}.`)} />
      <p role="status" className="muted">
        {message}
      </p>
      <section className="card" aria-labelledby="project-list-title">
        <div className="section-header">
          <h2 id="project-list-title">All projects</h2>
          {isAdmin && (
            <label htmlFor={archivedToggleId} className="checkbox">
              <input
                id={archivedToggleId}
                type="checkbox"
                checked={showArchived}
                onChange={(event) => setShowArchived(event.target.checked)}
              />
              Show archived projects
            </label>
          )}
        </div>
        {projects.isPending ? (
          <Loading label="Loading projects…" />
        ) : projects.isError ? (
          <ApiErrorNotice error={projects.error} onRetry={() => projects.refetch()} />
        ) : projects.data.length === 0 ? (
          <p className="empty">No projects yet. Create the first one above.</p>
        ) : (
          <ul className="project-list">
            {projects.data.map((project) => (
              <ProjectRow
                key={project.id}
                project={project}
                isAdmin={isAdmin}
                onAdminDone={setMessage}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
