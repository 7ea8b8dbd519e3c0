// esbuild options of the webview bundles (chat panel and usage report), shared by esbuild.mjs and
// the bundle-size test so the test measures exactly what ships.
import sveltePlugin from 'esbuild-svelte';

/** @returns {import('esbuild').BuildOptions} */
export function webviewBuildOptions({ production, outdir = 'dist' }) {
  return {
    entryPoints: { webview: 'webview/main.ts', usage: 'webview/usage/main.ts' },
    outdir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: production,
    sourcemap: production ? false : 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    conditions: ['svelte', 'browser', production ? 'production' : 'development'],
    mainFields: ['svelte', 'browser', 'module', 'main'],
    plugins: [sveltePlugin({ compilerOptions: { css: 'external', dev: !production }, preprocess: [] })],
    loader: { '.ttf': 'file' },
  };
}
