// Global setup of the server and browser test projects: every temporary folder the test helpers
// make (servers' data, redis-server's files) goes under one folder for the run, and the run fails
// when any of them is still there at the end: a test that leaves a folder behind is a bug.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): (() => void) | undefined {
  // Both projects name this file; the first one to run owns the folder for the whole run.
  if (process.env.BURNLINK_TEST_TMP) return undefined;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'burnlink-run-'));
  process.env.BURNLINK_TEST_TMP = root;
  return () => {
    const left = fs.readdirSync(root);
    fs.rmSync(root, { recursive: true, force: true });
    delete process.env.BURNLINK_TEST_TMP;
    if (left.length > 0) {
      // A throw here is only printed ("error during close"): set the exit code too.
      process.exitCode = 1;
      throw new Error(`The tests left ${left.length} temporary folder(s) behind: ${left.join(', ')}. Stop every server a test starts.`);
    }
  };
}
