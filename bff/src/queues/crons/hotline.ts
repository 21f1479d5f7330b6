import { HotlineDispatcher } from "../../hotline/dispatcher";
import { pullStatuses } from "../../hotline/statusPull";
import { defineCron } from "../scheduler";

/** One dispatcher (one lease owner id) per process and configuration. */
const dispatchers = new WeakMap<object, HotlineDispatcher>();

/**
 * Every 2 seconds: pushes due 12345 work orders to the platform (or, without a platform, hands
 * them to the in-product operator queue). Each record is claimed with its own lease, so a run
 * that overlaps another instance's never sends a record twice at once.
 */
export const hotlineDispatchCron = defineCron({
  name: "hotline.dispatch",
  intervalMs: 2_000,
  // A run stops claiming after its 10 s budget and then waits at most for the sends in flight
  // (HOTLINE_TIMEOUT_MS, 10 s by default). Without a bound the schedule lock of an instance that
  // crashed mid-run held every other instance off the 12345 queue for the default 60 s; records
  // carry their own leases, so an overlapping run after 25 s still sends nothing twice.
  timeoutMs: 25_000,
  async perform(ctx) {
    let dispatcher = dispatchers.get(ctx.config);
    if (!dispatcher) dispatchers.set(ctx.config, (dispatcher = new HotlineDispatcher({ config: ctx.config, log: ctx.log, budgetMs: 10_000 })));
    const summary = await dispatcher.runOnce();
    if (summary.dead) ctx.services.queue.nudge();
    if (summary.claimed || summary.local) ctx.log.info(summary, "12345 工单推送");
  },
});

/** Every minute: reads the platform's status of open work orders not checked recently (backstop for lost callbacks). */
export const hotlinePullCron = defineCron({
  name: "hotline.pull",
  intervalMs: 60_000,
  async perform(ctx) {
    const summary = await pullStatuses(ctx);
    if (summary.applied) ctx.services.queue.nudge();
    if (summary.orders) ctx.log.info(summary, "12345 工单状态查询");
  },
});
