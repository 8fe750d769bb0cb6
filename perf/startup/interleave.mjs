// interleave.mjs RUNS JSON-OUT -- CMD1 ::: CMD2 ::: ...
// Runs the commands in turn, RUNS rounds (one warm-up round first, not counted), and writes each command's wall
// times (ms) to JSON-OUT. Interleaving puts every command under the same machine conditions in each round, which
// matters on a shared machine whose speed drifts by tens of percent over a minute; per-round ratios against the last
// command (the reference) are reported too.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [runsArg, out, sep, ...rest] = process.argv.slice(2);
if (!runsArg || !out || sep !== '--') {
  console.error('usage: node interleave.mjs RUNS OUT.json -- CMD1 ::: CMD2 ...');
  process.exit(2);
}
const commands = rest.join(' ').split(':::').map((c) => c.trim()).filter(Boolean);
const times = commands.map(() => []);
for (let round = 0; round <= Number(runsArg); round++) {
  commands.forEach((cmd, i) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/bin/sh', ['-c', cmd], { stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status === null) throw new Error(`${cmd}: killed by ${r.signal}`);
    if (round > 0) times[i].push(ms);
  });
}
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const ref = times[times.length - 1];
const results = commands.map((command, i) => ({
  command,
  median: median(times[i]),
  min: Math.min(...times[i]),
  ratioMedian: median(times[i].map((t, k) => t / ref[k])),
  times: times[i],
}));
writeFileSync(out, JSON.stringify({ results }, null, 1));
