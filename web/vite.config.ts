import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

// `vite build web` → web/dist, served by the API server at `/` (src/server/static.ts).
// `vite web` serves the app in development and forwards /api to a running `npm start` (PORT 3000).
/**
 * The dashboard (`/`) is the page most users open first: preload its chunk and the chunks it imports from
 * index.html, so they arrive with the app's code instead of after it has run. It stays a lazy page (a few kB).
 */
function preloadFirstPage(page = "src/pages/Dashboard.tsx"): Plugin {
  return {
    name: "luoshi-preload-first-page",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === "chunk");
        const pageChunk = chunks.find((c) => c.facadeModuleId?.replaceAll("\\", "/").endsWith(page));
        if (!pageChunk) return [];
        const already = new Set([ctx.chunk?.fileName, ...(ctx.chunk?.imports ?? [])]);
        const files = [pageChunk.fileName, ...pageChunk.imports].filter((f) => !already.has(f));
        return files.map((f) => ({ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/${f}` }, injectTo: "head" as const }));
      },
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), preloadFirstPage()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // react on its own (every page); echarts/zrender only through the dynamic import in src/chart.tsx, so no page
        // waits for them; the rest of node_modules (antd's components, rc-*, dayjs) split by the pages that import
        // them, so that a page parses the components it draws, not all of antd
        codeSplitting: {
          groups: [
            { name: "echarts", test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
            { name: "react", test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000", "/openapi.json": "http://127.0.0.1:3000" } },
});
