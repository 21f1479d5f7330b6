import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { promises as fsp, mkdirSync } from "node:fs";
import path from "node:path";
import type { Metadata, OutputInfo, Sharp, SharpOptions } from "sharp";

// Loaded on the first upload rather than at start (its native module is a tenth of the start time).
let sharpModule: ((input: Buffer, options: SharpOptions) => Sharp) | null = null;
function sharp(input: Buffer, options: SharpOptions): Sharp {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sharpModule ??= require("sharp") as (input: Buffer, options: SharpOptions) => Sharp;
  return sharpModule(input, options);
}
import { PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors";

export interface StoredImage {
  id: string;
  mime: string;
  size: number;
  width: number;
  height: number;
  buffer: Buffer;
}

const ACCEPTED = new Set(["jpeg", "png", "webp", "gif", "heif"]);
const MAX_SIDE = 2560;
const MAX_PIXELS = 50_000_000;

/**
 * Evidence images on disk. Every image is decoded and re-encoded (which drops EXIF, GPS and any
 * other metadata), so what is stored is always a clean JPEG or PNG; the type is read from the
 * bytes, never from the file name. Files are named by random ids and served only through signed,
 * short-lived URLs.
 */
export class UploadStore {
  constructor(
    private readonly dir: string,
    private readonly secret: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /**
   * Checks and re-encodes an image.
   * @param input the uploaded bytes.
   * @param maxBytes the size limit.
   * @returns the clean image with a new random id.
   */
  async process(input: Buffer, maxBytes: number): Promise<StoredImage> {
    if (input.length > maxBytes) throw PayloadTooLargeError(`图片不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);
    let meta: Metadata;
    try {
      meta = await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata();
    } catch {
      throw UnsupportedMediaTypeError("只能上传 JPG、PNG、WebP、GIF 或 HEIC 图片");
    }
    if (!meta.format || !ACCEPTED.has(meta.format)) throw UnsupportedMediaTypeError("只能上传 JPG、PNG、WebP、GIF 或 HEIC 图片");
    const keepPng = meta.format === "png" || meta.format === "gif";
    const pipeline = sharp(input, { limitInputPixels: MAX_PIXELS, pages: 1 })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: "inside", withoutEnlargement: true });
    let out: { data: Buffer; info: OutputInfo };
    try {
      out = await (keepPng ? pipeline.png({ compressionLevel: 8 }) : pipeline.jpeg({ quality: 82, mozjpeg: true })).toBuffer({ resolveWithObject: true });
    } catch {
      throw UnsupportedMediaTypeError("图片已损坏，无法读取");
    }
    return {
      id: randomBytes(16).toString("base64url"),
      mime: keepPng ? "image/png" : "image/jpeg",
      size: out.info.size,
      width: out.info.width,
      height: out.info.height,
      buffer: out.data,
    };
  }

  private file(id: string): string {
    if (!/^[A-Za-z0-9_-]{16,32}$/.test(id)) throw new Error("bad upload id");
    return path.join(this.dir, id);
  }

  /** Writes the image durably (temporary file, fsync, rename). */
  async save(image: StoredImage): Promise<void> {
    const target = this.file(image.id);
    const tmp = `${target}.tmp`;
    const fh = await fsp.open(tmp, "w");
    try {
      await fh.write(image.buffer);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, target);
  }

  async read(id: string): Promise<Buffer> {
    return fsp.readFile(this.file(id));
  }

  /** Deletes an image's file (absent files are fine). */
  async remove(id: string): Promise<void> {
    await fsp.rm(this.file(id), { force: true });
  }

  /**
   * A URL that shows the image until it expires (images cannot send Authorization headers).
   * @param id the upload id.
   * @param ttlSeconds validity.
   * @returns the path with expiry and signature.
   */
  signedPath(id: string, ttlSeconds = 600): string {
    const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
    return `/api/v1/uploads/${id}/content?exp=${exp}&sig=${this.sign(id, exp)}`;
  }

  /** Whether a signature for the id and expiry is genuine and not expired. */
  verify(id: string, exp: number, sig: string): boolean {
    if (exp < Math.floor(Date.now() / 1000)) return false;
    const expected = Buffer.from(this.sign(id, exp));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private sign(id: string, exp: number): string {
    return createHmac("sha256", this.secret).update(`upload:${id}:${exp}`).digest("base64url");
  }
}
