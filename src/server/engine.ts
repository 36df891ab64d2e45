/**
 * The core and Node's parser, loaded once `initialize` is answered: the editor waits for that
 * answer, and the first document arrives after it.
 */
let loading: Promise<typeof import("../index.js")> | undefined;

export function loadEngine(): Promise<typeof import("../index.js")> {
  loading ??= import("../index.js");
  return loading;
}
