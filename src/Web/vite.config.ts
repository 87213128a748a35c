/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Two entries: the app (index.html: admin UI and onboarding portal) and GraphiQL (graphiql.html, served at
// /graphql/ui). The output is the host's web root; src/Host/Host.csproj runs this build (see src/Web/Web.targets).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: here('../Host/wwwroot'),
    emptyOutDir: true,
    // GraphiQL's editor (Monaco) is large by nature; it is loaded on /graphql/ui only.
    chunkSizeWarningLimit: 5000,
    rollupOptions: {
      input: { app: here('index.html'), graphiql: here('graphiql.html') },
      onwarn(warning, warn) {
        // GraphiQL's packages carry React Compiler directives ("use no memo") that bundling drops, harmlessly.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  // GraphiQL's Monaco workers split into chunks, which only the ES module format allows.
  worker: { format: 'es' },
  server: {
    // GraphiQL's page imports the repository's schema.graphql.
    fs: { allow: [here('.'), here('../../schema.graphql')] },
    // `npm run dev` next to `dotnet run --project src/Host`: the API stays on the host.
    proxy: { '/graphql': { target: 'http://127.0.0.1:5080', ws: true } },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // One copy of graphql: graphql-ws is inlined rather than loaded from node_modules as CommonJS.
    // GraphiQL's Monaco workers split into chunks, which only the ES module format allows.
  worker: { format: 'es' },
  server: { deps: { inline: ['graphql-ws'] } },
  },
});
