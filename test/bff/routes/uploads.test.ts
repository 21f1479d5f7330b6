import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import type { ComplaintView } from "@lushan/shared";
import { createLogger } from "../../../bff/src/logger";
import { UploadModel } from "../../../bff/src/models/upload/upload.schema";
import { uploadUpkeepCron } from "../../../bff/src/queues/crons/uploadUpkeep";
import { citizen, fileComplaint, hotlineOperator, jpegWithGps, png, staffOf, uploadFile, type ErrorReply, type TestUser } from "../../support/complaintFactories";
import { getTestServer } from "../../support/server";

/** A PNG header claiming 60,000 × 60,000 pixels (a decompression bomb), without image data. */
function hugePngHeader(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(60_000, 0);
  ihdr.writeUInt32BE(60_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IEND", Buffer.alloc(0))]);
}

describe("POST /api/v1/uploads", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lushan-uploads-"));
  const server = getTestServer({ seed: true, env: { UPLOAD_DIR: dir, UPLOAD_RATE_LIMIT_PER_MINUTE: "0", COMPLAINT_DAILY_LIMIT: "0" } });
  let me: TestUser;

  beforeAll(async () => {
    me = await citizen(server);
  });

  it("requires a citizen or a 12345 operator", async () => {
    expect((await uploadFile(server, null, await png())).status).toBe(401);
    const dept = await staffOf(server, "scjgj");
    expect((await uploadFile(server, dept.token, await png())).status).toBe(403);
  });

  it("reads the type from the bytes, not the name, and re-encodes without EXIF or GPS", async () => {
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const up = await uploadFile(server, me.token, original, "evidence.txt");
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ mime: "image/jpeg", width: 64, height: 48, status: "review" });
    expect(up.body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const content = await fetch(`${server.url}${up.body.url}`);
    expect([content.status, content.headers.get("content-type"), content.headers.get("x-content-type-options")]).toEqual([200, "image/jpeg", "nosniff"]);
    const bytes = Buffer.from(await content.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.exif, meta.icc, meta.xmp, meta.iptc]).toEqual([undefined, undefined, undefined, undefined]);
    for (const marker of ["TestCam", "GPS", "Exif"]) expect(bytes.includes(Buffer.from(marker))).toBe(false);
    // Stored under its random id in the configured directory, cleaned.
    expect(existsSync(path.join(dir, up.body.id))).toBe(true);
  });

  it("keeps PNG and GIF as PNG, converts WebP to JPEG", async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 4, background: "#00ff00" } }).gif().toBuffer();
    const webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#0000ff" } }).webp().toBuffer();
    expect((await uploadFile(server, me.token, await png(), "a.jpg")).body.mime).toBe("image/png");
    expect((await uploadFile(server, me.token, gif, "a.gif")).body.mime).toBe("image/png");
    expect((await uploadFile(server, me.token, webp, "a.webp")).body.mime).toBe("image/jpeg");
  });

  it("refuses what is not an image whatever its name, decompression bombs and oversized files", async () => {
    const before = await UploadModel.countDocuments();
    for (const [bytes, name] of [
      [Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"), "a.svg"],
      [Buffer.from("<script>alert(1)</script>"), "photo.jpg"],
      [Buffer.from("%PDF-1.4\n%"), "photo.png"],
      [hugePngHeader(), "bomb.png"],
      [(await png()).subarray(0, 40), "truncated.png"],
    ] as const) {
      const res = await uploadFile(server, me.token, bytes, name);
      expect([name, res.status, res.body.error.code]).toEqual([name, 415, "unsupported_media_type"]);
    }
    const big = await uploadFile(server, me.token, Buffer.alloc(10 * 1024 * 1024 + 1, 1), "big.jpg");
    expect([big.status, big.body.error.code]).toEqual([413, "payload_too_large"]);
    expect(await UploadModel.countDocuments()).toBe(before);
  });

  it("refuses malformed multipart requests with coded errors", async () => {
    expect((await uploadFile(server, me.token, await png(), "a.png", "image")).status).toBe(400);
    const two = new FormData();
    two.append("file", new Blob([new Uint8Array(await png())]), "a.png");
    two.append("file", new Blob([new Uint8Array(await png())]), "b.png");
    const res = await fetch(`${server.url}/api/v1/uploads`, { method: "POST", body: two, headers: { authorization: `Bearer ${me.token}` } });
    expect(res.status).toBe(400);
    const json = await server.post<ErrorReply>("/api/v1/uploads", { token: me.token, body: { file: "aGVsbG8=" } });
    expect([json.status, json.body.error.code]).toEqual([415, "unsupported_media_type"]);
    const empty = await server.post<ErrorReply>("/api/v1/uploads", { token: me.token, raw: "--x--\r\n", contentType: "multipart/form-data; boundary=x" });
    expect(empty.status).toBe(400);
  });

  it("trusts 12345 operators' uploads (cleared) and keeps citizens' for review", async () => {
    const op = await hotlineOperator(server);
    expect((await uploadFile(server, op.token, await png())).body.status).toBe("cleared");
    expect((await uploadFile(server, me.token, await png())).body.status).toBe("review");
  });

  it("serves images only through genuine, unexpired signed links", async () => {
    const up = await uploadFile(server, me.token, await png());
    const base = `${server.url}/api/v1/uploads/${up.body.id}/content`;
    const sig = new URL(up.body.url, server.url).searchParams;
    expect((await fetch(`${base}?exp=${sig.get("exp")}&sig=${"A".repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${base}?exp=${Number(sig.get("exp")) + 1}&sig=${sig.get("sig")}`)).status).toBe(404);
    expect((await fetch(`${server.url}${server.services.uploads.signedPath(up.body.id, -1)}`)).status).toBe(404);
    expect((await fetch(base)).status).toBe(400);
    expect((await fetch(`${server.url}/api/v1/uploads/..%2F..%2Fetc/content?exp=1&sig=${"A".repeat(43)}`)).status).toBe(400);
    const other = await uploadFile(server, me.token, await png());
    expect((await fetch(`${server.url}/api/v1/uploads/${other.body.id}/content?${sig.toString()}`)).status).toBe(404);
  });

  it("shows the complainant their images, and strangers nothing", async () => {
    const up = await uploadFile(server, me.token, await jpegWithGps());
    const ticket = await fileComplaint(server, me.token, { listItemCode: "S2048", evidence: [up.body.id] });
    const view = await server.get<ComplaintView>(`/api/v1/complaints/${ticket}`, { token: me.token });
    expect(view.body.evidence).toEqual([{ id: up.body.id, url: expect.stringContaining("/content?"), status: "review", statusLabel: "待人工审核" }]);
    expect((await server.get(`/api/v1/complaints/${ticket}`, { token: (await citizen(server)).token })).status).toBe(404);
  });

  it("sends images whose verdict never came to a person, and deletes abandoned uploads (record and file)", async () => {
    const abandoned = await uploadFile(server, me.token, await png());
    const attached = await uploadFile(server, me.token, await png());
    await fileComplaint(server, me.token, { evidence: [attached.body.id] });
    const stale = await uploadFile(server, me.token, await png());
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await UploadModel.collection.updateMany({ _id: { $in: [abandoned.body.id, attached.body.id] } as never }, { $set: { createdAt: twoDaysAgo } });
    await UploadModel.collection.updateOne({ _id: stale.body.id as never }, { $set: { status: "pending", createdAt: new Date(Date.now() - 2 * 3_600_000) } });
    await uploadUpkeepCron.perform({ config: server.config, log: createLogger("silent"), services: server.services });
    expect(await UploadModel.exists({ _id: abandoned.body.id })).toBeNull();
    expect(existsSync(path.join(dir, abandoned.body.id))).toBe(false);
    expect(await UploadModel.exists({ _id: attached.body.id })).not.toBeNull();
    expect((await UploadModel.findById(stale.body.id).lean())!.status).toBe("review");
  });
});

describe("upload rate limit", () => {
  const server = getTestServer({ seed: true, env: { UPLOAD_RATE_LIMIT_PER_MINUTE: "3" } });

  it("answers 429 past the per-minute limit", async () => {
    const me = await citizen(server);
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await uploadFile(server, me.token, await png())).status);
    expect(codes).toEqual([201, 201, 201, 429]);
  });
});
