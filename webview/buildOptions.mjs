// esbuild options of the webview bundles (chat panel and usage report), shared by esbuild.mjs and
// the bundle-size test so the test measures exactly what ships.
import { readFileSync } from 'node:fs';
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

/** What every script the webviews load is built with: classic scripts (the CSP admits them by nonce). */
const browserScript = (production) => ({ bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: production, legalComments: 'none' });

/** @returns {import('esbuild').BuildOptions} */
export function webviewBuildOptions({ production, outdir = 'dist' }) {
  return {
    entryPoints: { webview: 'webview/main.ts', renderer: 'webview/renderer.ts', usage: 'webview/usage/main.ts' },
    outdir,
    ...browserScript(production),
    sourcemap: production ? false : 'linked',
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

/** The grammars the panel loads on demand (webview/lib/grammars.json: name → fence aliases). */
export const GRAMMAR_NAMES = Object.keys(JSON.parse(readFileSync(new URL('./lib/grammars.json', import.meta.url), 'utf8')));
/** Compact grammars of our own, smaller than highlight.js's (the rest are highlight.js's). */
const OWN_GRAMMARS = { css: './webview/lib/cssGrammar.ts', sql: './webview/lib/sqlGrammar.ts' };

/**
 * `grammar:<name>` → a file that hands highlight.js's grammar <name> to the panel
 * (webview/lib/highlight.ts defines `__switchboardGrammar`).
 * @type {import('esbuild').Plugin}
 */
const grammarEntries = {
  name: 'grammar-entries',
  setup(build) {
    build.onResolve({ filter: /^grammar:/ }, (args) => ({ path: args.path.slice('grammar:'.length), namespace: 'grammar' }));
    build.onLoad({ filter: /.*/, namespace: 'grammar' }, (args) => ({
      contents: `import language from ${JSON.stringify(OWN_GRAMMARS[args.path] ?? `highlight.js/lib/languages/${args.path}`)};\nglobalThis.__switchboardGrammar?.(${JSON.stringify(args.path)}, language);\n`,
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

/** One small script per grammar, dist/grammars/<name>.js, loaded by the panel when a code block needs it. @returns {import('esbuild').BuildOptions} */
export function grammarBuildOptions({ production, outdir = 'dist' }) {
  return {
    entryPoints: Object.fromEntries(GRAMMAR_NAMES.map((name) => [`grammars/${name}`, `grammar:${name}`])),
    outdir,
    ...browserScript(production),
    sourcemap: false,
    logLevel: 'warning',
    plugins: [grammarEntries],
  };
}
