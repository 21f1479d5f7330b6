/** Every role a signed-in user can hold. Staff roles are scoped to a department except where noted. */
export const Roles = {
  /** Anyone signed in through WeChat (or the development login): businesses and citizens. */
  citizen: "citizen",
  /** Officer of one department: handles that department's complaints. */
  deptStaff: "dept_staff",
  /** Administrator of one department: its staff accounts, guides and routing notes. */
  deptAdmin: "dept_admin",
  /** 发改 coordinator: sees every department, reassigns, supervises, publishes cases. */
  coordinator: "coordinator",
  /** 12345 hotline operator: phone intake and the work-order queue. */
  hotlineOperator: "hotline_operator",
  /** System administrator. */
  admin: "admin",
} as const;

export type Role = (typeof Roles)[keyof typeof Roles];

export const ALL_ROLES: readonly Role[] = Object.values(Roles);

/** Roles that sign in with a username and password rather than WeChat. */
export const STAFF_ROLES: readonly Role[] = [
  Roles.deptStaff,
  Roles.deptAdmin,
  Roles.coordinator,
  Roles.hotlineOperator,
  Roles.admin,
];

/** Roles whose data access is limited to their own department. */
export const DEPARTMENT_SCOPED_ROLES: readonly Role[] = [Roles.deptStaff, Roles.deptAdmin];

/** Chinese labels shown in the workbench. */
export const RoleLabels: Record<Role, string> = {
  citizen: "公众用户",
  dept_staff: "部门工作人员",
  dept_admin: "部门管理员",
  coordinator: "发改协调员",
  hotline_operator: "12345 话务员",
  admin: "系统管理员",
};

/** Whether a role signs in as staff. */
export function isStaffRole(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}
