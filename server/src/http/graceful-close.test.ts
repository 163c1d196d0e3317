import { Agent, createServer, request, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { gracefulCloser } from './graceful-close.ts';

/** A server whose answers wait until `release()`; each request is counted as it arrives. */
async function startServer() {
  let release = () => {};
  let released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let arrived = 0;
  const server: Server = createServer((_req, res) => {
    arrived += 1;
    void released.then(() => res.end('done'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    arrived: () => arrived,
    release: () => release(),
    /** From now on, answers wait again. */
    hold: () => {
      released = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
  };
}

/** A GET through `agent`; resolves with the status, body and `Connection` header. */
function get(port: number, agent: Agent) {
  return new Promise<{ status: number; body: string; connection: string | undefined }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const agents: Agent[] = [];
/** A keep-alive agent that never closes an idle connection by itself. */
function keepAliveAgent() {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  agents.push(agent);
  return agent;
}

afterEach(() => {
  for (const agent of agents.splice(0)) agent.destroy();
});

describe('gracefulCloser', () => {
  it('answers the request in flight, then closes its keep-alive connection and resolves', async () => {
    const target = await startServer();
    const closer = gracefulCloser(target.server, { timeoutMs: 60_000, onTimeout: () => {} });
    const agent = keepAliveAgent();
    const inFlight = get(target.port, agent);
    await until(() => target.arrived() === 1);

    const closed = closer.close();
    expect(closer.closing).toBe(true);
    target.release();
    // Answered keep-alive (it arrived before closing started); the connection then goes
    // idle, and only the server can end it: this agent never would.
    expect(await inFlight).toMatchObject({ status: 200, body: 'done', connection: 'keep-alive' });
    await closed;
    expect(target.server.listening).toBe(false);
  });

  it('answers a request that arrives while closing with Connection: close', async () => {
    const target = await startServer();
    const closer = gracefulCloser(target.server, { timeoutMs: 60_000, onTimeout: () => {} });
    // A second request on the same connection, sent after closing started while the first
    // is still in flight (so the connection never goes idle in between).
    const socket = connect(target.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk;
    });
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('GET /1 HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => target.arrived() === 1);

    const closed = closer.close();
    socket.write('GET /2 HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => target.arrived() === 2);
    target.release();
    await ended;
    await closed;
    const answers = received.split('HTTP/1.1 200 OK').slice(1);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatch(/connection: keep-alive/i);
    expect(answers[1]).toMatch(/connection: close/i);
  });

  it('cuts off what is left after timeoutMs, saying so first', async () => {
    const target = await startServer();
    let timedOut = false;
    const closer = gracefulCloser(target.server, {
      timeoutMs: 50,
      onTimeout: () => {
        timedOut = true;
      },
    });
    const stuck = get(target.port, keepAliveAgent()).catch((error: Error) => error);
    await until(() => target.arrived() === 1);
    await closer.close();
    expect(timedOut).toBe(true);
    expect(await stuck).toBeInstanceOf(Error);
  });
});
