import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { ApiProvider } from '../api/ApiProvider.tsx';
import { AppRoutes } from '../app/AppRoutes.tsx';
import { LocalAuthProvider } from '../auth/local/LocalAuthProvider.tsx';

/** The whole routed app in local mode at `path`, against whatever `fetch` the test set. */
export function renderApp(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <LocalAuthProvider>
        <ApiProvider retryDelay={() => 10}>
          <AppRoutes />
        </ApiProvider>
      </LocalAuthProvider>
    </MemoryRouter>,
  );
}
