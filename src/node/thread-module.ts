/**
 * A worker thread's module, as seen from `caller` (its `import.meta.url`): beside the bundle's
 * entries (`dist/<bundled>`) when the caller sits in a shared chunk (dist/chunks/, see
 * scripts/bundle.mjs), else `built`, beside the caller (the tsc build, or the entry itself).
 */
export function threadModule(caller: string, bundled: string, built: string): URL {
  return new URL(/\/chunks\/[^/]*$/.test(caller) ? `../${bundled}` : `./${built}`, caller);
}
