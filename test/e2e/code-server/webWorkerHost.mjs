// A probe, not a stage: does the extension run in code-server's web worker extension host?
// The installed .vsix is forced there with `remote.extensionKind: ["web"]` (the `browser`
// entry, dist/web/client.js). A web extension served by a VS Code server cannot start its own
// Web Worker (microsoft/vscode#168942), so the language client's start is expected to fail:
// this prints what the extension host reported, for the record (README, closing note).
// The web worker server itself is proven by test/e2e/web/worker.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { Run, sleep } from './harness.mjs';

const run = new Run('web-worker-host', 240_000);
run.main(async () => {
  const d = run.makeDirs({ 'remote.extensionKind': { 'crdb-restore-guard.crdb-restore-guard': ['web'] } });
  run.installVsix(d.extensions);
  const runbook = path.join(d.ws, 'restore.md');
  fs.writeFileSync(runbook, "<!-- crdb: backup-version=23.2 target-version=24.3 -->\n```sql\nRESTORE FROM LATEST IN 's3://b';\n```\n");
  await run.startCodeServer();
  const page = await run.launchBrowser();
  const lines = [];
  page.on('console', (m) => lines.push(`[console.${m.type()}] ${m.text()}`));
  page.on('worker', (w) => lines.push(`[worker] ${w.url()}`));
  await run.openWorkbench(d.ws, [['openFile', run.remote(runbook)]]);
  await sleep(25_000);
  const relevant = lines.filter((l) => /crdb|Restore Guard|worker|Worker|extension host|webWorker/i.test(l));
  for (const l of relevant) run.log(l.slice(0, 400));
  await run.shot('web-worker-host');
  return { lines: relevant.length };
});
