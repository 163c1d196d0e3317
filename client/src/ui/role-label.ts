import { ORG_ROLES } from '@tasklane/shared/roles';

/** `org:admin` → "Admin": Clerk's role keys are for code, people read names. */
export function roleLabel(role: string | null): string {
  if (role === ORG_ROLES.admin) return 'Admin';
  if (role === ORG_ROLES.member) return 'Member';
  return role ? role.replace(/^org:/, '') : 'No role';
}
