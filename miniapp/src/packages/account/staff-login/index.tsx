import { useState } from "react";
import Taro from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import { RoleLabels } from "@lushan/shared/roles";
import { UserValidation } from "@lushan/shared/validations";
import { PageShell } from "@/components/page-shell";
import { TextField } from "@/components/form-field";
import { Button } from "@/components/button";
import { Notice } from "@/components/notice";
import { useAuth } from "@/hooks/useAuth";
import { isApiError } from "@/services/apiError";
import { signInStaff, signOut } from "@/services/auth";
import { openPage, Pages } from "@/routes";
import "./index.scss";

export default function StaffLoginPage() {
  const { user, isStaff } = useAuth();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ username?: string; password?: string; form?: string }>({});

  const submit = async () => {
    const missing = {
      username: username.trim() ? undefined : "请输入用户名",
      password: password ? undefined : "请输入密码",
    };
    if (missing.username || missing.password) {
      setErrors(missing);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await signInStaff(username.trim(), password);
      setPassword("");
    } catch (error) {
      if (isApiError(error) && error.details.length > 0) {
        setErrors({
          username: error.fieldError("username"),
          password: error.fieldError("password"),
          form: error.message,
        });
      } else {
        setErrors({ form: (error as Error).message });
      }
    } finally {
      setBusy(false);
    }
  };

  if (isStaff && user) {
    return (
      <PageShell className="staff-login">
        <Notice className="staff-login__done" tone="success" title="已登录工作人员账号">
          <Text>
            {user.displayName}（{RoleLabels[user.role]}
            {user.department ? ` · ${user.department.name}` : ""}）
          </Text>
        </Notice>
        <View className="staff-login__actions">
          <Button type="primary" block onClick={() => void openPage(Pages.staffHome)}>
            进入工作台
          </Button>
          <Button
            block
            className="staff-login__secondary"
            onClick={() => void Taro.switchTab({ url: Pages.me })}
          >
            返回“我的”
          </Button>
          <Button block className="staff-login__secondary" onClick={() => void signOut()}>
            退出工作人员账号
          </Button>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className="staff-login">
      <View className="staff-login__intro">
        <Text className="staff-login__title">政府工作人员登录</Text>
        <Text className="staff-login__text">
          供各部门、12345 热线和发改协调人员办理群众反映的问题。账号由系统管理员分配。
        </Text>
      </View>
      {user && !isStaff ? (
        <Notice className="staff-login__notice" tone="info">
          登录工作人员账号后，当前的个人账号会退出。
        </Notice>
      ) : null}
      {errors.form ? (
        <Notice className="staff-login__notice" tone="danger" title="登录没有成功">
          {errors.form}
        </Notice>
      ) : null}
      <View className="staff-login__form">
        <TextField
          label="用户名"
          name="username"
          value={username}
          onChange={setUsername}
          placeholder="如 scjgj.staff"
          maxLength={40}
          error={errors.username}
          confirmType="next"
        />
        <TextField
          label="密码"
          name="password"
          value={password}
          onChange={setPassword}
          password
          placeholder="请输入密码"
          maxLength={128}
          error={errors.password}
          confirmType="go"
          onConfirm={() => void submit()}
        />
      </View>
      <View className="staff-login__actions">
        <Button type="primary" size="large" block loading={busy} onClick={() => void submit()}>
          {busy ? "正在登录" : "登录"}
        </Button>
        <Text className="staff-login__hint">
          连续输错 {UserValidation.maxFailedLogins} 次密码，账号会被临时锁定{" "}
          {UserValidation.lockMinutes} 分钟。
        </Text>
      </View>
    </PageShell>
  );
}
