import { useEffect, useState } from "react";
import Taro, { useDidShow, usePullDownRefresh } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import type { HotlineWorkOrderView } from "@lushan/shared/schemas/hotline";
import { PageShell } from "@/components/page-shell";
import { PagedList } from "@/components/paged-list";
import { Tabs } from "@/components/tabs";
import { SearchBar } from "@/components/search-bar";
import { Button } from "@/components/button";
import { Notice } from "@/components/notice";
import { Tag } from "@/components/tag";
import { RecordCard } from "@/components/record-card";
import { TextAreaField } from "@/components/form-field";
import { PickerField } from "@/components/picker-field";
import { StaffGate } from "@/components/staff-gate";
import { actionErrorText } from "@/components/staff-gate/errors";
import { useAuth } from "@/hooks/useAuth";
import { usePageParams } from "@/hooks/usePageParams";
import { usePagedList } from "@/hooks/usePagedList";
import { useSearchQuery } from "@/hooks/useSearchQuery";
import { useRequest } from "@/hooks/useRequest";
import {
  acknowledgeHotlineOrder,
  claimHotlineOrder,
  dispatchHotlineOrder,
  listDispatchDepartments,
  listHotlineQueue,
} from "@/services/hotline";
import { openPage, Pages } from "@/routes";
import { formatDate } from "@/utils/format";
import { HOTLINE_VIEWS, stageTone, type HotlineView } from "./views";
import "./index.scss";

interface Feedback {
  ticketNo: string;
  tone: "success" | "danger";
  text: string;
}

