import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** In development the API runs on its own port; Vite proxies the server's paths to it. */
const apiTarget = process.env.TASKLANE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/trpc': apiTarget,
      '/api': apiTarget,
      '/auth': apiTarget,
    },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
