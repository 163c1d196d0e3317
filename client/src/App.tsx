import { BrowserRouter } from 'react-router';
import { ApiProvider } from './api/ApiProvider.tsx';
import { AppRoutes } from './app/AppRoutes.tsx';
import { AuthProviderFor } from './app/AuthProviderFor.tsx';
import { useClientConfig } from './app/use-client-config.ts';
import { Loading } from './ui/Loading.tsx';

/** Start-up: ask the server which auth mode runs, then mount that mode, the API and routes. */
export function App() {
  const clientConfig = useClientConfig();
  if (clientConfig.status === 'loading') {
    return (
      <main className="boot">
        <h1 className="app-name">Tasklane</h1>
        {clientConfig.failures > 0 ? (
          <p role="status" className="banner">
            Can't reach Tasklane, retrying…
          </p>
        ) : (
          <Loading label="Starting Tasklane…" />
        )}
      </main>
    );
  }
  return (
    <BrowserRouter>
      <AuthProviderFor config={clientConfig.config}>
        <ApiProvider>
          <AppRoutes />
        </ApiProvider>
      </AuthProviderFor>
    </BrowserRouter>
  );
}
