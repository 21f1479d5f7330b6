import type { Processor } from "../processor";
import { complaintNotificationProcessor, editionPostProcessor, postNotificationProcessor } from "./notifications";

/** Every event processor of the application. Modules add their processors to this list. */
export const processors: Processor[] = [editionPostProcessor as Processor, postNotificationProcessor as Processor, complaintNotificationProcessor as Processor];
