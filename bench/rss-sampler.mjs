// Runs in a worker thread beside the scaling child's main thread: samples the process's resident
// memory every millisecond, even while the main thread is busy in synchronous signing code, and keeps
// the highest value (KiB) in shared memory slot 0. The main thread resets the slot before each size.
import { workerData } from 'node:worker_threads';

const peak = new Int32Array(workerData);
setInterval(() => {
  const kib = Math.round(process.memoryUsage.rss() / 1024);
  if (kib > Atomics.load(peak, 0)) Atomics.store(peak, 0, kib);
}, 1);
