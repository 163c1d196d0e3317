import type { ClientConfig } from '@tasklane/shared';
import { useEffect, useState } from 'react';
import { retryDelayMs } from '../api/api-errors.ts';
import { fetchClientConfig } from './client-config.ts';

export type ClientConfigState =
  | { status: 'loading'; failures: number }
  | { status: 'ready'; config: ClientConfig };

/** The client configuration, asked again with growing delays until the server answers. */
export function useClientConfig(): ClientConfigState {
  const [state, setState] = useState<ClientConfigState>({ status: 'loading', failures: 0 });
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = (failures: number) => {
      fetchClientConfig().then(
        (config) => live && setState({ status: 'ready', config }),
        () => {
          if (!live) return;
          setState({ status: 'loading', failures: failures + 1 });
          timer = setTimeout(() => attempt(failures + 1), retryDelayMs(failures));
        },
      );
    };
    attempt(0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  return state;
}
