import { createServer } from 'node:http';

/**
 * What the scale tests ask of the script that started the cluster, over loopback HTTP:
 *   GET  /cluster               → { nginxUrl, accessLog, databaseUrl, dataDir, instances }
 *   POST /instances/<i>/kill    → kill -9 instance i, once it is gone: its description
 *   POST /instances/<i>/start   → start instance i again on its port, once ready
 * An instance is { index, port, pid, url, alive }.
 */
export async function startControlServer({ cluster, instances }) {
  const describeCluster = () => ({
    ...cluster,
    instances: instances.map((instance) => instance.describe()),
  });
  const server = createServer(async (req, res) => {
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.method === 'GET' && req.url === '/cluster') return reply(200, describeCluster());
      const match = /^\/instances\/(\d+)\/(kill|start)$/.exec(req.url ?? '');
      const instance = match && instances[Number(match[1])];
      if (req.method !== 'POST' || !instance) return reply(404, { error: 'no such action' });
      return reply(200, match[2] === 'kill' ? await instance.kill() : await instance.start());
    } catch (error) {
      reply(500, { error: error instanceof Error ? error.message : String(error) });
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
