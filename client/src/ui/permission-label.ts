import { PERMISSIONS } from '@tasklane/shared/roles';

/** What each Clerk permission lets a person do, in their words. */
const LABELS: Record<string, string> = {
  [PERMISSIONS.tasksWrite]: 'Create projects and tasks, edit tasks, comment',
  [PERMISSIONS.projectsManage]: 'Archive and delete projects',
  [PERMISSIONS.tasksModerate]: "Delete anyone's task or comment",
  [PERMISSIONS.auditRead]: 'Read the audit log',
  [PERMISSIONS.settingsManage]: 'Change organization settings',
};

export function permissionLabel(permission: string): string {
  return LABELS[permission] ?? permission;
}
