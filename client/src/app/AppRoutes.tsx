import { Route, Routes } from 'react-router';
import { AppLayout } from '../layout/AppLayout.tsx';
import { RequireSignedIn } from '../layout/RequireSignedIn.tsx';
import { RootShell } from '../layout/RootShell.tsx';
import { AdminPage } from '../pages/AdminPage.tsx';
import { HomePage } from '../pages/HomePage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { SignInPage } from '../pages/SignInPage.tsx';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<RootShell />}>
        {/* `/*`: Clerk's <SignIn> routes its own steps under this path. */}
        <Route path="/sign-in/*" element={<SignInPage />} />
        <Route element={<RequireSignedIn />}>
          <Route element={<AppLayout />}>
            <Route index element={<HomePage />} />
            <Route path="admin" element={<AdminPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Route>
    </Routes>
  );
}
