import { useState } from "react";
import Taro, { useDidShow, usePullDownRefresh } from "@tarojs/taro";
import { Text } from "@tarojs/components";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { PagedList } from "@/components/paged-list";
import { Button } from "@/components/button";
import { Notice } from "@/components/notice";
import { ComplaintCard } from "@/components/complaint-card";
import { useAuth } from "@/hooks/useAuth";
import { usePagedList } from "@/hooks/usePagedList";
import { listMyComplaints } from "@/services/complaints";
import { signInCitizen } from "@/services/auth";
import { openPage, Pages } from "@/routes";
import "./index.scss";

/** 我的反映：本人反映过的问题（含并入他件后跟随的），最新的在前。 */
export default function MyComplaintsPage() {
  const { user, signedIn, isStaff } = useAuth();
  const citizen = signedIn && !isStaff;
  const list = usePagedList((page) => listMyComplaints(page), [user?.id], { enabled: citizen });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useDidShow(() => {
    if (citizen && list.items.length > 0) void list.reload();
  });
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const signIn = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await signInCitizen();
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!citizen) {
    return (
      <PageShell className="my-complaints">
        {problem ? (
          <Notice tone="danger" title="登录没有成功">
            {problem}
          </Notice>
        ) : null}
        <PageState
          empty
          emptyTitle={isStaff ? "工作人员账号没有个人反映记录" : "登录后查看您反映的问题"}
          emptyDescription={
            isStaff
              ? "办理群众反映的问题请到工作台。"
              : "登录后可以查看办理进度、补充材料和评价答复。"
          }
          emptyAction={
            isStaff ? (
              <Button type="primary" onClick={() => void openPage(Pages.staffHome)}>
                进入工作台
              </Button>
            ) : (
              <Button type="primary" loading={busy} onClick={() => void signIn()}>
                登录
              </Button>
            )
          }
        />
      </PageShell>
    );
  }

  return (
    <PageShell
      className="my-complaints"
      footer={
        list.items.length > 0 ? (
          <Button type="primary" block onClick={() => void openPage(Pages.complaintNew)}>
            我要反映新问题
          </Button>
        ) : undefined
      }
    >
      <PagedList
        list={list}
        emptyTitle="您还没有反映过问题"
        emptyDescription="遇到额外审批、限定本地企业等市场准入方面的问题，可以在这里反映。"
        emptyAction={
          <Button type="primary" onClick={() => void openPage(Pages.complaintNew)}>
            我要反映
          </Button>
        }
        header={<Text className="my-complaints__total">共 {list.total} 件</Text>}
        renderItem={(c) => (
          <ComplaintCard
            key={c.ticketNo}
            complaint={c}
            onClick={() => void openPage(Pages.complaintDetail, { ticketNo: c.ticketNo })}
          />
        )}
      />
    </PageShell>
  );
}
