import { createHash, randomBytes } from "node:crypto";

export const PUSH_TOKEN = "lushanpushtoken";

/** Query string WeChat adds to message pushes: signature = sha1(sorted token, timestamp, nonce). */
export function signedPushQuery(token = PUSH_TOKEN, at = Math.floor(Date.now() / 1000)): Record<string, string> {
  const timestamp = String(at);
  const nonce = randomBytes(6).toString("hex");
  const signature = createHash("sha1").update([token, timestamp, nonce].sort().join("")).digest("hex");
  return { signature, timestamp, nonce };
}

/** The JSON body of a wxa_media_check event. */
export function mediaCheckEvent(traceId: string, suggest: "pass" | "risky" | "review") {
  return {
    ToUserName: "gh_fake",
    FromUserName: "oFake",
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: "event",
    Event: "wxa_media_check",
    appid: "wx_fake_appid_0001",
    trace_id: traceId,
    version: 2,
    detail: [{ strategy: "content_model", errcode: 0, suggest, label: suggest === "pass" ? 100 : 20002, prob: 90 }],
    errcode: 0,
    errmsg: "ok",
    result: { suggest, label: suggest === "pass" ? 100 : 20002 },
  };
}
