// LiteRT.js (TensorFlow Lite's successor, compiled to WebAssembly) as a bit-by-bit oracle for
// conformance-tests' LiteRtOracle. One process serves every model of a test run over stdin/stdout,
// little-endian int32 framing:
//   request 1, length, .tflite bytes  -> input size, output size   (or -1, message length, UTF-8 message)
//   request 2, input bytes (int8)      -> output bytes (int8)
// stdout carries only these answers: LiteRT's own logging goes to stderr.
// Usage: node litert-oracle.mjs NODE_MODULES_DIR   (where npm installed @litertjs/core)
import fs from 'fs';
import path from 'path';
import vm from 'vm';
import {createRequire} from 'module';
import {pathToFileURL} from 'url';

const modules = path.resolve(process.argv[2]);
const core = path.join(modules, '@litertjs', 'core');
const wasm = path.join(core, 'wasm') + '/';
console.log = console.error;
console.info = console.error;

// LiteRT.js is written for browsers and workers: it loads its Emscripten glue with importScripts and reads
// `self`. Node has neither; these stand in, and the glue then takes its Node path (__dirname, require).
globalThis.self = globalThis;
globalThis.__dirname = wasm;
globalThis.__filename = path.join(wasm, 'loader.js');
globalThis.require = createRequire(pathToFileURL(path.join(core, 'package.json')));
globalThis.importScripts = (url) => {
  const file = String(url).startsWith('file:') ? new URL(url).pathname : String(url);
  vm.runInThisContext(fs.readFileSync(file, 'utf8'), {filename: file});
};
const {loadLiteRt, loadAndCompile, Tensor} = await import(pathToFileURL(path.join(core, 'dist', 'index.js')));
await loadLiteRt(wasm);

let pending = Buffer.alloc(0);
const waiting = [];
function pump() {
  while (waiting.length > 0 && pending.length >= waiting[0].bytes) {
    const {bytes, resolve} = waiting.shift();
    resolve(Buffer.from(pending.subarray(0, bytes)));
    pending = pending.subarray(bytes);
  }
}
process.stdin.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  pump();
});
process.stdin.on('end', () => process.exit(0));
const read = (bytes) => new Promise((resolve) => {
  waiting.push({bytes, resolve});
  pump();
});
const readInt = async () => (await read(4)).readInt32LE(0);
function writeInts(...values) {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeInt32LE(v, 4 * i));
  process.stdout.write(b);
}
const size = (shape) => Array.from(shape).reduce((a, b) => a * b, 1);

let model = null;
let inputShape = null;
let inputSize = 0;
let outputSize = 0;
for (;;) {
  const request = await readInt();
  if (request === 1) {
    const bytes = new Uint8Array(await read(await readInt()));
    try {
      if (model) {
        model.delete();
      }
      model = await loadAndCompile(bytes, {accelerator: 'wasm'});
      inputShape = Array.from(model.getInputDetails()[0].shape);
      inputSize = size(inputShape);
      outputSize = size(model.getOutputDetails()[0].shape);
      writeInts(inputSize, outputSize);
    } catch (e) {
      model = null;
      const message = Buffer.from(String(e && e.message ? e.message : e), 'utf8');
      writeInts(-1, message.length);
      process.stdout.write(message);
    }
  } else if (request === 2) {
    const x = await read(inputSize);
    const input = new Tensor(new Int8Array(x.buffer, x.byteOffset, inputSize).slice(), inputShape);
    const results = await model.run([input]);
    const output = await results[0].moveTo('wasm');
    const y = output.toTypedArray();
    process.stdout.write(Buffer.from(y.buffer, y.byteOffset, outputSize));
    input.delete();
    results.forEach((t) => t.delete());
    if (output !== results[0]) {
      output.delete();
    }
  } else {
    throw new Error('unknown request ' + request);
  }
}
