/**
 * The test runner VS Code loads in its extension host (extensionTestsPath): runs the scenarios with
 * mocha, prints them, and writes each result to PROPOSAL_KIT_TEST_RESULTS when that is set (the
 * code-server launcher reads it; there the extension host's output goes to the browser console).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  mocha.addFile(path.join(__dirname, 'scenarios.test.js'));
  const results: SuiteResult[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
    runner.on('fail', (t, err: Error) => results.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: err.stack ?? String(err) }));
  });
  const file = process.env.PROPOSAL_KIT_TEST_RESULTS;
  if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`\n${results.filter((r) => r.state === 'passed').length} passed, ${results.filter((r) => r.state === 'failed').length} failed`);
  if (failures) throw new Error(`${failures} of the VS Code API scenarios failed`);
}
