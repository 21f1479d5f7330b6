import { useState } from "react";
import { useDidShow } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import { RoleLabels } from "@lushan/shared/roles";
import { PageShell } from "@/components/page-shell";
import { Button } from "@/components/button";
import { Cell, CellGroup } from "@/components/cell";
import { SwitchCell } from "@/components/switch-cell";
import { Badge } from "@/components/badge";
import { Notice } from "@/components/notice";
import { useAuth } from "@/hooks/useAuth";
import { useElderMode } from "@/hooks/useElderMode";
import { useRequest } from "@/hooks/useRequest";
import { callPhone, platformName } from "@/platform";
import { refreshCurrentUser, signInCitizen, signOut } from "@/services/auth";
import { unreadMessageCount } from "@/services/messages";
import { openPage, Pages, type PagePath } from "@/routes";
import "./index.scss";

export default function MePage() {
  const { user, signedIn, isStaff } = useAuth();
  const [elder, setElder] = useElderMode();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const unread = useRequest(unreadMessageCount, [user?.id], { enabled: signedIn });

  useDidShow(() => {
    if (!signedIn) return;
    void unread.reload();
    // Role or department may have changed since the last visit; a failure keeps the stored user.
    refreshCurrentUser().catch(() => undefined);
  });

  const signIn = async (): Promise<boolean> => {
    setBusy(true);
    setProblem(null);
    try {
      await signInCitizen();
      return true;
    } catch (error) {
      setProblem((error as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const openSignedIn = async (page: PagePath) => {
    if (signedIn || (await signIn())) void openPage(page);
  };

  return (
    <PageShell tabPage className="me">
      <View className="me__profile">
        {user ? (
          <>
            <Text className="me__name">{user.displayName}</Text>
            <Text className="me__role">
              {RoleLabels[user.role]}
              {user.department ? ` · ${user.department.name}` : ""}
            </Text>
          </>
        ) : (
          <>
            <Text className="me__name">您还没有登录</Text>
            <Text className="me__role">登录后可以反映问题、查看办理进度、接收通知</Text>
            <Button
              className="me__login"
              type="default"
              size="large"
              block
              loading={busy}
              onClick={() => void signIn()}
            >
              {busy ? "正在登录" : platformName === "weapp" ? "微信一键登录" : "登录"}
            </Button>
          </>
        )}
      </View>

      {problem ? (
        <Notice className="me__problem" tone="danger" title="登录没有成功">
          {problem}
        </Notice>
      ) : null}

      <CellGroup title="我的服务">
        {!isStaff ? (
          <Cell
            title="我的反映"
            description="反映过的问题、办理进度和答复"
            onClick={() => void openSignedIn(Pages.complaintMine)}
          />
        ) : null}
        <Cell
          title="消息中心"
          description="清单更新、政策发布和办理进度通知"
          value={signedIn && unread.data ? <Badge count={unread.data} /> : undefined}
          onClick={() => void openSignedIn(Pages.messages)}
        />
        <Cell
          title="订阅设置"
          description="选择想收到的提醒"
          onClick={() => void openSignedIn(Pages.subscriptions)}
        />
      </CellGroup>

      <CellGroup title="使用设置">
        <SwitchCell
          title="长辈模式"
          description="字更大、按钮更大，页面更简洁"
          checked={elder}
          onChange={setElder}
        />
        <Cell
          title="隐私政策"
          description="我们收集哪些信息、怎样保护"
          onClick={() => void openPage(Pages.privacy)}
        />
      </CellGroup>

      <CellGroup title="政府工作人员">
        {isStaff ? (
          <Cell
            title="进入工作台"
            description={`办理群众反映的问题${user?.username ? `（用户名：${user.username}）` : ""}`}
            onClick={() => void openPage(Pages.staffHome)}
          />
        ) : (
          <Cell
            title="工作人员登录"
            description="部门、12345 热线、发改协调人员使用"
            onClick={() => void openPage(Pages.staffLogin)}
          />
        )}
      </CellGroup>

      <CellGroup title="咨询与投诉" footer="也可以拨打 12345 政务服务便民热线反映问题。">
        <Cell
          title="拨打 12345 热线"
          value="12345"
          onClick={() => void callPhone("12345").catch(() => undefined)}
        />
      </CellGroup>

      {signedIn ? (
        <View className="me__signout">
          <Button block onClick={() => void signOut()}>
            退出登录
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
