import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves dist/ at /console; in development Vite proxies the API to a local server
// (FLOORPLAN_API overrides the address, e.g. a server started with another PORT).
const api = process.env.FLOORPLAN_API ?? 'http://localhost:8080';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: { '/wfm': api, '/auth': api, '/public': api, '/admin': api },
  },
});
