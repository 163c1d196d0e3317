import net from 'node:net';

/**
 * Records every TCP connection the process opens to a host other than loopback. The
 * setup file traps `fetch`; this catches anything underneath it too (`http.request`,
 * `net.connect`, a library with its own client), so "never a request to the network"
 * does not depend on how a dependency reaches it.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function installSocketGuard() {
  const attempts: string[] = [];
  const original = net.Socket.prototype.connect;
  // biome-ignore lint/suspicious/noExplicitAny: Socket#connect has many overloads.
  net.Socket.prototype.connect = function guarded(this: net.Socket, ...args: any[]) {
    // net.connect() passes its normalized arguments as an array: [options, callback].
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    const host =
      typeof first === 'object' && first !== null
        ? first.path
          ? undefined
          : (first.host ?? 'localhost')
        : typeof first === 'number'
          ? (args[1] ?? 'localhost')
          : undefined;
    if (host !== undefined && !LOOPBACK.has(String(host))) {
      attempts.push(String(host));
      // Refuse it rather than let it out: the test fails on `attempts` either way.
      throw new Error(`connection to ${host} refused by the socket guard`);
    }
    return original.apply(this, args as Parameters<typeof original>);
  } as typeof original;
  return {
    /** Non-loopback hosts tried since the last call. */
    take: () => attempts.splice(0),
    restore: () => {
      net.Socket.prototype.connect = original;
    },
  };
}
