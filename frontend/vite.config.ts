import { defineConfig } from "vite";

// The same build is served by the local host and by S3 + CloudFront: no runtime CDN, no inline scripts.
export default defineConfig({
  build: {
    outDir: "dist",
    target: "es2022",
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: {
    proxy: { "/api": "http://localhost:5000" },
  },
});
