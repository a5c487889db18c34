import { fileURLToPath, URL } from 'node:url';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;

/**
 * Writes `name.br` and `name.gz` beside every text file of the build; the C++ server sends
 * them when the browser's Accept-Encoding allows (server/src/http/static_files.cpp).
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'lianjian-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const walk = (directory: string): void => {
        for (const name of readdirSync(directory)) {
          const path = join(directory, name);
          if (statSync(path).isDirectory()) {
            // `.vite/manifest.json` is read by scripts, never served.
            if (!name.startsWith('.')) walk(path);
            continue;
          }
          if (!COMPRESSIBLE.test(name)) continue;
          const contents = readFileSync(path);
          writeFileSync(`${path}.gz`, gzipSync(contents, { level: 9 }));
          writeFileSync(
            `${path}.br`,
            brotliCompressSync(contents, {
              params: {
                [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: contents.length,
              },
            }),
          );
        }
      };
      walk(outDir);
    },
  };
}

// The production build is served by the C++ server under a strict CSP
// (script-src 'self'), so everything must be bundled: no CDN, no inline scripts.
export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components and directives are imported where a template uses them, not the
    // whole library up front; its stylesheet stays global (src/main.ts).
    Components({
      resolvers: [ElementPlusResolver({ importStyle: false, directives: true })],
      dts: 'src/components.d.ts',
    }),
    precompress(),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    port: 5173,
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:8080',
        changeOrigin: false,
      },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // scripts/bundle-size.mjs reads the manifest to add up what the first screen loads.
    manifest: true,
    // Keep the module-preload polyfill out of index.html; CSP forbids inline scripts.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
  },
});
