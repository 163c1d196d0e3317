/**
 * @trpc/server 11.22.1: four fixes on every call's path. Checked by
 * `server/src/trpc-object-spread.test.ts`, `server/src/trpc-call-signal.test.ts` and
 * `server/src/trpc-request-signal.test.ts`.
 *
 * 1. Object spreads through `Object.assign`. tRPC's build turns every `{ ...a, ...b }` in its
 *    source into calls of the `_objectSpread2` helper, which copies each property through
 *    `Object.keys`, a closure and `Object.defineProperty`. It runs for every call of every
 *    procedure (options and context at each middleware, each result item) and was tRPC's
 *    largest cost in the profile: a tenth of a batch's CPU time. `Object.assign` copies the
 *    same own enumerable properties (symbols included, in the same order) in one native step.
 *    The two differ only where `Object.assign` *sets* what a spread *defines*: a setter on the
 *    target, or a source's own `__proto__` key (JSON input can carry one). Every target in
 *    tRPC's output is a fresh object literal without accessors; a source that owns
 *    `__proto__` still goes through the original helper (now `_objectSpread2Exact`).
 *
 * 2. No signal of its own for each query and mutation. `resolveResponse` gave every call of a
 *    request a new `AbortController` and `AbortSignal.any([requestSignal, thatController])`,
 *    but aborts that controller only for subscriptions; for queries and mutations the combined
 *    signal aborts exactly when the request's does, with its reason. On Node 20 each
 *    `AbortSignal.any` holds its sources through `WeakRef`s, which V8 keeps alive through
 *    every young-generation GC: each call's signals were promoted, and the batch of 10's p99
 *    was mostly GC pauses. Queries and mutations now get the request-level signal that
 *    tRPC already made (see 3 for what that one is); subscriptions keep their own controller
 *    (tRPC ends them with it). The one difference a procedure could notice: the calls of one
 *    batch share one signal object.
 *
 * 3. No combined signal for a request whose answer is not streamed. The signal that (2) hands
 *    to queries and mutations was itself `AbortSignal.any([requestSignal, bodyCancelled])`,
 *    made for every request. tRPC aborts `bodyCancelled` only when the client cancels a
 *    streamed body: a JSON-lines batch (`trpc-accept: application/jsonl`) or a subscription's
 *    event stream. Every other answer is built whole, so the combined signal aborts exactly
 *    when the request's does: those requests now hand out the request's signal itself, and
 *    streamed ones keep the combined signal. It was about 4% of a protected query's CPU
 *    time, plus the `WeakRef` promotion described in (2).
 *
 * 4. The node-http adapter's `Request` no longer makes undici follow its abort signal.
 *    `incomingMessageToRequest()` makes an `AbortController` that aborts when the client goes
 *    away, and passed its signal to `new Request(url, { signal })`. Given a signal, undici's
 *    `Request` makes a `WeakRef` to an `AbortController` of its own, registers it with a
 *    `FinalizationRegistry`, raises the signal's listener limit and listens to it, so that
 *    its own `request.signal` follows: for every request. As in (2), those `WeakRef`s kept
 *    each request's objects alive through young-generation GCs. The `Request` is now made
 *    without `signal`, and its `signal` property is the adapter's signal itself: tRPC reads
 *    `req.signal`, and it aborts exactly when it did, when the client goes away before the
 *    answer is written. What differs: undici's internal signal no longer follows, which only
 *    `request.clone()` or passing the request on to `fetch()` would see; tRPC does neither.
 */
const spreadBefore = [
  'function _objectSpread2(e) {',
  '\tfor (var r = 1; r < arguments.length; r++) {',
  '\t\tvar t = null != arguments[r] ? arguments[r] : {};',
  '',
].join('\n');

const spreadAfter = [
  'function _objectSpread2(e) {',
  '\t// Patched by tasklane/scripts/dependency-patches/trpc-server.mjs: see there.',
  '\tfor (var r = 1; r < arguments.length; r++) {',
  '\t\tvar t = arguments[r];',
  '\t\tif (t == null) continue;',
  '\t\tif (Object.prototype.hasOwnProperty.call(t, "__proto__")) _objectSpread2Exact(e, t);',
  '\t\telse Object.assign(e, t);',
  '\t}',
  '\treturn e;',
  '}',
  'function _objectSpread2Exact(e) {',
  '\tfor (var r = 1; r < arguments.length; r++) {',
  '\t\tvar t = null != arguments[r] ? arguments[r] : {};',
  '',
].join('\n');

