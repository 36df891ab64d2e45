import type { RuleDoc, Transform } from "../src/types.js";
import { exposedDebugger } from "./exposed-debugger.js";
import { indirectServerStart } from "./indirect-server-start.js";
import { nestedServerStart } from "./nested-server-start.js";
import { serverStart } from "./server-start.js";

/** Every transform, in rule order. */
export const TRANSFORMS: readonly Transform[] = [serverStart, nestedServerStart, indirectServerStart, exposedDebugger];

export const RULES: readonly RuleDoc[] = TRANSFORMS.flatMap((transform) => transform.rules);
