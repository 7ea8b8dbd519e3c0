// esbuild options of the webview bundles (chat panel and usage report), shared by esbuild.mjs and
// the bundle-size test so the test measures exactly what ships.
import sveltePlugin from 'esbuild-svelte';

/**
 * Svelte's package declares no `sideEffects`, so its custom-element support (a class defined at
 * module level, and the legacy class-component API it imports) stays in every bundle although
 * the panels define no custom element: ~3.5 KB. Marking that one module side-effect free lets
 * esbuild drop it when nothing imports from it (a component compiled with customElement would).
 * @type {import('esbuild').Plugin}
 */
const svelteWithoutCustomElements = {
  name: 'svelte-without-custom-elements',
  setup(build) {
    build.onResolve({ filter: /\/custom-element\.js$/ }, async (args) => {
      if (args.pluginData === 'resolved') return undefined;
      const r = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'resolved' });
      if (r.errors.length || !/[\\/]node_modules[\\/]svelte[\\/]/.test(r.path)) return undefined;
      return { path: r.path, namespace: r.namespace, sideEffects: false };
    });
  },
};

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
    // Production drops the bundled libraries' console calls (Svelte's prod warnings, marked's and
    // DOMPurify's notices) and the strings they carry: ~4 KB of the 250 KB budget. The panel's own
    // diagnostics call `globalThis.console`, which this does not touch.
    ...(production ? { drop: ['console'] } : {}),
    logLevel: 'warning',
    conditions: ['svelte', 'browser', production ? 'production' : 'development'],
    mainFields: ['svelte', 'browser', 'module', 'main'],
    plugins: [sveltePlugin({ compilerOptions: { css: 'external', dev: !production }, preprocess: [] }), svelteWithoutCustomElements],
    loader: { '.ttf': 'file' },
  };
}
