// first-instruction.mjs IN.wasm OUT.wasm
//
// Makes the time-to-first-instruction probe of a WASI command: OUT is IN with one function appended,
// `(func (call $proc_exit (i32.const 0)))`, and `_start` exported as that function. Everything else (all of IN's
// code, data and custom sections) is unchanged, so an engine still loads, validates and instantiates the whole
// module, then exits at the first instruction it executes. Run it under wasmjit and under node's WASI: the whole
// process time of each is "start-up to first instruction" for the same module, measured the same way.
// Used by perf/startup.sh on CPython's python.wasm (26 MB, from npm; never committed).
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node first-instruction.mjs IN.wasm OUT.wasm');
  process.exit(2);
}
const bytes = readFileSync(input);

function readU32(buf, pos) {
  let result = 0, shift = 0, b;
  do {
    b = buf[pos++];
    result |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  return [result >>> 0, pos];
}
function u32(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}
function name(buf, pos) {
  const [len, p] = readU32(buf, pos);
  return [buf.subarray(p, p + len).toString('utf8'), p + len];
}
function section(id, content) {
  return Buffer.concat([Buffer.from([id, ...u32(content.length)]), content]);
}

// Split into sections.
const sections = [];
let pos = 8;
while (pos < bytes.length) {
  const id = bytes[pos];
  const [size, p] = readU32(bytes, pos + 1);
  sections.push({ id, content: bytes.subarray(p, p + size) });
  pos = p + size;
}
const get = (id) => sections.find((s) => s.id === id);

// The type () -> () and proc_exit's function index.
const types = get(1).content;
let [typeCount, tp] = readU32(types, 0);
let voidType = -1;
for (let i = 0; i < typeCount; i++) {
  if (types[tp] !== 0x60) throw new Error('only plain function types are supported');
  const [np, a] = readU32(types, tp + 1);
  let q = a;
  for (let k = 0; k < np; k++) q += 1;
  const [nr, b] = readU32(types, q);
  q = b;
  for (let k = 0; k < nr; k++) q += 1;
  if (np === 0 && nr === 0 && voidType < 0) voidType = i;
  tp = q;
}
if (voidType < 0) throw new Error('no () -> () type in the module');

const imports = get(2).content;
let [importCount, ip] = readU32(imports, 0);
let funcImports = 0, procExit = -1;
for (let i = 0; i < importCount; i++) {
  let mod, field;
  [mod, ip] = name(imports, ip);
  [field, ip] = name(imports, ip);
  const kind = imports[ip++];
  if (kind === 0) {
    if (mod === 'wasi_snapshot_preview1' && field === 'proc_exit') procExit = funcImports;
    funcImports++;
    [, ip] = readU32(imports, ip);
  } else {
    throw new Error('only function imports are supported');
  }
}
if (procExit < 0) throw new Error('the module does not import proc_exit');

// Append the function.
const funcs = get(3).content;
const [definedCount, fp] = readU32(funcs, 0);
get(3).content = Buffer.concat([Buffer.from(u32(definedCount + 1)), funcs.subarray(fp), Buffer.from(u32(voidType))]);
const code = get(10).content;
const [bodyCount, cp] = readU32(code, 0);
const body = Buffer.from([0x00, 0x41, 0x00, 0x10, ...u32(procExit), 0x0b]); // no locals; i32.const 0; call; end
get(10).content = Buffer.concat([Buffer.from(u32(bodyCount + 1)), code.subarray(cp), Buffer.from(u32(body.length)), body]);
const probe = funcImports + definedCount;

// Point _start at it.
const exports = get(7).content;
let [exportCount, ep] = readU32(exports, 0);
const parts = [Buffer.from(u32(exportCount))];
for (let i = 0; i < exportCount; i++) {
  const start = ep;
  let field;
  [field, ep] = name(exports, ep);
  const kind = exports[ep++];
  const [index, next] = readU32(exports, ep);
  ep = next;
  if (field === '_start' && kind === 0) {
    parts.push(Buffer.from([...u32(Buffer.byteLength(field)), ...Buffer.from(field), 0, ...u32(probe)]));
  } else {
    parts.push(exports.subarray(start, ep));
  }
}
get(7).content = Buffer.concat(parts);

const out = Buffer.concat([bytes.subarray(0, 8), ...sections.map((s) => section(s.id, s.content))]);
writeFileSync(output, out);
console.log(`${output}: ${bytes.length} -> ${out.length} bytes; _start = func ${probe} (calls proc_exit, import ${procExit})`);
