import type { Processor } from "../processor";

/** Every event processor of the application. Modules add their processors to this list. */
export const processors: Processor[] = [];