const callSignalBefore = '\t\t\tconst combinedAbort = combinedAbortController(callSignal);\n';
const callSignalAfter = [
  '\t\t\t// Patched by tasklane/scripts/dependency-patches/trpc-server.mjs: see there.',
  '\t\t\tconst combinedAbort = (proc === null || proc === void 0 ? void 0 : proc._def.type) === "subscription" ? combinedAbortController(callSignal) : { signal: callSignal };',
  '',
].join('\n');

const requestSignalBefore = (anyOf) =>
  `\t\tconst callSignal = ${anyOf}([opts.req.signal, bodyCancelled.signal]);\n`;
const requestSignalAfter = (anyOf) =>
  [
    '\t\t// Patched by tasklane/scripts/dependency-patches/trpc-server.mjs: see there.',
    `\t\tconst callSignal = isStreamCall || info.type === "subscription" ? ${anyOf}([opts.req.signal, bodyCancelled.signal]) : opts.req.signal;`,
    '',
  ].join('\n');

const adapterSignalBefore = [
  '\t\tmethod: req.method,',
  '\t\tsignal: ac.signal',
  '\t};',
  '\tif (req.method !== "GET" && req.method !== "HEAD") {',
  '\t\tinit.body = createBody(req, opts);',
  '\t\tinit.duplex = "half";',
  '\t}',
  '\treturn new Request(url, init);',
  '',
].join('\n');
const adapterSignalAfter = [
  '\t\tmethod: req.method',
  '\t};',
  '\tif (req.method !== "GET" && req.method !== "HEAD") {',
  '\t\tinit.body = createBody(req, opts);',
  '\t\tinit.duplex = "half";',
  '\t}',
  '\t// Patched by tasklane/scripts/dependency-patches/trpc-server.mjs: see there.',
  '\tconst request = new Request(url, init);',
  '\tObject.defineProperty(request, "signal", { value: ac.signal, configurable: true });',
  '\treturn request;',
  '',
].join('\n');

export default {
  name: '@trpc/server',
  version: '11.22.1',
  fixes: [
    {
      name: 'object spreads through Object.assign (ESM)',
      file: 'dist/getErrorShape-zlj81BiC.mjs',
      before: spreadBefore,
      after: spreadAfter,
    },
    {
      name: 'object spreads through Object.assign (CommonJS)',
      file: 'dist/getErrorShape-hncV8cPE.cjs',
      before: spreadBefore,
      after: spreadAfter,
    },
    {
      name: "queries and mutations use the request's signal (ESM)",
      file: 'dist/resolveResponse-DH5L33sC.mjs',
      before: callSignalBefore,
      after: callSignalAfter,
    },
    {
      name: "queries and mutations use the request's signal (CommonJS)",
      file: 'dist/resolveResponse-b9D_SrLs.cjs',
      before: callSignalBefore,
      after: callSignalAfter,
    },
    {
      name: 'answers built whole use the request signal itself (ESM)',
      file: 'dist/resolveResponse-DH5L33sC.mjs',
      before: requestSignalBefore('abortSignalsAnyPonyfill'),
      after: requestSignalAfter('abortSignalsAnyPonyfill'),
    },
    {
      name: 'answers built whole use the request signal itself (CommonJS)',
      file: 'dist/resolveResponse-b9D_SrLs.cjs',
      before: requestSignalBefore('require_codes.abortSignalsAnyPonyfill'),
      after: requestSignalAfter('require_codes.abortSignalsAnyPonyfill'),
    },
    {
      name: "the node-http adapter's Request carries its signal without undici following it (ESM)",
      file: 'dist/node-http-B5jkpWn7.mjs',
      before: adapterSignalBefore,
      after: adapterSignalAfter,
    },
    {
      name: "the node-http adapter's Request carries its signal without undici following it (CommonJS)",
      file: 'dist/node-http-BZ0HlzkC.cjs',
      before: adapterSignalBefore,
      after: adapterSignalAfter,
    },
  ],
};
