import type { UserRecord } from "../../../bff/src/models/user/user.schema";
import { JobModel } from "../../../bff/src/models/job/job.schema";
import { buildCitizen, tokenFor } from "../../support/factories";
import type { TestServer } from "../../support/server";

export const TEMPLATES = {
  WECHAT_TEMPLATE_LIST_UPDATE: "TPL_LIST_UPDATE_0001",
  WECHAT_TEMPLATE_POLICY_UPDATE: "TPL_POLICY_UPDATE_0002",
  WECHAT_TEMPLATE_COMPLAINT_PROGRESS: "TPL_COMPLAINT_0003",
};

export interface Subscriber {
  user: UserRecord;
  token: string;
  openid: string;
}

/** A citizen with a token. */
export async function citizen(server: TestServer): Promise<Subscriber> {
  const user = await buildCitizen();
  return { user, token: tokenFor(server, user), openid: user.openid! };
}

/** Saves topics through the API. */
export async function follow(
  server: TestServer,
  s: Subscriber,
  topics: Partial<{ listAll: boolean; items: string[]; industries: string[]; categories: string[] }>,
): Promise<void> {
  const res = await server.put("/api/v1/subscriptions", { token: s.token, body: { listAll: false, items: [], industries: [], categories: [], ...topics } });
  if (res.status !== 200) throw new Error(`subscribe failed: ${res.status} ${res.text}`);
}

/** Records `times` acceptances of a template, as the mini-program reports them. */
export async function consent(server: TestServer, s: Subscriber, templateId: string, times = 1, result = "accept"): Promise<void> {
  for (let i = 0; i < times; i++) {
    const res = await server.post("/api/v1/subscriptions/consents", { token: s.token, body: { results: { [templateId]: result }, errMsg: "requestSubscribeMessage:ok" } });
    if (res.status !== 200) throw new Error(`consent failed: ${res.status} ${res.text}`);
  }
}

/** Lets every pending job (including retries waiting for their backoff) run now, until none is left. */
export async function drainAll(server: TestServer): Promise<void> {
  for (let round = 0; round < 10; round++) {
    await JobModel.updateMany({ state: "pending" }, { $set: { runAt: new Date(0) } });
    if ((await server.drainJobs()) === 0) return;
  }
}
