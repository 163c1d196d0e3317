/**
 * Tasklane's API types for TypeScript projects outside this repository: `AppRouter`,
 * `RouterInputs`, `RouterOutputs`, as the client sees them. Their declarations import nothing
 * but `@trpc/server`. See examples/typed-client/README.md.
 *
 * Built by `npm run build:api-types` into server/types-dist/ (package @tasklane/api-types);
 * nothing here runs. The server's own `AppRouter` (routers/_app.ts) carries its context
 * (Clerk's auth object, the drizzle database) and its procedures' meta, so its declarations
 * pull in the whole server and its packages. A client needs only each procedure's input and
 * output, the error shape and whether there is a transformer: the router below keeps those.
 * Its type is inferred from an expression on purpose: TypeScript writes an inferred type's
 * declaration out in full, while a type alias would be written as a reference to the server.
 */
import type {
  AnyTRPCProcedure,
  AnyTRPCRouter,
  inferRouterInputs,
  inferRouterOutputs,
  TRPCBuiltRouter,
  TRPCMutationProcedure,
  TRPCQueryProcedure,
  TRPCSubscriptionProcedure,
} from '@trpc/server';
import type { AppRouter as ServerRouter } from './routers/_app.ts';

/** A procedure as a client sees it: input, output and error shape; its meta is dropped. */
type ClientProcedure<P extends AnyTRPCProcedure> =
  P extends TRPCQueryProcedure<infer D>
    ? TRPCQueryProcedure<{
        input: D['input'];
        output: D['output'];
        errorShape: D['errorShape'];
        meta: object;
      }>
    : P extends TRPCMutationProcedure<infer D>
      ? TRPCMutationProcedure<{
          input: D['input'];
          output: D['output'];
          errorShape: D['errorShape'];
          meta: object;
        }>
      : P extends TRPCSubscriptionProcedure<infer D>
        ? TRPCSubscriptionProcedure<{
            input: D['input'];
            output: ClientStream<D['output']>;
            errorShape: D['errorShape'];
            meta: object;
          }>
        : never;

/**
 * A subscription's output, its events written out in full: `tracked()` events reach the
 * client as `{ id, data }` (tRPC's TrackedData, which `@trpc/server` does not export).
 */
type ClientStream<O> =
  O extends AsyncIterable<infer Y, infer R, infer N>
    ? AsyncIterable<
        Y extends { id: string; data: infer D } ? { id: string; data: Plain<D> } : Plain<Y>,
        R,
        N
      >
    : O;

/** Each member of a union as a plain object type, so none is written as a reference to the server. */
type Plain<T> = T extends object ? { [K in keyof T]: T[K] } : T;

/**
 * Every procedure of a router record, nested records too. The mapped type sits in a
 * conditional so that it has no alias name: its declaration is then written out in full.
 */
type ClientRecord<R> = R extends object
  ? {
      [K in keyof R]: R[K] extends AnyTRPCProcedure ? ClientProcedure<R[K]> : ClientRecord<R[K]>;
    }
  : never;

/** The router with no context and no meta: what `createTRPCClient` needs, nothing more. */
declare function forClients<R extends AnyTRPCRouter>(
  router: R,
): TRPCBuiltRouter<
  {
    ctx: object;
    meta: object;
    errorShape: R['_def']['_config']['$types']['errorShape'];
    transformer: R['_def']['_config']['$types']['transformer'];
  },
  ClientRecord<R['_def']['record']>
>;
declare const serverRouter: ServerRouter;
const clientRouter = forClients(serverRouter);

export type AppRouter = typeof clientRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
