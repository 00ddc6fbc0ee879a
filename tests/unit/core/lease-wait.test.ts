import { describe, expect, it } from 'vitest';
import { leaseWaitSeconds } from '../../../lambdas/core/delivery/lease-wait.js';

describe('how long a copy waits for another copy’s claim', () => {
  const now = 1_000_000;
  it('waits what is left of the lease, and a second for the clocks', () => {
    expect(leaseWaitSeconds(now + 12_300, now, 35)).toBe(14);
    expect(leaseWaitSeconds(now + 1, now, 35)).toBe(2);
  });
  it('waits a second for a lease that has just run out', () => expect(leaseWaitSeconds(now - 5_000, now, 35)).toBe(1));
  it('never waits more than a whole lease, nor less when the lease is not known', () => {
    expect(leaseWaitSeconds(now + 10 * 60_000, now, 35)).toBe(35);
    expect(leaseWaitSeconds(undefined, now, 60)).toBe(60);
  });
});
