import { deserialize, serialize, Long } from "bson";
import { crc32c } from "./crc32c";
import type { Doc } from "../bson/types";

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const MAX_MESSAGE_SIZE = 48_000_000;
export const MAX_BSON_SIZE = 16 * 1024 * 1024;

const FLAG_CHECKSUM = 1;
const FLAG_MORE_TO_COME = 2;
const FLAG_EXHAUST_ALLOWED = 1 << 16;

export interface Header {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export interface Request {
  header: Header;
  /** The command document (with kind-1 sequences merged in as arrays). */
  command: Doc;
  /** For OP_MSG: the client will not read a reply. */
  moreToCome: boolean;
  legacy: boolean;
}

export class ProtocolError extends Error {}

// Numbers keep their BSON type (int32, int64, double, decimal) so that $type, sorting and replies
// match mongod exactly.
export const DESERIALIZE_OPTIONS = { promoteLongs: false, promoteValues: false, promoteBuffers: false, validation: { utf8: false } } as const;

export function readHeader(buf: Buffer): Header {
  return {
    length: buf.readInt32LE(0),
    requestId: buf.readInt32LE(4),
    responseTo: buf.readInt32LE(8),
    opCode: buf.readInt32LE(12),
  };
}

function readBson(buf: Buffer, offset: number): { doc: Doc; end: number } {
  if (offset + 4 > buf.length) throw new ProtocolError("truncated BSON document");
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > buf.length) throw new ProtocolError("invalid BSON document length");
  if (size > MAX_BSON_SIZE + 16 * 1024) throw new ProtocolError("BSON document too large");
  const doc = deserialize(buf.subarray(offset, offset + size), DESERIALIZE_OPTIONS) as Doc;
  return { doc, end: offset + size };
}

/** Parses one complete message (header included). */
export function parseMessage(buf: Buffer): Request {
  const header = readHeader(buf);
  if (header.opCode === OP_MSG) {
    const flags = buf.readUInt32LE(16);
    const known = FLAG_CHECKSUM | FLAG_MORE_TO_COME | FLAG_EXHAUST_ALLOWED;
    if ((flags & 0xffff & ~known) !== 0) throw new ProtocolError(`unsupported OP_MSG flag bits ${flags}`);
    let end = buf.length;
    if (flags & FLAG_CHECKSUM) {
      end -= 4;
      const expected = buf.readUInt32LE(end);
      if ((crc32c(buf.subarray(0, end)) >>> 0) !== expected) throw new ProtocolError("OP_MSG checksum mismatch");
    }
    let off = 20;
    let body: Doc | null = null;
    const sequences: [string, Doc[]][] = [];
    while (off < end) {
      const kind = buf[off];
      off += 1;
      if (kind === 0) {
        if (body) throw new ProtocolError("OP_MSG has more than one body section");
        const r = readBson(buf, off);
        body = r.doc;
        off = r.end;
      } else if (kind === 1) {
        const size = buf.readInt32LE(off);
        const secEnd = off + size;
        if (secEnd > end) throw new ProtocolError("invalid document sequence size");
        let p = off + 4;
        const nul = buf.indexOf(0, p);
        if (nul < 0 || nul >= secEnd) throw new ProtocolError("invalid document sequence identifier");
        const id = buf.toString("utf8", p, nul);
        p = nul + 1;
        const docs: Doc[] = [];
        while (p < secEnd) {
          const r = readBson(buf, p);
          docs.push(r.doc);
          p = r.end;
        }
        sequences.push([id, docs]);
        off = secEnd;
      } else {
        throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
      }
    }
    if (!body) throw new ProtocolError("OP_MSG without a body section");
    for (const [id, docs] of sequences) {
      if (id in body) throw new ProtocolError(`duplicate field ${id} in OP_MSG`);
      body[id] = docs;
    }
    return { header, command: body, moreToCome: (flags & FLAG_MORE_TO_COME) !== 0, legacy: false };
  }
  if (header.opCode === OP_QUERY) {
    let off = 20;
    const nul = buf.indexOf(0, off);
    if (nul < 0) throw new ProtocolError("invalid OP_QUERY collection name");
    const ns = buf.toString("utf8", off, nul);
    off = nul + 1 + 8;
    const { doc } = readBson(buf, off);
    const query = "$query" in doc ? (doc.$query as Doc) : doc;
    const db = ns.endsWith(".$cmd") ? ns.slice(0, -5) : ns;
    return { header, command: { ...query, $db: db }, moreToCome: false, legacy: true };
  }
  throw new ProtocolError(`unsupported opcode ${header.opCode}`);
}

let nextRequestId = 1;

/** Builds an OP_MSG reply with one body section. */
export function buildMsgReply(responseTo: number, doc: Doc): Buffer {
  const body = serialize(doc);
  const out = Buffer.allocUnsafe(21 + body.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_MSG, 12);
  out.writeUInt32LE(0, 16);
  out[20] = 0;
  out.set(body, 21);
  return out;
}

/** Builds an OP_REPLY for the legacy handshake. */
export function buildLegacyReply(responseTo: number, doc: Doc): Buffer {
  const body = serialize(doc);
  const out = Buffer.allocUnsafe(36 + body.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_REPLY, 12);
  out.writeInt32LE(8, 16); // AwaitCapable
  const zero = Long.ZERO;
  out.writeInt32LE(zero.low, 20);
  out.writeInt32LE(zero.high, 24);
  out.writeInt32LE(0, 28);
  out.writeInt32LE(1, 32);
  out.set(body, 36);
  return out;
}
