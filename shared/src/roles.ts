/**
 * Organization roles and permissions, named exactly as Clerk names them
 * (`org:<role>`, `org:<feature>:<permission>`), so the same strings work with
 * `auth.has({ role })` / `auth.has({ permission })` in both auth modes.
 */

export const ORG_ROLES = {
  admin: 'org:admin',
  member: 'org:member',
} as const;

export type OrgRole = (typeof ORG_ROLES)[keyof typeof ORG_ROLES];

export const PERMISSIONS = {
  /** Create and rename projects, create and edit tasks, comment. */
  tasksWrite: 'org:tasks:write',
  /** Archive and delete projects. */
  projectsManage: 'org:projects:manage',
  /** Delete anyone's task or comment. */
  tasksModerate: 'org:tasks:moderate',
  /** Read the audit log. */
  auditRead: 'org:audit:read',
  /** Change organization settings. */
  settingsManage: 'org:settings:manage',
} as const;

export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

/**
 * What each role may do. In Clerk mode the same mapping is configured in the
 * Clerk dashboard (Roles & Permissions); in local mode the token minter encodes
 * it into the session token, so `orgPermissions` is filled exactly as by Clerk.
 */
export const ROLE_PERMISSIONS: Record<OrgRole, readonly Permission[]> = {
  'org:admin': Object.values(PERMISSIONS),
  'org:member': [PERMISSIONS.tasksWrite],
};

export function isOrgRole(value: unknown): value is OrgRole {
  return value === ORG_ROLES.admin || value === ORG_ROLES.member;
}
