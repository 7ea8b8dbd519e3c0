// Day keys in local time; dayKeyAt() remembers the last day it worked out and must still give
// exactly dayKey(new Date(ms)) for any instant, in any order, across midnights.
import { strict as assert } from 'node:assert';
import { addDays, dayKey, dayKeyAt } from '../../../../src/core/usage/dates';

describe('usage dates', () => {
  it('dayKeyAt(ms) is dayKey(new Date(ms)) for instants around local midnights, in any order', () => {
    const start = new Date(2026, 0, 1).getTime();
    const instants: number[] = [];
    // Every day of a year (both DST changes, where the zone has them): a millisecond either side of midnight and noon.
    for (let d = 0; d < 366; d++) {
      const midnight = addDays(new Date(start), d).getTime();
      instants.push(midnight - 1, midnight, midnight + 1, midnight + 12 * 3_600_000);
    }
    for (const ms of instants) assert.equal(dayKeyAt(ms), dayKey(new Date(ms)), new Date(ms).toString());
    // Back and forth, so the remembered day is left and found again.
    for (const ms of [...instants].reverse()) assert.equal(dayKeyAt(ms), dayKey(new Date(ms)));
    for (let i = 0; i < instants.length; i += 7) assert.equal(dayKeyAt(instants[(i * 131) % instants.length]!), dayKey(new Date(instants[(i * 131) % instants.length]!)));
  });
});
