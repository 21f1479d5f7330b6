import type { PropsWithChildren } from "react";
import type { Role } from "@lushan/shared/roles";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { Button } from "@/components/button";
import { useAuth } from "@/hooks/useAuth";
import { goBack, openPage, Pages } from "@/routes";

export interface StaffGateProps {
  /** 页面根节点的类名（未登录时的提示页沿用） */
  className?: string;
  /** 可以使用本页的角色；不传时所有工作人员角色都可以 */
  roles?: readonly Role[];
  /** 没有权限时的说明 */
  deniedText?: string;
}

/**
 * 工作台页面的门卫：未登录工作人员账号时提示登录，角色不符时说明原因，
 * 都满足时显示子内容（子内容自带 PageShell）。
 */
export function StaffGate({
  className,
  roles,
  deniedText = "当前账号不能使用这项功能，如需使用请联系系统管理员。",
  children,
}: PropsWithChildren<StaffGateProps>) {
  const { user, isStaff } = useAuth();
  if (!isStaff || !user) {
    return (
      <PageShell className={className}>
        <PageState
          empty
          emptyTitle="请先登录工作人员账号"
          emptyDescription="工作台供各部门、12345 热线和发改协调人员使用。"
          emptyAction={
            <Button type="primary" onClick={() => void openPage(Pages.staffLogin)}>
              工作人员登录
            </Button>
          }
        />
      </PageShell>
    );
  }
  if (roles && !roles.includes(user.role)) {
    return (
      <PageShell className={className}>
        <PageState
          empty
          emptyTitle="没有使用权限"
          emptyDescription={deniedText}
          emptyAction={<Button onClick={() => void goBack()}>返回</Button>}
        />
      </PageShell>
    );
  }
  return <>{children}</>;
}
