import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// room-server/src is split by feature (accounts, problems, rooms, submissions, integrations, classes:
// each with its repositories and routes) over shared layers (http, db, cache, log, metrics); the files at
// the top compose them into a server. These rules keep it that way.

const SRC = path.dirname(fileURLToPath(import.meta.url));
/** The features from the top down: each imports only those below it. */
const FEATURES = ['classes', 'rooms', 'integrations', 'submissions', 'problems', 'accounts'];
const TOP = '(top level)';

/** Every module under src (tests excluded) with the src-relative files it imports. */
function modules(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.m?ts$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
        const relative = importedFiles
          .map((imported) => imported.fileName)
          .filter((name) => name.startsWith('.'))
          .map((name) => path.relative(SRC, path.resolve(path.dirname(file), name)));
        found.set(path.relative(SRC, file), relative);
      }
    }
  };
  walk(SRC);
  return found;
}

const folderOf = (file: string) => (file.includes(path.sep) ? (file.split(path.sep)[0] as string) : TOP);

/** Folder → folders it imports from, with one importing file per edge to name in failures. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const [file, imports] of modules()) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const target of imports) {
      const to = folderOf(target);
      if (to !== from && !edges.has(to)) edges.set(to, `${file} → ${target}`);
    }
  }
  return graph;
}

/** A cycle of folders (each importing the next, the last the first), if there is one. */
function findCycle(graph: Map<string, Map<string, string>>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'visiting') return stack.slice(stack.indexOf(node));
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('room-server source layout', () => {
  const graph = folderGraph();

  it('has no import cycle between folders (the top-level files compose, nothing imports them)', () => {
    const cycle = findCycle(graph);
    const explained = cycle?.map((from, i) => graph.get(from)?.get(cycle[(i + 1) % cycle.length] as string));
    expect(explained ?? []).toEqual([]);
  });

  it('lets each feature import only the features below it', () => {
    const upward = FEATURES.flatMap((from, level) =>
      [...(graph.get(from) ?? new Map<string, string>())]
        .filter(([to]) => FEATURES.indexOf(to) !== -1 && FEATURES.indexOf(to) < level)
        .map(([, via]) => via),
    );
    expect(upward).toEqual([]);
  });

  it('keeps the http layer free of every feature', () => {
    const http = [...(graph.get('http') ?? new Map<string, string>())];
    expect(http.filter(([to]) => FEATURES.includes(to) || to === TOP).map(([, via]) => via)).toEqual([]);
  });

  it('keeps each feature’s repositories and routes in its own folder', () => {
    const files = [...modules().keys()];
    const misplaced = files.filter(
      (file) => /(Repository|[rR]outes)\.ts$/.test(file) && !['db', 'http', ...FEATURES].includes(folderOf(file)),
    );
    expect(misplaced).toEqual([]);
    for (const feature of FEATURES) {
      const own = files.filter((file) => folderOf(file) === feature);
      expect(
        own.some((file) => file.endsWith('Repository.ts')),
        `${feature} has a repository`,
      ).toBe(true);
      expect(
        own.some((file) => /[rR]outes\.ts$/.test(file)),
        `${feature} has routes`,
      ).toBe(true);
    }
  });
});
