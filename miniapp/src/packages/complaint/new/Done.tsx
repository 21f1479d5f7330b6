import { View, Text } from "@tarojs/components";
import type { ComplaintCreated } from "@lushan/shared/schemas/complaint";
import { Button } from "@/components/button";
import { Notice } from "@/components/notice";
import { copyText } from "@/platform";
import { openPage, Pages } from "@/routes";
import { useState } from "react";

/** 提交成功：受理编号、承办部门、怎样查看进度。 */
export function Done({ created }: { created: ComplaintCreated }) {
  const [copied, setCopied] = useState(false);
  return (
    <View className="complaint-new__done">
      <View className="complaint-new__done-mark ls-nonessential">✓</View>
      <Text className="complaint-new__done-title">已收到您反映的问题</Text>
      <Text className="complaint-new__done-label">受理编号</Text>
      <Text className="complaint-new__ticket" userSelect>
        {created.ticketNo}
      </Text>
      <Button
        size="small"
        onClick={() =>
          void copyText(created.ticketNo).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? "已复制" : "复制编号"}
      </Button>
      <Notice className="complaint-new__done-notice" tone="success" title={created.statusLabel}>
        {created.routing.department
          ? `已转交${created.routing.department.name}办理。`
          : "正在确定承办部门。"}
        {created.routing.reason ? ` ${created.routing.reason}` : ""}
      </Notice>
      <Notice className="complaint-new__done-notice" tone="info" title="怎样查看进度">
        {created.followUp}
      </Notice>
      <View className="complaint-new__done-actions">
        <Button
          type="primary"
          size="large"
          block
          onClick={() => void openPage(Pages.complaintDetail, { ticketNo: created.ticketNo })}
        >
          查看办理进度
        </Button>
        <Button
          className="complaint-new__done-secondary"
          block
          onClick={() => void openPage(Pages.home)}
        >
          返回首页
        </Button>
      </View>
    </View>
  );
}
