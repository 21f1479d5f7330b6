import type { Processor } from "../processor";
import { complaintNotificationProcessor, editionPostProcessor, postNotificationProcessor } from "./notifications";
import { hotlineDeadAlertProcessor } from "./hotline";
import { ledgerNoticeProcessor } from "./ledgerNotices";

/** Every event processor of the application. Modules add their processors to this list. */
export const processors: Processor[] = [editionPostProcessor as Processor, postNotificationProcessor as Processor, complaintNotificationProcessor as Processor, hotlineDeadAlertProcessor as Processor, ledgerNoticeProcessor as Processor];
