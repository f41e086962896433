// Reads a V8 .cpuprofile and says where the time went: self time by area (our code, each
// package, Node's core, native calls, GC, idle) and inclusive time of the busiest functions.
import fs from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  ms: number;
  /** Share of the sampled time, 0..1. */
  share: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Self time by area. */
  areas: ProfileShare[];
  /** Self time by function. */
  selfTop: ProfileShare[];
  /** Time with the function on the stack (callees included). */
  inclusiveTop: ProfileShare[];
}

const ROOT = path.resolve(import.meta.dirname, '..');

function shortUrl(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  if (file.startsWith(ROOT)) return path.relative(ROOT, file);
  // A server run from a git ref or an experiment's folder (see note-server.ts).
  return file.includes('/node_modules/') ? file : (file.match(/\/((?:server|utils)\/.*)$/)?.[1] ?? file);
}

function areaOf({ functionName, url }: CallFrame): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native code called from JS)';
  const file = shortUrl(url);
  const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1] ?? 'node_modules';
  if (file.startsWith('node:')) return 'node: core (http, net, streams, timers)';
  const top = file.split('/')[0] ?? file;
  return top === 'server' || top === 'utils' ? file : top;
}

function frameName({ functionName, url, lineNumber }: CallFrame): string {
  const file = shortUrl(url).replace(/^.*node_modules\//, '');
  // tsx compiles TypeScript on load, so line numbers of .ts files are those of its output.
  const where = url === '' ? '' : file.endsWith('.ts') ? ` ${file}` : ` ${file}:${lineNumber + 1}`;
  return `${functionName || '(anonymous)'}${where}`;
}

/** Samples taken while the profiler itself was busy (starting, stopping): not the server's work. */
const isProfilerFrame = (frame: CallFrame) => frame.url.endsWith('/cpu-profiler.mjs');

function top(map: Map<string, number>, totalMs: number, count: number): ProfileShare[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms, share: ms / totalMs }));
}

export function summarizeProfile(file: string, count = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const areas = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    // Each delta is the time since the previous sample: charge it to this sample's stack.
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame && isProfilerFrame(frame)) return;
    }
    totalMs += ms;
    areas.set(areaOf(node.callFrame), (areas.get(areaOf(node.callFrame)) ?? 0) + ms);
    self.set(frameName(node.callFrame), (self.get(frameName(node.callFrame)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || frame.functionName === '(root)') continue;
      const name = frameName(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  });
  return {
    file,
    totalMs,
    areas: top(areas, totalMs, count),
    selfTop: top(self, totalMs, count),
    inclusiveTop: top(inclusive, totalMs, count * 2),
  };
}
