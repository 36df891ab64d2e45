/** A progress bar on a terminal's stderr for runs that take a while; silent in pipes and CI. */
export interface Progress {
  tick(): void;
  done(): void;
}

/** A run shorter than this shows no bar at all. */
const SHOW_AFTER_MS = 500;
const REDRAW_EVERY_MS = 100;
const WIDTH = 30;

export function progressBar(total: number, stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY || process.env.CI) return { tick() {}, done() {} };
  const started = Date.now();
  let count = 0;
  let drawnAt = 0;
  let drawn = false;
  return {
    tick() {
      count++;
      const now = Date.now();
      if (now - started < SHOW_AFTER_MS || now - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = now;
      drawn = true;
      const filled = Math.round((count / total) * WIDTH);
      stream.write(`\r[${"#".repeat(filled)}${" ".repeat(WIDTH - filled)}] ${count}/${total} files`);
    },
    done() {
      if (drawn) stream.write("\r\x1b[2K");
    },
  };
}
