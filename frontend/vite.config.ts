import { defineConfig } from "vite";

// Same-origin API: the local host (and CloudFront in production) serve /api next to the app.
// `npm run dev` proxies /api to a running `dotnet run --project src/TodoApp.Local`.
export default defineConfig({
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // No dynamic imports, so the preload polyfill would be dead weight.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: {
    proxy: { "/api": "http://localhost:5000" },
  },
});
