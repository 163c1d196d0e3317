import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { router } from '../trpc.ts';
import { adminRouter } from './admin.ts';
import { boardRouter } from './board.ts';
import { commentsRouter } from './comments.ts';
import { healthProcedure } from './health.ts';
import { meRouter } from './me.ts';
import { orgRouter } from './org.ts';
import { projectsRouter } from './projects.ts';
import { tasksRouter } from './tasks.ts';

export const appRouter = router({
  health: healthProcedure,
  me: meRouter,
  org: orgRouter,
  projects: projectsRouter,
  tasks: tasksRouter,
  comments: commentsRouter,
  admin: adminRouter,
  board: boardRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
