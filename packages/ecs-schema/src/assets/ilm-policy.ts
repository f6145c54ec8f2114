import { byteSizeOption, durationOption } from './asset-options.js';

/** Options of `ilmPolicy()`. */
export interface IlmPolicyOptions {
  /** Age (from rollover, or index creation without rollover) after which an index is deleted. Default `'7d'`. */
  deleteAfter?: string;
  /** Roll over when a primary shard reaches this size (`max_primary_shard_size`). Default `'50gb'`. */
  rolloverMaxSize?: string;
  /** Roll over at this age. Default `'1d'`. */
  rolloverMaxAge?: string;
  /**
   * Include the hot-phase rollover. Needs a data stream (or a rollover alias); turn it off for
   * plain daily indices, where a rollover action would leave ILM stuck in an error step and the
   * delete phase would never run. Default `true`.
   */
  rollover?: boolean;
}

/** An ILM policy body for `PUT _ilm/policy/<name>`. */
export interface IlmPolicy {
  policy: {
    _meta: { managed_by: string };
    phases: {
      hot: { min_age: string; actions: Record<string, unknown> };
      delete: { min_age: string; actions: { delete: Record<string, never> } };
    };
  };
}

/**
 * Builds the log retention policy: hot phase with rollover, delete phase after `deleteAfter`.
 * The defaults match the reference cluster, which keeps about 50 GB for 7 days.
 *
 * @example
 * ilmPolicy(); // rollover at 50gb per primary shard or 1d, delete after 7d
 * ilmPolicy({ deleteAfter: '30d', rollover: false }); // daily indices, kept 30 days
 */
export function ilmPolicy(options: IlmPolicyOptions = {}): IlmPolicy {
  const deleteAfter = durationOption('deleteAfter', options.deleteAfter ?? '7d');
  const maxSize = byteSizeOption('rolloverMaxSize', options.rolloverMaxSize ?? '50gb');
  const maxAge = durationOption('rolloverMaxAge', options.rolloverMaxAge ?? '1d');
  const rollover = options.rollover ?? true;
  return {
    policy: {
      _meta: { managed_by: '@ecotrace/ecs-schema' },
      phases: {
        hot: {
          min_age: '0ms',
          actions: rollover
            ? { rollover: { max_primary_shard_size: maxSize, max_age: maxAge } }
            : {},
        },
        delete: { min_age: deleteAfter, actions: { delete: {} } },
      },
    },
  };
}
