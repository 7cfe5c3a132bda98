import type { LanguageSpec } from '@codestream/shared';
import { heapMbFor } from './execSpec.ts';

/**
 * The message for a program that failed with its runtime's own out-of-memory error
 * (Java's OutOfMemoryError, Node's heap limit, Python's MemoryError, …) found in what it
 * wrote to stderr; undefined when there is none. Such a program often stopped far below
 * the memory limit (one huge request is refused before any of it is used), so the
 * message names the cap it really met instead of claiming the limit was used. It does
 * not repeat "Memory limit exceeded": the verdict says that, and the web console shows
 * a message only when it tells more than the verdict.
 */
export function runtimeOutOfMemory(language: LanguageSpec, stderr: string, memoryMb: number): string | undefined {
  const found = language.outOfMemory?.exec(stderr)?.[0];
  if (!found) return undefined;
  if (language.heapCapped) {
    return `${language.label}'s heap is capped at ${heapMbFor(memoryMb)} MB (of the ${memoryMb} MB limit, leaving room for the runtime) and the program needed more (${found}).`;
  }
  return `The runtime could not get the memory the program asked for (${found}); the limit is ${memoryMb} MB.`;
}

/** Text kept from the end of a streamed stderr, so a message split between two chunks is still found. */
export const OUT_OF_MEMORY_WINDOW_CHARS = 4096;
