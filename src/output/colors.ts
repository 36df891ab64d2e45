import pc from "picocolors";

export type Colors = ReturnType<typeof pc.createColors>;

/** Colour for a stream: --color/--no-color win, then NO_COLOR, then FORCE_COLOR, then "is it a terminal". */
export function colorsFor(stream: NodeJS.WriteStream, flag: boolean | undefined): Colors {
  const env = process.env;
  let enabled: boolean;
  if (flag !== undefined) enabled = flag;
  else if (env.NO_COLOR) enabled = false;
  else if (env.FORCE_COLOR !== undefined) enabled = env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  else enabled = stream.isTTY === true && env.TERM !== "dumb";
  return pc.createColors(enabled);
}
