import { DEFAULT_ORG_SETTINGS, type OrgSettings, orgSettingsSchema } from '@tasklane/shared';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/database.ts';
import { organizations } from '../db/schema.ts';

/** The organization's settings, defaults filled in for anything unset or no longer valid. */
export async function readOrgSettings(db: DbOrTx, orgId: string): Promise<OrgSettings> {
  const [org] = await db
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const parsed = orgSettingsSchema.partial().safeParse(org?.settings ?? {});
  return { ...DEFAULT_ORG_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}
