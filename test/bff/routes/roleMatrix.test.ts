import { Roles, type Role, type StaffAccount } from "@lushan/shared";
import type { DepartmentRecord } from "../../../bff/src/models/department/department.schema";
import type { UserRecord } from "../../../bff/src/models/user/user.schema";
import { buildCitizen, buildDepartment, buildStaff, tokenFor, unique } from "../../support/factories";
import { getTestServer, type TestResponse } from "../../support/server";

type Caller = Role | "anonymous";
const CALLERS: Caller[] = ["anonymous", ...Object.values(Roles)];

interface World {
  dept: DepartmentRecord;
  otherDept: DepartmentRecord;
  users: Record<Role, UserRecord>;
  /** A department officer of `dept` (target of account edits). */
  officer: UserRecord;
}

interface Case {
  name: string;
  allowed: readonly Caller[];
  call(server: ReturnType<typeof getTestServer>, token: string | undefined, world: World): Promise<TestResponse>;
}

const CASES: Case[] = [
  { name: "GET /api/v1/departments", allowed: CALLERS, call: (s, token) => s.get("/api/v1/departments", { token }) },
  {
    name: "GET /api/v1/auth/me",
    allowed: CALLERS.filter((c) => c !== "anonymous"),
    call: (s, token) => s.get("/api/v1/auth/me", { token }),
  },
  {
    name: "GET /api/v1/admin/departments",
    allowed: ["admin", "coordinator"],
    call: (s, token) => s.get("/api/v1/admin/departments", { token }),
  },
  {
    name: "POST /api/v1/admin/departments",
    allowed: ["admin"],
    call: (s, token) => s.post("/api/v1/admin/departments", { token, body: { code: unique("m"), name: "新部门", shortName: "新部门" } }),
  },
  {
    name: "PATCH /api/v1/admin/departments/:code",
    allowed: ["admin"],
    call: (s, token, w) => s.patch(`/api/v1/admin/departments/${w.otherDept.code}`, { token, body: { phone: "0792-1234567" } }),
  },
  {
    name: "GET /api/v1/admin/users",
    allowed: ["admin", "dept_admin"],
    call: (s, token) => s.get("/api/v1/admin/users", { token }),
  },
  {
    name: "POST /api/v1/admin/users (officer of own department)",
    allowed: ["admin", "dept_admin"],
    call: (s, token, w) =>
      s.post("/api/v1/admin/users", {
        token,
        body: { username: unique("u"), displayName: "新同事", role: "dept_staff", department: w.dept.code, password: "Abcdefg123" },
      }),
  },
  {
    name: "POST /api/v1/admin/users (officer of another department)",
    allowed: ["admin"],
    call: (s, token, w) =>
      s.post("/api/v1/admin/users", {
        token,
        body: { username: unique("u"), displayName: "外部门", role: "dept_staff", department: w.otherDept.code, password: "Abcdefg123" },
      }),
  },
  {
    name: "POST /api/v1/admin/users (coordinator)",
    allowed: ["admin"],
    call: (s, token) =>
      s.post("/api/v1/admin/users", {
        token,
        body: { username: unique("u"), displayName: "协调员", role: "coordinator", password: "Abcdefg123" },
      }),
  },
  {
    name: "PATCH /api/v1/admin/users/:id (officer of own department)",
    allowed: ["admin", "dept_admin"],
    call: (s, token, w) => s.patch(`/api/v1/admin/users/${w.officer._id.toHexString()}`, { token, body: { displayName: "改名" } }),
  },
];

describe("role × endpoint matrix (foundation routes)", () => {
  const server = getTestServer();
  let world: World;
  const tokens = new Map<Caller, string | undefined>();

  beforeAll(async () => {
    const dept = await buildDepartment();
    const otherDept = await buildDepartment();
    const users = {
      citizen: await buildCitizen(),
      dept_staff: await buildStaff("dept_staff", { department: dept }),
      dept_admin: await buildStaff("dept_admin", { department: dept }),
      coordinator: await buildStaff("coordinator"),
      hotline_operator: await buildStaff("hotline_operator"),
      admin: await buildStaff("admin"),
    } as Record<Role, UserRecord>;
    world = { dept, otherDept, users, officer: await buildStaff("dept_staff", { department: dept }) };
    tokens.set("anonymous", undefined);
    for (const role of Object.values(Roles)) tokens.set(role, tokenFor(server, users[role]));
  });

  for (const c of CASES) {
    describe(c.name, () => {
      for (const caller of CALLERS) {
        const allowed = c.allowed.includes(caller);
        it(`${caller} is ${allowed ? "allowed" : "refused"}`, async () => {
          const res = await c.call(server, tokens.get(caller), world);
          if (allowed) {
            expect([200, 201]).toContain(res.status);
          } else {
            if (caller === "anonymous") expect(res.status).toBe(401);
            else expect([403, 404]).toContain(res.status);
          }
        });
      }
    });
  }

  it("a department admin only lists their own department's accounts", async () => {
    const outsider = await buildStaff("dept_staff", { department: world.otherDept });
    const res = await server.get<{ items: StaffAccount[] }>("/api/v1/admin/users", {
      token: tokens.get("dept_admin"),
      query: { pageSize: 100 },
    });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const account of res.body.items) expect(account.department?.code).toBe(world.dept.code);
    expect(res.body.items.map((a) => a.id)).not.toContain(outsider._id.toHexString());
  });

  it("a department admin cannot see or edit another department's officer (404, not 403)", async () => {
    const outsider = await buildStaff("dept_staff", { department: world.otherDept });
    const res = await server.patch(`/api/v1/admin/users/${outsider._id.toHexString()}`, {
      token: tokens.get("dept_admin"),
      body: { disabled: true },
    });
    expect(res.status).toBe(404);
  });

  it("a department admin cannot promote an officer out of their reach", async () => {
    const res = await server.patch(`/api/v1/admin/users/${world.officer._id.toHexString()}`, {
      token: tokens.get("dept_admin"),
      body: { role: "coordinator" },
    });
    expect(res.status).toBe(403);
  });

  it("nobody disables themselves", async () => {
    const res = await server.patch(`/api/v1/admin/users/${world.users.admin._id.toHexString()}`, {
      token: tokens.get("admin"),
      body: { disabled: true },
    });
    expect(res.status).toBe(400);
  });
});
