// What the numbers were measured on. Printed with every run and written into RESULTS.md,
// because absolute figures only mean something next to the machine and its load.
import { spawnSync } from 'node:child_process';
import os from 'node:os';

/** True when `taskset` (util-linux) runs and at least 2 cores are available to us. */
export function tasksetAvailable() {
  if (os.availableParallelism() < 2) return false;
  const probe = spawnSync('taskset', ['-c', '0', process.execPath, '-e', '0'], { stdio: 'ignore' });
  return probe.status === 0;
}

/**
 * @param {{ taskset: boolean }} options
 * @example machineInfo({ taskset: true }).cpuModel
 */
export function machineInfo(options) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    totalMemoryMiB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    taskset: options.taskset,
  };
}
