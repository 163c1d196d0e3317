import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

/**
 * Values that break naive code: bounds of every schema (strings, ints, int4, safe
 * integers, positions, dates), encodings Postgres refuses (NUL, lone surrogates), injection
 * strings, prototype keys, wrong types. The fuzz puts them into otherwise valid inputs.
 */
const BOUNDARY_STRINGS = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFFx',
  '\u202Eevil',
  '😀'.repeat(60),
  "'; drop table tasks; --",
  '%00%27',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe on purpose.
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '0000000-0000-0000-0000-000000000000',
  'user_',
  `user_${'a'.repeat(59)}`,
  `user_${'a'.repeat(60)}`,
  'user_nobody_here',
  'org_demo_acme',
  '0000-01-01',
  '0001-01-01',
  '1970-01-01',
  '2024-02-29',
  '2023-02-29',
  '9999-12-31',
  '+10000-01-01',
  'AB',
  'ABCDEF',
  'ABCDEFG',
  'a'.repeat(100),
  'a'.repeat(101),
  'a'.repeat(200),
  'a'.repeat(201),
  'a'.repeat(5001),
  'x'.repeat(10_001),
  'todo',
  'archived',
];

const BOUNDARY_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  365,
  366,
  100,
  101,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 53 - 1,
  2 ** 53,
  -(2 ** 53),
  1e12,
  1e12 + 1,
  -1e12,
  Number.MIN_VALUE,
  Number.MAX_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

const ODD_VALUES = [null, undefined, true, false, [], {}, [1], { a: 1 }, { __proto__: { x: 1 } }];

/** One hostile value for an input field; `ids` are real row ids worth mixing in. */
export function hostileValue(ids: string[]) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...BOUNDARY_STRINGS) },
    { weight: 3, arbitrary: fc.constantFrom(...BOUNDARY_NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_VALUES) },
    { weight: 2, arbitrary: fc.constantFrom(...ids, randomUUID()) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  );
}
