import { describe, expect, it } from 'vitest';
import { POSITION_STEP, positionAtIndex, positionBetween } from './board-position.ts';

describe('positionBetween', () => {
  it('takes the midpoint between two neighbours', () => {
    expect(positionBetween(1024, 2048)).toBe(1536);
    expect(positionBetween(-10, 10)).toBe(0);
  });

  it('steps past the neighbour at either end', () => {
    expect(positionBetween(3072, undefined)).toBe(3072 + POSITION_STEP);
    expect(positionBetween(undefined, 1024)).toBe(0);
  });

  it('starts an empty column at one step', () => {
    expect(positionBetween(undefined, undefined)).toBe(POSITION_STEP);
  });

  it('keeps finding room between close neighbours', () => {
    let after = 2;
    for (let i = 0; i < 40; i++) {
      const mid = positionBetween(1, after);
      expect(mid).toBeGreaterThan(1);
      expect(mid).toBeLessThan(after);
      after = mid;
    }
  });
});

describe('positionAtIndex', () => {
  const column = [{ position: 1024 }, { position: 2048 }, { position: 3072 }];

  it('places a task between the cards around the index', () => {
    expect(positionAtIndex(column, 0)).toBe(0);
    expect(positionAtIndex(column, 1)).toBe(1536);
    expect(positionAtIndex(column, 2)).toBe(2560);
    expect(positionAtIndex(column, 3)).toBe(4096);
  });

  it('clamps indexes outside the column to its ends', () => {
    expect(positionAtIndex(column, -5)).toBe(0);
    expect(positionAtIndex(column, 99)).toBe(4096);
    expect(positionAtIndex([], 3)).toBe(POSITION_STEP);
  });
});
