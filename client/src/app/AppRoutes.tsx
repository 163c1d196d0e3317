import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { AppLayout } from '../layout/AppLayout.tsx';
import { RequireSignedIn } from '../layout/RequireSignedIn.tsx';
import { RootShell } from '../layout/RootShell.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { SignInPage } from '../pages/SignInPage.tsx';

/*
 * Product screens load on first visit (AppLayout suspends around them): the initial bundle
 * stays the shell, auth and API client, and zod (the shared form schemas) comes with them.
 */
const HomePage = lazy(() => import('../pages/HomePage.tsx').then((m) => ({ default: m.HomePage })));
const ProjectsPage = lazy(() =>
  import('../projects/ProjectsPage.tsx').then((m) => ({ default: m.ProjectsPage })),
);
const BoardPage = lazy(() =>
  import('../board/BoardPage.tsx').then((m) => ({ default: m.BoardPage })),
);
const TaskDetailPage = lazy(() =>
  import('../tasks/TaskDetailPage.tsx').then((m) => ({ default: m.TaskDetailPage })),
);
const AdminPage = lazy(() =>
  import('../pages/AdminPage.tsx').then((m) => ({ default: m.AdminPage })),
);
const AdminOverview = lazy(() =>
  import('../pages/AdminPage.tsx').then((m) => ({ default: m.AdminOverview })),
);
const AuditLogPage = lazy(() =>
  import('../admin/AuditLogPage.tsx').then((m) => ({ default: m.AuditLogPage })),
);
const OrgSettingsPage = lazy(() =>
  import('../admin/OrgSettingsPage.tsx').then((m) => ({ default: m.OrgSettingsPage })),
);

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<RootShell />}>
        {/* `/*`: Clerk's <SignIn> routes its own steps under this path. */}
        <Route path="/sign-in/*" element={<SignInPage />} />
        <Route element={<RequireSignedIn />}>
          <Route element={<AppLayout />}>
            <Route index element={<HomePage />} />
            <Route path="projects" element={<ProjectsPage />} />
            <Route path="projects/:projectId" element={<BoardPage />} />
            <Route path="projects/:projectId/tasks/:taskId" element={<TaskDetailPage />} />
            <Route path="admin" element={<AdminPage />}>
              <Route index element={<AdminOverview />} />
              <Route path="audit" element={<AuditLogPage />} />
              <Route path="settings" element={<OrgSettingsPage />} />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Route>
    </Routes>
  );
}
