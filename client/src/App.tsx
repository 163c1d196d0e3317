import { useEffect, useState } from 'react';

/** Placeholder until the SPA lands: shows that the API answers. */
export function App() {
  const [status, setStatus] = useState('checking the API…');
  useEffect(() => {
    fetch('/trpc/health')
      .then((res) => res.json())
      .then((body) => setStatus(`API: ${body.result.data.status}`))
      .catch(() => setStatus('API unreachable'));
  }, []);
  return (
    <main>
      <h1>Tasklane</h1>
      <p>{status}</p>
    </main>
  );
}
