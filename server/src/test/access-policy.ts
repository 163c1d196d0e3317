import type { Gate } from '../trpc.ts';

/**
 * The reviewed access policy: every procedure of `appRouter` and the gate it must have.
 * The access-matrix test fails for a procedure missing here, a procedure whose meta
 * declares no gate or another gate, and any persona whose outcome does not match.
 */
export const ACCESS_POLICY: Record<string, Gate> = {
  health: 'public',
  'me.whoami': 'public',
  'me.session': 'protected',
  'org.current': 'org',
  'org.adminCheck': 'orgAdmin',
};
