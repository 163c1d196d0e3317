import { ORG_ROLES } from '@tasklane/shared/roles';
import { useAppAuth } from '../auth/app-auth.ts';

/**
 * Whether to *show* admin controls. Only a convenience: every admin procedure is checked
 * by the server, and a refusal is shown as the server words it.
 */
export function useIsOrgAdmin(): boolean {
  return useAppAuth().orgRole === ORG_ROLES.admin;
}
