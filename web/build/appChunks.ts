import type { Rolldown } from 'vite';

const packageOf = (id: string) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id)?.[1];

/**
 * The build's chunk groups (rolldown's `codeSplitting.groups`), new for each build:
 * - `index`: everything the first page needs, in the entry's own chunk (split along the
 *   lazy pages' lines it was seven files, each a request before the app could start);
 * - `roomShared`: the app's small modules that the room (`roomView`, the module its page
 *   loads) shares with other lazy pages — close codes, formatting, room messages… — in one
 *   chunk: rolldown gave each its own file of a few hundred bytes, a dozen requests and
 *   their main-thread work on a room's load. Only modules the room imports statically,
 *   outside the entry, that bring no package the entry lacks: CodeMirror, Yjs and lib0 stay
 *   in the room's own chunks, out of the other pages;
 * - `homeShared`: those of them that the signed-in home page (`homePage`) uses too, so that
 *   the most visited page loads no more than before.
 *
 * Rolldown runs the groups in order, calling a group's `name` for each module it may take:
 * the entry's modules are all known before the second group is asked.
 */
export function appChunkGroups({
  roomView,
  homePage,
}: {
  roomView: string;
  homePage: string;
}): Rolldown.CodeSplittingGroup[] {
  const inEntry = new Set<string>();
  let graphs: { room: Set<string>; home: Set<string> } | undefined;
  let entryPackages: Set<string | undefined> | undefined;

  const staticImportsOf = (ctx: Rolldown.ChunkingContext, id: string) => ctx.getModuleInfo(id)?.importedIds ?? [];
  /** `root` and what it imports statically; `throughIndexes: false` stops at a package's index, which names all of it. */
  const staticGraph = (ctx: Rolldown.ChunkingContext, root: string, throughIndexes: boolean) => {
    const modules = new Set<string>();
    const todo = [root];
    for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
      if (modules.has(next)) continue;
      modules.add(next);
      if (throughIndexes || !/[\\/]index\.ts$/.test(next)) todo.push(...staticImportsOf(ctx, next));
    }
    return modules;
  };

  const roomShared = (id: string, ctx: Rolldown.ChunkingContext): string | null => {
    if (inEntry.has(id) || id.includes('node_modules') || !/\.[jt]sx?$/.test(id)) return null;
    graphs ??= { room: staticGraph(ctx, roomView, true), home: staticGraph(ctx, homePage, false) };
    if (!graphs.room.has(id)) return null;
    entryPackages ??= new Set([...inEntry].map(packageOf).filter(Boolean));
    const seen = new Set<string>();
    const light = (module: string): boolean => {
      if (seen.has(module)) return true;
      seen.add(module);
      return staticImportsOf(ctx, module).every((dep) =>
        dep.includes('node_modules') ? entryPackages?.has(packageOf(dep)) : inEntry.has(dep) || light(dep),
      );
    };
    if (!light(id)) return null;
    // What the signed-in home page uses too in a chunk of its own: that page loads no more
    // than before, in fewer files.
    return graphs.home.has(id) ? 'homeShared' : 'roomShared';
  };

  return [
    {
      name: (id) => {
        inEntry.add(id);
        return 'index';
      },
      tags: ['$initial'],
    },
    // Shared by two or more lazy pages (the room and another): what only the room uses
    // stays in its own chunk.
    { name: roomShared, minShareCount: 2 },
  ];
}
