import { useState } from "react";
import { Button } from "@/components/button";
import { useAuth } from "@/hooks/useAuth";
import { useRequest } from "@/hooks/useRequest";
import { ensureSignedIn } from "@/services/auth";
import { getSubscriptions, setItemFollowed } from "@/services/subscriptions";

/**
 * 关注 / 取消关注 an item: followers hear about changes of the item in the message center (and by
 * WeChat message where they allowed it). Signs in first when needed.
 */
export function FollowItemButton({ code }: { code: string }) {
  const { signedIn } = useAuth();
  const subscription = useRequest(getSubscriptions, [signedIn], { enabled: signedIn });
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const followed = subscription.data?.items.some((i) => i.code === code) ?? false;

  const toggle = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await ensureSignedIn();
      subscription.setData(await setItemFollowed(code, !followed));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button className="item-page__follow" loading={busy} onClick={() => void toggle()}>
      {failed ? "操作失败，重试" : followed ? "已关注" : "关注变化"}
    </Button>
  );
}
