/** What the client may import from the server: types only. */
export type { AppRouter, RouterInputs, RouterOutputs } from './routers/_app.ts';
