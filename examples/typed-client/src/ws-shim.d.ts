/**
 * Only for `skipLibCheck: false`. @trpc/client's declarations import the server's WebSocket
 * adapter types, which `import ws from 'ws'` and use `ws.WebSocket`: @types/ws has no such
 * member for ES modules, and without it the module is missing. A client over HTTP never
 * uses these types, so this stands in for them. Not needed with `skipLibCheck: true`.
 */
declare module 'ws' {
  namespace ws {
    type WebSocket = unknown;
    type WebSocketServer = unknown;
  }
  const ws: unknown;
  export default ws;
}
