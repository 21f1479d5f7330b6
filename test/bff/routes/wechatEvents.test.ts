import { UploadModel } from "../../../bff/src/models/upload/upload.schema";
import { citizen, png, uploadFile } from "../../support/complaintFactories";
import { getTestServer } from "../../support/server";
import { mediaCheckEvent, PUSH_TOKEN, signedPushQuery } from "../../support/wechatPush";

describe("WeChat message push endpoint", () => {
  const server = getTestServer({ seed: true, wechat: true, env: { WECHAT_PUSH_TOKEN: PUSH_TOKEN, PUBLIC_BASE_URL: "https://lushan.example.gov.cn" } });
  const path = "/api/v1/integrations/wechat/events";

  it("answers WeChat's server-address check with echostr, only when signed", async () => {
    const ok = await server.get(path, { query: { ...signedPushQuery(), echostr: "hello123" } });
    expect([ok.status, ok.text]).toEqual([200, "hello123"]);
    const forged = await server.get(path, { query: { ...signedPushQuery("other-token"), echostr: "x" } });
    expect(forged.status).toBe(401);
    expect((await server.get(path, { query: { echostr: "x" } })).status).toBe(400);
  });

  it("refuses forged, stale and replayed pushes, and ignores verdicts for unknown or settled traces", async () => {
    const me = await citizen(server);
    const up = await uploadFile(server, me.token, await png());
    await server.drainJobs();
    const { traceId } = server.wechat!.mediaChecks.at(-1)!;
    const event = mediaCheckEvent(traceId, "pass");
    expect((await server.post(path, { query: signedPushQuery("other-token"), body: event })).status).toBe(401);
    const stale = signedPushQuery(PUSH_TOKEN, Math.floor(Date.now() / 1000) - 3_600);
    expect((await server.post(path, { query: stale, body: event })).status).toBe(401);
    expect((await UploadModel.findById(up.body.id).lean())!.status).toBe("pending");
    const query = signedPushQuery();
    expect((await server.post(path, { query, body: mediaCheckEvent(traceId, "risky") })).text).toBe("success");
    // The same signed query again (a captured push replayed with another body) is refused.
    expect((await server.post(path, { query, body: event })).status).toBe(401);
    expect((await UploadModel.findById(up.body.id).lean())!.status).toBe("review");
    // A later "pass" for a trace already settled changes nothing; unknown traces are acknowledged and ignored.
    expect((await server.post(path, { query: signedPushQuery(), body: event })).text).toBe("success");
    expect((await UploadModel.findById(up.body.id).lean())!.status).toBe("review");
    expect((await server.post(path, { query: signedPushQuery(), body: mediaCheckEvent("unknown-trace", "pass") })).text).toBe("success");
  });

  it("acknowledges other event types without acting", async () => {
    const res = await server.post(path, { query: signedPushQuery(), body: { MsgType: "event", Event: "user_enter_tempsession" } });
    expect([res.status, res.text]).toEqual([200, "success"]);
  });
});
