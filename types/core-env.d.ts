/**
 * The few host APIs src/core may use: they exist alike in browsers, workers and Node, so the core
 * stays runnable everywhere. Only tsconfig.core.json includes this file (it has no DOM or Node
 * types); add a declaration here only for an API every one of those hosts provides.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
