// Builds the extension host bundle, one lazily loaded bundle per provider SDK and per lazily loaded
// feature, and the webview bundle.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { grammarBuildOptions, webviewBuildOptions } from './webview/buildOptions.mjs';
import { buildCodiconCss } from './webview/codiconSubset.mjs';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// Each provider folder src/core/providers/<name>/ holds index.ts (its descriptor, no SDK) and
// adapter.ts (the SDK code). adapter.ts becomes dist/providers/<name>.js, and the descriptor's
// `import('./adapter')` is rewritten to a runtime load of that file, so no SDK is parsed or
// evaluated at activation.
const providerDir = 'src/core/providers';
const providerNames = readdirSync(providerDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(path.join(providerDir, e.name, 'adapter.ts')))
  .map((e) => e.name);

/**
 * `import('./adapter')` in <name>/index.ts → external `<prefix><name>.js`. The prefix is where
 * dist/providers/ is seen from the bundle being built: './providers/' from dist/extension.js,
 * './' from the provider bundles themselves (which include their own index.ts through
 * adapter.ts, and must not inline themselves a second time behind the loader).
 * @param {string} prefix
 * @returns {esbuild.Plugin}
 */
const lazyProviders = (prefix) => ({
  name: 'lazy-providers',
  setup(build) {
    build.onResolve({ filter: /^\.\/adapter$/ }, (args) => {
      if (args.kind !== 'dynamic-import' || path.basename(args.importer) !== 'index.ts') return undefined;
      const folder = path.dirname(args.importer);
      const name = path.basename(folder);
      if (path.resolve(path.dirname(folder)) !== path.resolve(providerDir) || !providerNames.includes(name)) return undefined;
      return { path: `${prefix}${name}.js`, external: true };
    });
  },
});

// The SDKs are bundled once each into dist/sdk/<name>.js and shared by the provider bundles that
// use them (openai, compatible and azure all use the openai SDK), so no SDK is shipped twice.
// undici (the host's proxy-aware fetch, src/core/net/proxyFetch.ts) is built the same way and
// loaded on the first request: it is larger than the rest of extension.js.
const SDKS = { openai: 'openai', '@anthropic-ai/sdk': 'anthropic', '@google/generative-ai': 'google-generative-ai', undici: 'undici' };
const SDKS_WITH_DEFAULT_EXPORT = new Set(['openai', '@anthropic-ai/sdk']);

/** @type {esbuild.Plugin} */
const sharedSdks = {
  name: 'shared-sdks',
  setup(build) {
    build.onResolve({ filter: /^(openai|@anthropic-ai\/sdk|@google\/generative-ai)$/ }, (args) => ({
      path: `../sdk/${SDKS[args.path]}.js`,
      external: true,
    }));
  },
};

/** `import('undici')` in the extension bundle → a runtime load of dist/sdk/undici.js. @type {esbuild.Plugin} */
const lazyUndici = {
  name: 'lazy-undici',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './sdk/undici.js', external: true } : undefined));
  },
};

// Features that the window's start-up does not need, each its own bundle loaded on first use: the
// main bundle's `import()` of the module becomes a runtime load of dist/<name>.js, so activation
// neither reads nor compiles it (src/features/attachments/lazyAttachments.ts).
const LAZY_FEATURES = { attachments: 'src/features/attachments/attachmentsModule.ts' };

/** `import('…/attachmentsModule')` in the main bundle → external `./attachments.js`. @type {esbuild.Plugin} */
const lazyFeatures = {
  name: 'lazy-features',
  setup(build) {
    const byFile = new Map(Object.entries(LAZY_FEATURES).map(([name, file]) => [path.resolve(file.replace(/\.ts$/, '')), name]));
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const name = byFile.get(path.resolve(args.resolveDir, args.path).replace(/\.ts$/, ''));
      return name ? { path: `./${name}.js`, external: true } : undefined;
    });
  },
};

/**
 * dist/main.js runs from a V8 code cache through vm.Script (src/core/files/codeCache.ts), where a
 * native `import()` has no loader: its lazy loads of other dist files become `require` calls (an
 * `import()` of a one-line module that requires the file, which esbuild turns into a promise).
 * @type {esbuild.Plugin}
 */
const lazyLoadsAsRequire = {
  name: 'lazy-loads-as-require',
  setup(build) {
    build.onResolve({ filter: /.*/, namespace: 'lazy-require' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/** Wraps a plugin so that what it marks external and loads by dynamic import goes through `lazyLoadsAsRequire`. */
const asRequire = (plugin) => ({
  name: `${plugin.name}-as-require`,
  setup(build) {
    plugin.setup({
      ...build,
      onResolve: (options, callback) =>
        build.onResolve(options, async (args) => {
          const result = await callback(args);
          if (!result?.external || args.kind !== 'dynamic-import') return result;
          return { path: result.path, namespace: 'lazy-require' };
        }),
    });
  },
});

/** @type {esbuild.BuildOptions} */
const nodeCommon = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};

const builds = [
  {
    ...nodeCommon,
    entryPoints: { main: 'src/extension.ts' },
    outdir: 'dist',
    plugins: [asRequire(lazyProviders('./providers/')), asRequire(lazyUndici), asRequire(lazyFeatures), lazyLoadsAsRequire],
  },
  {
    ...nodeCommon,
    entryPoints: LAZY_FEATURES,
    outdir: 'dist',
  },
  {
    ...nodeCommon,
    entryPoints: { extension: 'src/loader.ts' },
    outdir: 'dist',
  },
  {
    ...nodeCommon,
    entryPoints: Object.fromEntries(providerNames.map((n) => [n, `${providerDir}/${n}/adapter.ts`])),
    outdir: 'dist/providers',
    plugins: [sharedSdks, lazyProviders('./')],
  },
  ...Object.entries(SDKS).map(([pkg, name]) => ({
    ...nodeCommon,
    stdin: { contents: `export * from '${pkg}';${SDKS_WITH_DEFAULT_EXPORT.has(pkg) ? ` export { default } from '${pkg}';` : ''}`, resolveDir: '.', loader: 'js' },
    outfile: `dist/sdk/${name}.js`,
  })),
  webviewBuildOptions({ production }),
  grammarBuildOptions({ production }),
];

// Codicons are loaded by the webview as a stylesheet + font from dist/ (the CSP allows nothing else).
// The stylesheet keeps only the icons the webviews name (webview/codiconSubset.mjs); the font is whole.
function copyCodicons() {
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/codicon.css', buildCodiconCss());
  copyFileSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicon.ttf');
}

// A one-off build starts from an empty dist/ so no stale bundle or source map is ever packaged.
if (!watch) rmSync('dist', { recursive: true, force: true });
copyCodicons();
if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('[esbuild] watching for changes…');
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`[esbuild] ${production ? 'production' : 'development'} build in ${Date.now() - started} ms`);
}
