import type { MessageView } from "@lushan/shared";
import { Types } from "mongoose";
import { MessageModel } from "../../../bff/src/models/message/message.schema";
import { buildStaff, missingId, tokenFor } from "../../support/factories";
import { getTestServer } from "../../support/server";
import { citizen, type Subscriber } from "../notifications/support";

type Inbox = { items: MessageView[]; total: number; unreadCount: number; page: number; pageSize: number };

async function deliver(s: Subscriber, n: number, kind: "policy" | "list" | "complaint" = "policy"): Promise<void> {
  const base = Date.now();
  await MessageModel.insertMany(
    Array.from({ length: n }, (_, i) => ({
      _id: new Types.ObjectId(),
      userId: s.user._id,
      notificationId: new Types.ObjectId(),
      kind,
      title: `通知${i}`,
      body: `内容${i}`,
      target: { type: kind === "complaint" ? "complaint" : "post", id: kind === "complaint" ? "LS202611240001" : new Types.ObjectId().toHexString() },
      page: "packages/account/messages/index",
      createdAt: new Date(base + i * 1000),
    })),
  );
}

describe("message center", () => {
  const server = getTestServer();

  it("requires a login", async () => {
    expect((await server.get("/api/v1/messages")).status).toBe(401);
    expect((await server.get("/api/v1/messages/unread-count")).status).toBe(401);
    expect((await server.post("/api/v1/messages/read-all")).status).toBe(401);
    expect((await server.post(`/api/v1/messages/${missingId()}/read`)).status).toBe(401);
  });

  it("lists newest first with the unread count, pages and filters", async () => {
    const s = await citizen(server);
    await deliver(s, 25);
    await deliver(s, 2, "complaint");
    const first = await server.get<Inbox>("/api/v1/messages", { token: s.token, query: { pageSize: 10 } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 27, unreadCount: 27, page: 1, pageSize: 10 });
    expect(first.body.items).toHaveLength(10);
    const times = first.body.items.map((m) => m.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const third = await server.get<Inbox>("/api/v1/messages", { token: s.token, query: { pageSize: 10, page: 3 } });
    expect(third.body.items).toHaveLength(7);
    const complaints = await server.get<Inbox>("/api/v1/messages", { token: s.token, query: { kind: "complaint" } });
    expect(complaints.body.total).toBe(2);
    expect(complaints.body.items[0].target).toEqual({ type: "complaint", id: "LS202611240001" });
  });

  it("marks one read (idempotently) and all read", async () => {
    const s = await citizen(server);
    await deliver(s, 3);
    const inbox = await server.get<Inbox>("/api/v1/messages", { token: s.token });
    const id = inbox.body.items[0].id;
    const read = await server.post<MessageView>(`/api/v1/messages/${id}/read`, { token: s.token });
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const again = await server.post<MessageView>(`/api/v1/messages/${id}/read`, { token: s.token });
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await server.get<{ unreadCount: number }>("/api/v1/messages/unread-count", { token: s.token })).body.unreadCount).toBe(2);
    const unread = await server.get<Inbox>("/api/v1/messages", { token: s.token, query: { unread: "true" } });
    expect(unread.body.items.map((m) => m.id)).not.toContain(id);
    const all = await server.post<{ updated: number; unreadCount: number }>("/api/v1/messages/read-all", { token: s.token });
    expect(all.body).toEqual({ updated: 2, unreadCount: 0 });
  });

  it("never shows or changes someone else's messages", async () => {
    const a = await citizen(server);
    const b = await citizen(server);
    await deliver(a, 1);
    const id = (await server.get<Inbox>("/api/v1/messages", { token: a.token })).body.items[0].id;
    expect((await server.post(`/api/v1/messages/${id}/read`, { token: b.token })).status).toBe(404);
    expect((await MessageModel.findById(id).lean())!.readAt).toBeNull();
    expect((await server.get<Inbox>("/api/v1/messages", { token: b.token })).body.total).toBe(0);
    await server.post("/api/v1/messages/read-all", { token: b.token });
    expect((await MessageModel.findById(id).lean())!.readAt).toBeNull();
  });

  it("serves staff their department notices too, and answers bad ids and queries with 400", async () => {
    const staff = await buildStaff("dept_staff");
    const token = tokenFor(server, staff);
    expect((await server.get<Inbox>("/api/v1/messages", { token })).status).toBe(200);
    expect((await server.post("/api/v1/messages/not-an-id/read", { token })).status).toBe(400);
    expect((await server.get("/api/v1/messages", { token, query: { unread: "maybe" } })).status).toBe(400);
    expect((await server.get("/api/v1/messages", { token, query: { kind: "spam" } })).status).toBe(400);
  });
});
