/**
 * Ratios between scenarios of the same run: on a shared machine absolute figures drift,
 * ratios much less. Each is "numerator / denominator" with higher meaning the numerator's
 * stack is better: by req/s, numerator ÷ denominator; by CPU per request (the figure the
 * bars are held to, steadier on a busy machine), denominator ÷ numerator. `atLeast` is a
 * bar, reported and never asserted.
 */
export interface RatioSpec {
  label: string;
  /** `target`: the app's goals; `speed-up`: one speed-up's share, "app / app with it off". */
  kind: 'target' | 'speed-up' | 'info';
  numerator: string;
  denominator: string;
  atLeast?: number;
}

/**
 * A speed-up keeps its place when switching it off makes its scenario at least 10% dearer
 * in CPU per request.
 */
export const SPEED_UP_BAR = 1.1;

const speedUp = (label: string, numerator: string, denominator: string): RatioSpec => ({
  label,
  kind: 'speed-up',
  numerator,
  denominator,
  atLeast: SPEED_UP_BAR,
});

export const RATIOS: RatioSpec[] = [
  {
    label: 'me.session: app / auth off',
    kind: 'target',
    numerator: 'trpc.protected',
    denominator: 'trpc.noauth',
    atLeast: 0.85,
  },
  {
    label: 'me.session: app / stock stack (× cheaper, higher is better)',
    kind: 'target',
    numerator: 'trpc.protected',
    denominator: 'trpc.stock',
    atLeast: 5,
  },
  {
    label: 'tasks.list on PostgreSQL: app / auth off',
    kind: 'target',
    numerator: 'tasks.list.pg',
    denominator: 'tasks.list.pg.noauth',
    atLeast: 0.85,
  },
  {
    label: 'tasks.list on PostgreSQL: app with row-level security / without',
    kind: 'target',
    numerator: 'tasks.list.pg',
    denominator: 'tasks.list.pg.norls',
    atLeast: 0.9,
  },
  speedUp(
    'verdictCache (with authReuse, which needs it): me.session',
    'trpc.protected',
    'trpc.protected.noVerdictCache',
  ),
  speedUp(
    'verdictCache alone (authReuse off on both sides): me.session',
    'trpc.protected.noAuthReuse',
    'trpc.protected.noVerdictCache',
  ),
  speedUp('authReuse: me.session', 'trpc.protected', 'trpc.protected.noAuthReuse'),
  speedUp('signedOutReuse: signed-out/in mix', 'trpc.mixed', 'trpc.mixed.noSignedOutReuse'),
  speedUp('fetchAdapter: me.session', 'trpc.protected', 'trpc.protected.noFetchAdapter'),
  speedUp(
    'expressServer (vs http.createServer): me.session',
    'trpc.protected',
    'trpc.protected.createServer',
  ),
  {
    label: 'noise floor: me.session, app / the same app in another process',
    kind: 'info',
    numerator: 'trpc.protected',
    denominator: 'trpc.protected.again',
  },
  {
    label: 'tasks.list: PostgreSQL / PGlite',
    kind: 'info',
    numerator: 'tasks.list.pg',
    denominator: 'tasks.list',
  },
  {
    label: 'tasks.create: PostgreSQL / PGlite',
    kind: 'info',
    numerator: 'tasks.create.pg',
    denominator: 'tasks.create',
  },
];
