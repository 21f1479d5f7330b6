import { createSecretKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import { Types } from "mongoose";
import { ALL_ROLES, type Role } from "@lushan/shared";
import { TokenExpiredError, TokenInvalidError } from "../errors";
import type { Actor } from "../types";

const ISSUER = "lushan-bff";
const AUDIENCE = "lushan-api";

interface AccessClaims {
  sub: string;
  role: Role;
  dept: string | null;
  typ: "access";
}

// jsonwebtoken first tries to read a string secret as a public key (and catches the failure) on
// every call; a ready KeyObject skips that, which matters on every authenticated request.
const keys = new Map<string, KeyObject>();
function keyFor(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, "utf8"));
    keys.set(secret, key);
  }
  return key;
}

/**
 * Signs a short-lived access token for an actor.
 * @param actor who the token speaks for.
 * @param secret the HMAC secret.
 * @param ttlSeconds lifetime.
 * @returns the JWT.
 */
export function signAccessToken(actor: Actor, secret: string, ttlSeconds: number): string {
  const claims: Omit<AccessClaims, "sub"> = {
    role: actor.role,
    dept: actor.departmentId ? actor.departmentId.toHexString() : null,
    typ: "access",
  };
  return jwt.sign(claims, keyFor(secret), {
    algorithm: "HS256",
    subject: actor.userId.toHexString(),
    expiresIn: ttlSeconds,
    issuer: ISSUER,
    audience: AUDIENCE,
  });
}

/**
 * Verifies an access token and returns the actor it carries.
 * @param token the JWT from the Authorization header.
 * @param secret the HMAC secret.
 * @returns the actor.
 */
export function verifyAccessToken(token: string, secret: string): Actor {
  let decoded: unknown;
  try {
    decoded = jwt.verify(token, keyFor(secret), { algorithms: ["HS256"], issuer: ISSUER, audience: AUDIENCE });
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) throw TokenExpiredError();
    throw TokenInvalidError();
  }
  const claims = decoded as Partial<AccessClaims>;
  if (
    claims.typ !== "access" ||
    typeof claims.sub !== "string" ||
    !Types.ObjectId.isValid(claims.sub) ||
    !claims.role ||
    !ALL_ROLES.includes(claims.role) ||
    (claims.dept !== null && (typeof claims.dept !== "string" || !Types.ObjectId.isValid(claims.dept)))
  ) {
    throw TokenInvalidError();
  }
  return {
    userId: new Types.ObjectId(claims.sub),
    role: claims.role,
    departmentId: claims.dept ? new Types.ObjectId(claims.dept) : null,
  };
}
