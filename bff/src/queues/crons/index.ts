import type { CronDefinition } from "../scheduler";
import { complaintDeadlinesCron } from "./complaintDeadlines";
import { uploadUpkeepCron } from "./uploadUpkeep";
import { articleSyncCron } from "./articleSync";
import { hotlineDispatchCron, hotlinePullCron } from "./hotline";
import { ledgerOverdueCron } from "./ledgerOverdue";

/** Every scheduled task of the application. Modules add their schedules to this list. */
export const crons: CronDefinition[] = [complaintDeadlinesCron, uploadUpkeepCron, articleSyncCron, hotlineDispatchCron, hotlinePullCron, ledgerOverdueCron];
