// A real X display for headed browser tests: Xvfb started on a display number it picks itself,
// and xdotool to move its pointer and type on its keyboard. Events from xdotool come from the X
// server, as a person's mouse and keyboard would, and the browser routes them itself; nothing is
// addressed to one page the way DevTools input is. Both are Debian packages (xvfb, xdotool);
// a test that needs them fails with a sentence saying so, it is never skipped.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { spawnProcess } from '../../helpers/process';

export interface XDisplay {
  /** The display's name for DISPLAY, e.g. ':99'. */
  name: string;
  /** Runs xdotool on this display with `args`; resolves with what it printed. */
  xdotool: (...args: string[]) => Promise<string>;
  stop: () => Promise<void>;
}

const TOOLS = {
  Xvfb: 'Xvfb is missing, and the headed browser tests need it: install it (Debian: sudo apt-get install -y xvfb).',
  xdotool: 'xdotool is missing, and the headed browser tests need it: install it (Debian: sudo apt-get install -y xdotool).',
} as const;

/** The program's full path on PATH, or undefined. */
function onPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, program);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** Starts a virtual X screen of `width` × `height`; throws a clear sentence when a tool is missing. */
export async function startDisplay(width = 1280, height = 900): Promise<XDisplay> {
  const missing = Object.entries(TOOLS).filter(([program]) => !onPath(program)).map(([, sentence]) => sentence);
  if (missing.length > 0) throw new Error(missing.join('\n'));
  // -displayfd: Xvfb takes the first free display number and writes it once it accepts clients,
  // so there is nothing to guess and nothing to wait for by time.
  const xvfb = await spawnProcess({
    name: 'Xvfb',
    command: onPath('Xvfb') ?? 'Xvfb',
    args: ['-displayfd', '1', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp', '-noreset'],
    ready: /^(\d+)\s*$/m,
  });
  const name = `:${xvfb.ready[1]}`;
  const xdotool = (...args: string[]) => new Promise<string>((resolve, reject) => {
    execFile('xdotool', args, { env: { ...process.env, DISPLAY: name }, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`xdotool ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
  return { name, xdotool, stop: () => xvfb.stop() };
}
