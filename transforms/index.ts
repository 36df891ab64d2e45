import type { RuleDoc, Transform } from "../src/types.js";
import { serverStart } from "./server-start.js";

/** Every transform, in the order their findings are reported. */
export const TRANSFORMS: readonly Transform[] = [serverStart];

export const RULES: readonly RuleDoc[] = TRANSFORMS.flatMap((transform) => transform.rules);
