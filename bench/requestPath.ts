// The request path as the extension ships it: run.mts builds this file the way esbuild.mjs builds
// the extension (bundled with the SDKs' ES module builds, minified, node20, no keepNames) and
// measures that, not the sources as tsx runs them: tsx wraps every function it defines in a naming
// call, and loads the SDKs' CommonJS builds, costs the shipped code does not have.
export { Pipeline } from '../src/core/llm/pipeline';
export { DEFAULT_RETRY } from '../src/core/llm/retry';
export { UsageStore } from '../src/core/usage/usageStore';
export { FileKeyValueStore, USAGE_WRITE_BEHIND_MS } from '../src/core/usage/fileKeyValueStore';
export { nodeFileSystem } from '../src/core/files/fileSystem';
export { RequestService } from '../src/core/requests/requestService';
export { createAdapter } from '../src/core/providers/registry';
