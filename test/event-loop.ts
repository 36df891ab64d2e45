/**
 * Lets the event loop turn. A test that runs for long on promises alone (each await resolved at
 * once) never does, and vitest's worker cannot answer its runner: on a busy machine the runner
 * gives up after a minute ("Timeout calling onTaskUpdate") though every test passes.
 */
export function turnEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
