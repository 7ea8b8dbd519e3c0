// `npm run test:e2e`: the mocha e2e suite once per VS Code build (vscodeBuilds.mjs), one after the
// other, each in its own mocha process with SWITCHBOARD_VSCODE set. Fails when any pass fails.
// With SWITCHBOARD_VSCODE already set, runs that build only. Extra arguments go to mocha
// (e.g. `npm run test:e2e -- --grep keys`).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { BUILD_IDS, DEFAULT_BUILD, buildInfo, repoRoot, selectedBuild } from './vscodeBuilds.mjs';

const MOCHA_ARGS = ['--import=tsx', '--timeout', '180000', '--slow', '20000', 'test/e2e/**/*.e2e.ts'];

// The default build (the engines floor) runs last: demo.e2e.ts copies its screenshots into
// media/screenshots/ for the README, and those should show the same VS Code as before.
let builds;
try {
  builds = process.env.SWITCHBOARD_VSCODE ? [selectedBuild()] : [...BUILD_IDS.filter((id) => id !== DEFAULT_BUILD), DEFAULT_BUILD];
} catch (err) {
  console.error(`[switchboard] ${err.message}`);
  process.exit(1);
}

function runMocha(build) {
  return new Promise((resolve) => {
    const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
    const child = spawn(process.execPath, [mocha, ...MOCHA_ARGS, ...process.argv.slice(2)], {
      cwd: repoRoot,
      env: { ...process.env, SWITCHBOARD_VSCODE: build },
      stdio: 'inherit',
    });
    // Ctrl-C reaches mocha through the terminal; a SIGTERM to this runner is passed on.
    const forward = (sig) => child.kill(sig);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
    child.on('error', () => resolve(1));
  });
}

const results = [];
for (const id of builds) {
  const b = buildInfo(id);
  const title = `e2e on VS Code ${id} (code-server ${b.codeServerVersion}, Node ${b.nodeVersion ?? process.versions.node})`;
  console.log(`\n::: ${title}`);
  const started = Date.now();
  const code = await runMocha(id);
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ id, code, seconds });
  console.log(`::: ${title}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s`);
}

if (results.length > 1) {
  console.log('\n::: e2e per VS Code build');
  for (const r of results) console.log(`    ${r.id.padEnd(8)} ${r.code === 0 ? 'passed' : 'FAILED'}  ${String(r.seconds).padStart(4)} s`);
}
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
