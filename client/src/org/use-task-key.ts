import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../api/trpc.ts';

/** Tasks are named `PREFIX-number` (e.g. ACME-12), with the organization's own prefix. */
export function useTaskKey(): (number: number) => string {
  const trpc = useTRPC();
  const org = useQuery(trpc.org.current.queryOptions());
  const prefix = org.data?.taskKeyPrefix;
  // Until the prefix is known, `#12` still tells tasks apart.
  return useCallback((number) => (prefix ? `${prefix}-${number}` : `#${number}`), [prefix]);
}
