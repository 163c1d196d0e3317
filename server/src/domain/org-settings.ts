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
  return orgSettingsFrom(org?.settings);
}

/** Made once: zod compiles a schema's parser on its first use (`tasks.create` reads the settings). */
const storedSettingsSchema = orgSettingsSchema.partial();

/** Settings from the stored JSON, defaults filled in. */
export function orgSettingsFrom(stored: unknown): OrgSettings {
  const parsed = storedSettingsSchema.safeParse(stored ?? {});
  return { ...DEFAULT_ORG_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}
