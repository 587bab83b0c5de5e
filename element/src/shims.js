// Node-style globals that some dependencies of the SDK expect in the browser.
// esbuild "inject"s this file: every free reference to `process` or `Buffer`
// in the bundle is rewritten to these bindings.
import processShim from "process/browser.js";
import { Buffer as BufferShim } from "buffer/index.js";

export const process = processShim;
export const Buffer = BufferShim;
