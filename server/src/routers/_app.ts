import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { router } from '../trpc.ts';
import { healthProcedure } from './health.ts';
import { meRouter } from './me.ts';
import { orgRouter } from './org.ts';

export const appRouter = router({
  health: healthProcedure,
  me: meRouter,
  org: orgRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
