import { useLocation } from 'react-router';
import { useAppAuth, useAuthUi } from '../auth/app-auth.ts';
import { returnPathFrom } from '../auth/return-path.ts';
import { Loading } from '../ui/Loading.tsx';

export function SignInPage() {
  const { isLoaded } = useAppAuth();
  const { SignIn } = useAuthUi();
  const location = useLocation();
  return (
    <main id="main" className="page page-narrow">
      <p className="app-name">Tasklane</p>
      {isLoaded ? (
        <SignIn returnTo={returnPathFrom(location.search)} />
      ) : (
        <Loading label="Loading sign-in…" />
      )}
    </main>
  );
}
