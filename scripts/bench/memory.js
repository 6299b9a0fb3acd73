// Peak resident memory of a process tree (the CLI and every terraform it starts), sampled from
// /proc: the figure that matters with --jobs N is the sum over concurrent terraform processes.
import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;

function table() {
  const out = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const rss = Number(readFileSync(`/proc/${name}/statm`, 'utf8').split(' ')[1]) * PAGE;
      out.set(Number(name), { ppid, rss });
    } catch {
      // The process ended between readdir and read.
    }
  }
  return out;
}

/** Samples the tree under pid every `ms` until stop() is called; stop() returns the peak in bytes. */
export function sampleTree(pid, ms = 50) {
  let peak = 0;
  const tick = () => {
    const t = table();
    const tree = new Set([pid]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [p, { ppid }] of t) if (!tree.has(p) && tree.has(ppid)) tree.add(p), (grew = true);
    }
    let sum = 0;
    for (const p of tree) sum += t.get(p)?.rss ?? 0;
    peak = Math.max(peak, sum);
  };
  const timer = setInterval(tick, ms);
  return { stop: () => (clearInterval(timer), tick(), peak) };
}
