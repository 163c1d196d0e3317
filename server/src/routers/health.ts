import { publicProcedure } from '../trpc.ts';

/** Liveness over tRPC: answers without auth or database, so clients can check reachability. */
export const healthProcedure = publicProcedure.query(() => ({ status: 'ok' as const }));
