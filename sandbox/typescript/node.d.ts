// biome-ignore-all lint/suspicious/noExplicitAny: sandboxed programs get loose typings of Node, like JavaScript.
// The part of Node's API sandboxed TypeScript programs may use without @types/node,
// which Debian does not package. tsc compiles main.ts together with this file.
declare function require(id: string): any;
declare const process: {
  stdin: any;
  stdout: { write(text: string): boolean };
  stderr: { write(text: string): boolean };
  argv: string[];
  env: Record<string, string | undefined>;
  exit(code?: number): never;
  exitCode: number | undefined;
  hrtime: { bigint(): bigint };
  on(event: string, listener: (...args: any[]) => void): void;
};
declare const console: {
  log(...values: unknown[]): void;
  error(...values: unknown[]): void;
  info(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  debug(...values: unknown[]): void;
};
declare const Buffer: any;
declare const module: any;
declare const exports: any;
declare function setTimeout(callback: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function clearTimeout(handle: any): void;
declare function setInterval(callback: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function clearInterval(handle: any): void;
declare function setImmediate(callback: (...args: any[]) => void, ...args: any[]): any;
declare function queueMicrotask(callback: () => void): void;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: Uint8Array): string;
}
