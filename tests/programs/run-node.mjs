// Must run before anything touches WASI: works around a node 20 crash in WASI calls made through V8's fast API
// path (see perf/kernels/run-node.mjs).
import v8 from 'node:v8';
v8.setFlagsFromString('--no-turbo-fast-api-calls');

// run-node.mjs - the reference run of a WASI preview1 program for the differential tests: node's built-in WASI
// with exactly the argv, environment and preopened directories given, nothing inherited from node's process.
//
// Usage: node run-node.mjs [--dir HOST::GUEST]... [--env K=V]... -- file.wasm argv0 [args...]
//
//   stdin, stdout, stderr: node's own (the test pipes them)
//   exit status:           the program's exit code; 134 if it traps; 2 on usage errors
import { readFile } from 'node:fs/promises';

const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const text = typeof warning === 'string' ? warning : warning?.message;
  if (typeof text === 'string' && text.includes('WASI')) return;
  return emitWarning.call(process, warning, ...rest);
};
const { WASI } = await import('node:wasi');

const argv = process.argv.slice(2);
const preopens = {};
const env = {};
let i = 0;
for (; i < argv.length && argv[i] !== '--'; i++) {
  if (argv[i] === '--dir' && i + 1 < argv.length) {
    const spec = argv[++i];
    const sep = spec.lastIndexOf('::');
    preopens[sep >= 0 ? spec.slice(sep + 2) : spec] = sep >= 0 ? spec.slice(0, sep) : spec;
  } else if (argv[i] === '--env' && i + 1 < argv.length) {
    const kv = argv[++i];
    const eq = kv.indexOf('=');
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  } else {
    process.stderr.write(`run-node: unknown option ${argv[i]}\n`);
    process.exit(2);
  }
}
const [file, ...args] = argv.slice(i + 1);
if (!file || args.length === 0) {
  process.stderr.write('usage: node run-node.mjs [--dir HOST::GUEST]... [--env K=V]... -- file.wasm argv0 [args...]\n');
  process.exit(2);
}

const wasi = new WASI({ version: 'preview1', args, env, preopens, returnOnExit: true });
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
