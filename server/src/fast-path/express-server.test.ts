import { createServer } from 'node:http';
import express, { type Express } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../test/http-server.ts';
import { expressServer } from './express-server.ts';

let running: Awaited<ReturnType<typeof listen>> | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Whether each request reached the server already on the app's own prototypes. */
function recordPrototypes(app: Express, server: ReturnType<typeof createServer>) {
  const seen: boolean[] = [];
  server.prependListener('request', (req, res) => {
    seen.push(
      Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response,
    );
  });
  return seen;
}

function helloApp(): Express {
  const app = express();
  app.get('/hello', (_req, res) => {
    res.json({ hello: true });
  });
  return app;
}

describe('expressServer', () => {
  it('builds each request and response on the app’s prototypes, so Express has none to set', async () => {
    const app = helloApp();
    const server = expressServer(app);
    const seen = recordPrototypes(app, server);
    running = await listen(server);
    for (let i = 0; i < 3; i++) await fetch(`${running.baseUrl}/hello`);
    expect(seen).toEqual([true, true, true]);
  });

  it('is a difference from stock Express, which sets them on every request', async () => {
    const app = helloApp();
    const server = createServer(app);
    const seen = recordPrototypes(app, server);
    running = await listen(server);
    await fetch(`${running.baseUrl}/hello`);
    expect(seen).toEqual([false]);
  });

  it('keeps what Express adds to requests and responses, sub-apps included', async () => {
    const app = express();
    app.locals.name = 'tasklane';
    const sub = express();
    // A sub-app's own request prototype: Express moves requests onto it and back.
    Object.assign(sub.request, { fromSub: () => 'sub' });
    sub.get('/where', (req, res) => {
      res.json({ sub: (req as unknown as { fromSub(): string }).fromSub(), app: req.app === sub });
    });
    app.use('/sub', sub);
    app.get('/echo', (req, res) => {
      res.locals.seen = true;
      res
        .status(201)
        .set('x-echo', req.get('x-in') ?? '')
        .json({
          query: req.query.q,
          ip: req.ip,
          path: req.path,
          app: req.app === app,
          name: req.app.locals.name,
          locals: res.locals.seen,
        });
    });
    // Not found in the sub-app: back in the app, on the app's prototype again.
    app.get('/sub/elsewhere', (req, res) => {
      res.json({ fromSub: 'fromSub' in req, app: req.app === app });
    });
    running = await listen(expressServer(app));

    const echo = await fetch(`${running.baseUrl}/echo?q=1`, { headers: { 'x-in': 'ok' } });
    expect(echo.status).toBe(201);
    expect(echo.headers.get('x-echo')).toBe('ok');
    expect(await echo.json()).toEqual({
      query: '1',
      ip: '127.0.0.1',
      path: '/echo',
      app: true,
      name: 'tasklane',
      locals: true,
    });
    const sub1 = await fetch(`${running.baseUrl}/sub/where`);
    expect(await sub1.json()).toEqual({ sub: 'sub', app: true });
    const after = await fetch(`${running.baseUrl}/sub/elsewhere`);
    expect(await after.json()).toEqual({ fromSub: false, app: true });
  });

  it('keeps req.app and the app’s own request properties when the served app is mounted in another', async () => {
    const inner = express();
    Object.assign(inner.request, { fromInner: () => 'inner' });
    inner.get('/who', (req, res) => {
      res.json({
        inner: req.app === inner,
        fromInner: (req as unknown as { fromInner(): string }).fromInner(),
      });
    });
    const served = await listen(expressServer(inner));
    const outer = express();
    outer.use('/inner', inner);
    running = await listen(outer);
    try {
      for (const url of [`${served.baseUrl}/who`, `${running.baseUrl}/inner/who`]) {
        expect(await (await fetch(url)).json()).toEqual({ inner: true, fromInner: 'inner' });
      }
    } finally {
      await served.close();
    }
  });

  it('an app served twice answers correctly on both servers', async () => {
    const app = express();
    app.get('/who', (req, res) => {
      res.json({ app: req.app === app, ip: req.ip });
    });
    const first = await listen(expressServer(app));
    running = await listen(expressServer(app));
    try {
      for (const base of [first.baseUrl, running.baseUrl]) {
        expect(await (await fetch(`${base}/who`)).json()).toEqual({ app: true, ip: '127.0.0.1' });
      }
    } finally {
      await first.close();
    }
  });
});
