import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** examples/deploy, whatever the working directory of the test run. */
export const deployDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const baseDir = join(deployDir, 'k8s', 'base');
export const fluentBitConf = join(baseDir, 'fluent-bit', 'fluent-bit.conf');
export const luaFilter = join(baseDir, 'fluent-bit', 'ecs-kubernetes.lua');
