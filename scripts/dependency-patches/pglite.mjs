/**
 * PGlite 0.5.16: a fix to result parsing. Results stay exactly as they were; the fix only
 * stops needless allocation, which was most of PGlite's JavaScript cost of reading rows.
 *
 * `BufferReader.bytes()` copied every field of every row into a fresh `ArrayBuffer`
 * (`buffer.slice`) just to decode it as text once. A view over the same bytes decodes the
 * same. Every caller decodes (or copies) at once, before the parser reuses its buffer.
 *
 * (A second fix, to `parseResults()` spreading all ~320 of the instance's parsers into a new
 * object for every query with its own parsers, went when the app stopped calling PGlite's
 * `query()`: see server/src/db/pglite-pg-connection.ts. Every reply still goes through this
 * parser.)
 *
 * Upstream: electric-sql/pglite, `packages/pg-protocol/src/buffer-reader.ts`. Behaviour is
 * checked by `server/src/db/pglite-patch.test.ts`.
 */
export default {
  name: '@electric-sql/pglite',
  version: '0.5.16',
  fixes: [
    {
      name: 'field bytes are a view, not a copy (ESM)',
      file: 'dist/chunk-Y6PULSM7.js',
      before:
        'bytes(t){let n=r(this,x).buffer.slice(r(this,w),r(this,w)+t);return d(this,w,r(this,w)+t),new Uint8Array(n)}',
      after:
        'bytes(t){let n=new Uint8Array(r(this,x).buffer,r(this,w),t);return d(this,w,r(this,w)+t),n}',
    },
    {
      name: 'field bytes are a view, not a copy (CommonJS)',
      file: 'dist/index.cjs',
      before:
        'bytes(t){let r=c(this,he).buffer.slice(c(this,j),c(this,j)+t);return y(this,j,c(this,j)+t),new Uint8Array(r)}',
      after:
        'bytes(t){let r=new Uint8Array(c(this,he).buffer,c(this,j),t);return y(this,j,c(this,j)+t),r}',
    },
  ],
};