function DispatchForm({
  order,
  busy,
  onDispatch,
  onCancel,
}: {
  order: HotlineWorkOrderView;
  busy: boolean;
  onDispatch: (departmentCode: string, note: string) => void;
  onCancel: () => void;
}) {
  const departments = useRequest(listDispatchDepartments, []);
  const [department, setDepartment] = useState<string | null>(order.department?.code ?? null);
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState(false);
  return (
    <View className="hotline__dispatch">
      <PickerField
        label="承办部门"
        required
        options={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
        value={department}
        onChange={(v) => {
          setDepartment(v);
          setMissing(false);
        }}
        placeholder={departments.loading ? "正在加载部门…" : "点此选择部门"}
        error={
          departments.error
            ? `部门列表加载失败：${departments.error.message}`
            : missing
              ? "请选择承办部门"
              : undefined
        }
      />
      {departments.error ? (
        <Button size="small" onClick={() => void departments.reload()}>
          重新加载部门
        </Button>
      ) : null}
      <TextAreaField
        label="派单说明（可不填）"
        value={note}
        onChange={setNote}
        maxLength={500}
        placeholder="如：来电人希望尽快回电"
      />
      <View className="hotline__buttons">
        <Button
          type="primary"
          loading={busy}
          onClick={() => {
            if (!department) setMissing(true);
            else onDispatch(department, note.trim());
          }}
        >
          确认派单
        </Button>
        <Button disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

function HotlineQueue() {
  const params = usePageParams();
  const { user } = useAuth();
  const operator = user?.role === "hotline_operator";
  const [view, setView] = useState<HotlineView>(
    HOTLINE_VIEWS.some((v) => v.value === params.view) ? (params.view as HotlineView) : "open",
  );
  const search = useSearchQuery(params.q ?? "");
  const q = search.query;
  const [expanded, setExpanded] = useState<string | null>(null);
  const [dispatching, setDispatching] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  // Orders changed by an action on this page, shown as the server returned them until the next reload.
  const [updated, setUpdated] = useState<Record<string, HotlineWorkOrderView>>({});

  const list = usePagedList(
    (page) => listHotlineQueue({ view, q: q || undefined }, page),
    [view, q],
  );
  // A fresh answer from the server replaces what actions on this page returned.
  useEffect(() => setUpdated({}), [list.last]);
  useDidShow(() => {
    if (list.items.length > 0) void list.reload();
  });
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function act(
    order: HotlineWorkOrderView,
    kind: "claim" | "acknowledge" | "dispatch",
    run: () => Promise<HotlineWorkOrderView>,
  ) {
    setBusy(`${order.ticketNo}:${kind}`);
    setFeedback(null);
    try {
      const next = await run();
      setUpdated((u) => ({ ...u, [next.ticketNo]: next }));
      setDispatching(null);
      setFeedback({
        ticketNo: order.ticketNo,
        tone: "success",
        text:
          kind === "claim"
            ? "已领取，请签收后派单"
            : kind === "acknowledge"
              ? "已签收"
              : `已派单到${next.department?.name ?? "承办部门"}，部门会在工作台看到`,
      });
    } catch (e) {
      setFeedback({ ticketNo: order.ticketNo, tone: "danger", text: actionErrorText(e) });
      // Someone else may have claimed it meanwhile: show the queue as it is now.
      void list.reload();
    } finally {
      setBusy(null);
    }
  }

  return (
    <PageShell className="hotline">
      <View className="hotline__top">
        <SearchBar
          {...search.bind}
          placeholder="受理编号、标题或被反映单位"
          label="搜索工单"
          maxLength={50}
        />
        <Tabs label="队列" options={HOTLINE_VIEWS} value={view} onChange={setView} />
        {operator ? (
          <View className="hotline__new">
            <Button type="primary" block onClick={() => void openPage(Pages.staffPhoneIntake)}>
              电话登记新问题
            </Button>
          </View>
        ) : null}
      </View>
      <PagedList
        list={list}
        emptyTitle={q ? "没有找到相关工单" : "队列里暂时没有工单"}
        emptyDescription={
          q ? "核对受理编号，或换到“全部”再找。" : "电话登记或分办到 12345 的问题会显示在这里。"
        }
        header={<Text className="hotline__total">共 {list.total} 件</Text>}
        renderItem={(listed) => {
          const o = updated[listed.ticketNo] ?? listed;
          const open = expanded === o.ticketNo;
          const note = feedback?.ticketNo === o.ticketNo ? feedback : null;
          return (
            <RecordCard
              key={o.ticketNo}
              code={o.ticketNo}
              tags={
                <>
                  <Tag tone={stageTone(o.stage)} solid>
                    {o.stageLabel}
                  </Tag>
                  {o.channel === "phone" ? <Tag tone="primary">电话登记</Tag> : null}
                  {o.confidential ? <Tag tone="warning">保密</Tag> : null}
                </>
              }
              title={o.title}
              lines={[
                <Text key="c">
                  {o.category.name} · {o.town} · 被反映：{o.accused}
                </Text>,
                <Text key="r">
                  {o.requester
                    ? `来电人：${o.requester.name} ${o.requester.phone}`
                    : o.confidential
                      ? "来电人要求保密"
                      : "领取后显示来电人姓名和电话"}
                </Text>,
                <Text key="d">
                  {o.department ? `承办：${o.department.name}` : "尚未派单"} · 办理状态：
                  {o.complaintStatusLabel}
                  {o.claimedBy ? ` · 领取人：${o.claimedByMe ? "我" : o.claimedBy.name}` : ""}
                </Text>,
                open ? (
                  <Text key="x" className="hotline__content">
                    {o.content}
                  </Text>
                ) : null,
              ].filter(Boolean)}
              footer={`${formatDate(o.createdAt, true)} 登记 · ${o.deliveryStateLabel}${open ? "" : " · 点击查看内容"}`}
              onClick={() => setExpanded(open ? null : o.ticketNo)}
              actions={
                operator && (o.can.claim || o.can.acknowledge || o.can.dispatch || note) ? (
                  <View className="hotline__card-actions">
                    {note ? <Notice tone={note.tone}>{note.text}</Notice> : null}
                    {dispatching === o.ticketNo ? (
                      <DispatchForm
                        order={o}
                        busy={busy === `${o.ticketNo}:dispatch`}
                        onCancel={() => setDispatching(null)}
                        onDispatch={(departmentCode, text) =>
                          void act(o, "dispatch", () =>
                            dispatchHotlineOrder(o.ticketNo, {
                              departmentCode,
                              ...(text ? { note: text } : {}),
                            }),
                          )
                        }
                      />
                    ) : (
                      <View className="hotline__buttons">
                        {o.can.claim ? (
                          <Button
                            type="primary"
                            size="small"
                            loading={busy === `${o.ticketNo}:claim`}
                            onClick={() =>
                              void act(o, "claim", () => claimHotlineOrder(o.ticketNo))
                            }
                          >
                            领取
                          </Button>
                        ) : null}
                        {o.can.acknowledge ? (
                          <Button
                            size="small"
                            loading={busy === `${o.ticketNo}:acknowledge`}
                            onClick={() =>
                              void act(o, "acknowledge", () => acknowledgeHotlineOrder(o.ticketNo))
                            }
                          >
                            签收
                          </Button>
                        ) : null}
                        {o.can.dispatch ? (
                          <Button
                            type="primary"
                            size="small"
                            onClick={() => setDispatching(o.ticketNo)}
                          >
                            派单到部门
                          </Button>
                        ) : null}
                      </View>
                    )}
                  </View>
                ) : undefined
              }
            />
          );
        }}
      />
    </PageShell>
  );
}

/** 12345 工单队列：话务员领取、签收工单并派单到承办部门；也可从这里电话登记新问题。 */
export default function HotlinePage() {
  return (
    <StaffGate
      className="hotline"
      roles={["hotline_operator", "admin"]}
      deniedText="12345 工单队列由 12345 话务员使用。"
    >
      <HotlineQueue />
    </StaffGate>
  );
}
