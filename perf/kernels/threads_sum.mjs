// threads_sum.mjs - drive threads_sum.wasm on node's worker_threads (node 20: wasm threads need no flag).
//
// Usage: node perf/kernels/threads_sum.mjs [threads_sum.wasm] [maxWorkers=2] [len=4000000] [chunk=16384] [rounds=24] [reps=5]
//
// One shared WebAssembly.Memory and one compiled module are handed to every worker thread, which instantiates the
// module against the memory. For each worker count n = 1..maxWorkers, each repetition: the main thread calls
// setup(), wakes the n workers through a generation counter at byte 48 (Atomics.notify), each worker runs
// worker(id, n), and the main thread blocks in the module's own wait_all(n, -1) (memory.atomic.wait32; node lets
// the main thread wait). It checks sum() == reference() and that the chunk counts add up, and prints the best time
// per n, the speed-up over n = 1, and the process's cpu time / wall time for that run (how many cores it really got).
import { Worker, isMainThread, workerData, parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const GEN = 48 / 4; // Int32Array index of the driver's generation counter

if (isMainThread) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const [file = path.join(here, 'threads_sum.wasm'), maxWorkers = '2', len = '4000000', chunk = '16384', rounds = '24', reps = '5'] =
    process.argv.slice(2);
  const module = new WebAssembly.Module(readFileSync(file));
  const memory = new WebAssembly.Memory({ initial: 512, maximum: 512, shared: true });
  const main = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const control = new Int32Array(memory.buffer);

  main.setup(+len, +chunk, +rounds);
  let t = performance.now();
  const reference = main.reference();
  console.log(`len ${len} chunk ${chunk} rounds ${rounds}: reference ${reference} (single-thread plain loop ${(performance.now() - t).toFixed(0)} ms)`);

  const chunks = Math.ceil(+len / +chunk);
  let base = 0;
  for (let n = 1; n <= +maxWorkers; n++) {
    const ready = [], exited = [];
    for (let id = 0; id < n; id++) {
      const w = new Worker(fileURLToPath(import.meta.url), { workerData: { module, memory, id, n } });
      ready.push(new Promise((resolve, reject) => { w.on('message', resolve); w.on('error', reject); }));
      exited.push(new Promise((resolve) => w.on('exit', resolve)));
    }
    await Promise.all(ready); // each posts 'ready' after instantiating
    let best = Infinity, bestCpu = 0;
    for (let r = 0; r < +reps; r++) {
      main.setup(+len, +chunk, +rounds);
      const cpu0 = process.cpuUsage(); // the whole process: all worker threads (the main thread is parked)
      t = performance.now();
      Atomics.add(control, GEN, 1);
      Atomics.notify(control, GEN);
      if (main.wait_all(n, -1n) !== 0) throw new Error('wait_all timed out');
      const ms = performance.now() - t;
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      if (ms < best) { best = ms; bestCpu = cpuMs; }
      const sum = main.sum();
      let taken = 0;
      for (let id = 0; id < n; id++) taken += main.chunks_of(id);
      if (sum !== reference || taken !== chunks) {
        throw new Error(`n=${n} rep ${r}: sum ${sum} (want ${reference}), chunks ${taken} (want ${chunks})`);
      }
      const per = Array.from({ length: n }, (_, id) => main.chunks_of(id)).join('+');
      console.log(`  n=${n} rep ${r}: ${ms.toFixed(1)} ms wall, ${cpuMs.toFixed(0)} ms cpu, chunks ${per}, max ${main.max()}`);
    }
    Atomics.store(control, GEN, -1); // stop the workers
    Atomics.notify(control, GEN);
    if (n === 1) base = best;
    // cpu/wall near n means the n workers really ran at once; below that the machine did not give us n cores.
    console.log(`workers ${n}: best ${best.toFixed(1)} ms, speed-up ${(base / best).toFixed(2)}x, cpu/wall ${(bestCpu / best).toFixed(2)}, checksum ${reference}`);
    await Promise.all(exited); // before the counter is reset, or a late worker would see a new generation
    Atomics.store(control, GEN, 0);
  }
} else {
  const { module, memory, id, n } = workerData;
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const control = new Int32Array(memory.buffer);
  let gen = Atomics.load(control, GEN);
  parentPort.postMessage('ready');
  for (;;) {
    Atomics.wait(control, GEN, gen);
    const now = Atomics.load(control, GEN);
    if (now < 0) break;
    if (now === gen) continue;
    gen = now;
    exports.worker(id, n);
  }
  process.exit(0);
}
