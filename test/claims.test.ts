import { describe, expect, it } from "vitest";
import { claimFiles, closeClaims, newClaims } from "../src/run/batches.js";

describe("claiming files", () => {
  it("takes up to the limit among the files sent while the tree is walked", () => {
    const claims = newClaims();
    expect(claimFiles(claims, 0, 2, 48)).toBeUndefined();
    expect(claimFiles(claims, 100, 2, 48)).toEqual({ from: 0, count: 48 });
    expect(claimFiles(claims, 100, 2, 48)).toEqual({ from: 48, count: 48 });
    expect(claimFiles(claims, 100, 2, 48)).toEqual({ from: 96, count: 4 });
    expect(claimFiles(claims, 100, 2, 48)).toBeUndefined();
  });

  it("takes a shrinking share of what is left once the total is known, each file once", () => {
    const claims = newClaims();
    closeClaims(claims, 500);
    const sizes: number[] = [];
    const taken = new Set<number>();
    for (let claim = claimFiles(claims, 500, 2, 48); claim; claim = claimFiles(claims, 500, 2, 48)) {
      sizes.push(claim.count);
      for (let file = claim.from; file < claim.from + claim.count; file++) taken.add(file);
    }
    expect(taken.size).toBe(500);
    expect(Math.min(...taken)).toBe(0);
    expect(Math.max(...taken)).toBe(499);
    expect(sizes.slice(0, 5)).toEqual([48, 48, 48, 48, 48]);
    expect(sizes.at(-1)).toBe(1);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });
});
