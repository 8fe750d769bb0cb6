// Must run before anything touches WASI: works around a node 20 crash in
// WASI calls made through V8's fast API path.
import v8 from 'node:v8';
v8.setFlagsFromString('--no-turbo-fast-api-calls');

// run-node.mjs - run a wasm32-wasi command module under node's built-in WASI.
//
// Usage: node perf/kernels/run-node.mjs file.wasm [args...]
//
//   argv seen by the module: [file.wasm, args...]
//   environment:             node's process.env, passed through
//   preopened directories:   none
//   exit status:             the module's exit code (proc_exit or return from
//                            main); 134 if the module traps; 2 on usage errors
import { readFile } from 'node:fs/promises';

// Silence only node's "WASI is an experimental feature" warning on stderr.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const text = typeof warning === 'string' ? warning : warning?.message;
  if (typeof text === 'string' && text.includes('WASI')) return;
  return emitWarning.call(process, warning, ...rest);
};
const { WASI } = await import('node:wasi');

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node run-node.mjs file.wasm [args...]\n');
  process.exit(2);
}

const wasi = new WASI({
  version: 'preview1',
  args: [file, ...args],
  env: process.env,
  preopens: {},
  returnOnExit: true,
});

let code;
try {
  const module = await WebAssembly.compile(await readFile(file));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  code = wasi.start(instance);
} catch (err) {
  process.stderr.write(`run-node: ${err instanceof WebAssembly.RuntimeError ? 'trap' : 'error'}: ${err?.stack ?? err}\n`);
  code = err instanceof WebAssembly.RuntimeError ? 134 : 1;
}
process.exitCode = code ?? 0;
