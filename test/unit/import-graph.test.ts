// The layout's rules, checked on the real import graph: no import cycles, between files or between
// feature folders, and the shared core imports nothing from the extension's features. Type-only
// imports are left out: they vanish from the built code and cannot change the order modules run in
// (utils/messaging.ts names the result types of every feature's messages on purpose).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['utils', 'components', 'entrypoints', 'server'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** The module specifiers a file imports at run time (static, re-exports and dynamic). */
function runtimeImports(code: string, fileName = 'file.ts'): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (!clause.name && named !== undefined
        && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) found.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolve(from: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = path.join(path.dirname(from), spec);
  else return undefined;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    const file = path.join(ROOT, candidate);
    if (/\.tsx?$/.test(candidate) && fs.existsSync(file) && fs.statSync(file).isFile()) return path.normalize(candidate);
  }
  return undefined;
}

/** The part a file belongs to: `utils/<folder>`, a top-level utils file, a component, an entrypoint, the server. */
function partOf(file: string): string {
  const [top, second] = file.split(path.sep);
  if (top === 'utils') return second && !/\.tsx?$/.test(second) ? `utils/${second}` : file;
  if (top === 'entrypoints') return `entrypoints/${(second ?? '').replace(/\.(content\.)?tsx?$/, '')}`;
  return top ?? file;
}

/** Every cycle found by a depth-first search, each as the path that closes it. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

function graphs() {
  const files = new Map<string, Set<string>>();
  const parts = new Map<string, Set<string>>();
  for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
    const imports = runtimeImports(fs.readFileSync(path.join(ROOT, file), 'utf8'), file)
      .map((spec) => resolve(file, spec))
      .filter((target): target is string => target !== undefined);
    files.set(file, new Set(imports));
    const part = parts.get(partOf(file)) ?? new Set<string>();
    for (const target of imports) if (partOf(target) !== partOf(file)) part.add(partOf(target));
    parts.set(partOf(file), part);
  }
  return { files, parts };
}

describe('the import graph', () => {
  const { files, parts } = graphs();

  it('is read from the real source', () => {
    // Guards the check itself: a broken resolver would find no edges and no cycles.
    expect(files.size).toBeGreaterThan(50);
    expect(parts.get('utils/share')).toContain('utils/core');
    expect(parts.get('entrypoints/background')?.size).toBeGreaterThan(0);
  });

  it('has no cycle between files', () => {
    expect(cycles(files).map((c) => c.join(' → '))).toEqual([]);
  });

  it('has no cycle between feature folders', () => {
    expect(cycles(parts).map((c) => c.join(' → '))).toEqual([]);
  });

  it('keeps the shared core free of the extension: it imports only itself', () => {
    expect([...parts.get('utils/core') ?? []]).toEqual([]);
  });

  it('would catch a cycle and leave type-only imports out', () => {
    const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
    expect(runtimeImports([
      "import type { A } from './types';",
      "import { type B, type C } from './more-types';",
      "import { d, type E } from './values';",
      "export { f } from './reexport';",
      "const g = () => import('./lazy');",
      "let h: import('./type-position').H;",
    ].join('\n'))).toEqual(['./values', './reexport', './lazy']);
  });
});
