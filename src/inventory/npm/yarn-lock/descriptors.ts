import { splitNameRange } from '../js-common.ts';

/**
 * Lockfile entries by descriptor (`name@range`), looked up by name and range separately: a
 * dependency block gives the two apart, and joining them for 50k lookups costs more than the parse.
 */
export class DescriptorIndex {
  private readonly byName = new Map<string, Map<string, string>>();

  /** Indexes `descriptor` unless it is already indexed (the first entry to claim it keeps it). */
  add(descriptor: string, id: string): void {
    const { name, range } = splitNameRange(descriptor);
    let ranges = this.byName.get(name);
    if (!ranges) {
      ranges = new Map();
      this.byName.set(name, ranges);
    }
    if (!ranges.has(range)) ranges.set(range, id);
  }

  get(name: string, range: string): string | undefined {
    return this.byName.get(name)?.get(range);
  }
}
