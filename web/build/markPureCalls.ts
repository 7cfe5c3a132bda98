import MagicString from 'magic-string';
import type { Plugin } from 'vite';

/**
 * Annotates every call of `callee` in the modules whose id matches `module` as pure
 * (`/* @__PURE__ *\/`), so the bundler may drop the calls whose result nothing uses.
 *
 * For lib0's `dom.js`: y-codemirror.next's remote cursors use two of its helpers, and its
 * four `$.$custom(…)` schema constants, made at the top of the module, kept the whole of
 * lib0's `schema.js` (≈ 2 KB compressed) in every room's download.
 */
export function markPureCalls(module: RegExp, callee: string): Plugin {
  const call = `${callee}(`;
  return {
    name: 'codestream:mark-pure-calls',
    apply: 'build',
    transform: {
      filter: { id: module },
      handler(code) {
        const source = new MagicString(code);
        let at = code.indexOf(call);
        if (at < 0) throw new Error(`markPureCalls: no call of ${callee} is left in ${module}`);
        for (; at >= 0; at = code.indexOf(call, at + call.length)) source.prependLeft(at, '/* @__PURE__ */ ');
        return { code: source.toString(), map: source.generateMap({ hires: 'boundary' }) };
      },
    },
  };
}
