import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../api/trpc.ts';

/** Members change rarely; one list serves every assignee picker and name on the page. */
const MEMBERS_STALE_MS = 5 * 60_000;

export function useOrgMembers() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.org.members.queryOptions(), staleTime: MEMBERS_STALE_MS });
}

/** `user_…` → the member's name; ids of people who left stay readable as ids. */
export function useMemberName(): (userId: string | null) => string {
  const members = useOrgMembers();
  return useCallback(
    (userId) => {
      if (userId === null) return 'Unassigned';
      return members.data?.find((m) => m.userId === userId)?.name ?? userId;
    },
    [members.data],
  );
}
