import { useState } from "react";
import { View, Text } from "@tarojs/components";
import { BARRIER_TYPES } from "@lushan/shared/barrierTypes";
import type { ComplaintCreated } from "@lushan/shared/schemas/complaint";
import { TOWNS } from "@lushan/shared/towns";
import { PageShell } from "@/components/page-shell";
import { Section } from "@/components/section";
import { Notice } from "@/components/notice";
import { Button } from "@/components/button";
import { TextAreaField, TextField } from "@/components/form-field";
import { PickerField } from "@/components/picker-field";
import { SwitchCell } from "@/components/switch-cell";
import { Tabs } from "@/components/tabs";
import { StaffGate } from "@/components/staff-gate";
import { actionErrorText } from "@/components/staff-gate/errors";
import { useRequest } from "@/hooks/useRequest";
import { useDraftForm } from "@/hooks/useDraftForm";
import { filePhoneComplaint, listDispatchDepartments, newIntakeKey } from "@/services/hotline";
import { openPage, Pages } from "@/routes";
import { EMPTY_PHONE_DRAFT, phoneComplaintBody, validatePhoneDraft, type PhoneDraft } from "./form";
import "./index.scss";

const BARRIER_OPTIONS = BARRIER_TYPES.map((t) => ({ value: t.code, label: `${t.code} ${t.name}` }));
const TOWN_OPTIONS = TOWNS.map((t) => ({ value: t, label: t }));

function PhoneIntake() {
  const departments = useRequest(listDispatchDepartments, []);
  const { draft, setDraft, setErrors, set, field } = useDraftForm<PhoneDraft>(EMPTY_PHONE_DRAFT);
  // One key per call being recorded: a retry after a lost answer files it once.
  const [key, setKey] = useState(() => newIntakeKey());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<ComplaintCreated | null>(null);

  async function submit() {
    const found = validatePhoneDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFailure("请按红字提示补全后再提交");
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      setCreated(await filePhoneComplaint(phoneComplaintBody(draft), key));
    } catch (e) {
      setFailure(`${actionErrorText(e)}。可以直接再点“提交登记”，不会重复登记。`);
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <PageShell className="phone-intake">
        <View className="phone-intake__done">
          <Text className="phone-intake__done-title">已登记</Text>
          <Text className="phone-intake__ticket">受理编号 {created.ticketNo}</Text>
          <Text className="phone-intake__done-text">
            请把受理编号告诉来电人。{created.followUp}
          </Text>
        </View>
        <Section title="分办情况">
          <Text className="phone-intake__line">
            {created.routing.department
              ? `承办部门：${created.routing.department.name}`
              : "承办部门待确定"}
          </Text>
          <Text className="phone-intake__line">{created.routing.reason}</Text>
          <Text className="phone-intake__line">当前状态：{created.statusLabel}</Text>
        </Section>
        <View className="phone-intake__actions">
          <Button
            type="primary"
            block
            onClick={() => void openPage(Pages.staffHotline, { q: created.ticketNo })}
          >
            到 12345 工单队列派单
          </Button>
          <Button
            block
            onClick={() => {
              setCreated(null);
              setDraft(EMPTY_PHONE_DRAFT);
              setErrors({});
              setKey(newIntakeKey());
            }}
          >
            再登记一件
          </Button>
        </View>
      </PageShell>
    );
  }

  const departmentOptions = (departments.data ?? []).map((d) => ({ value: d.code, label: d.name }));

  return (
    <PageShell
      className="phone-intake"
      footer={
        <Button type="primary" block size="large" loading={busy} onClick={() => void submit()}>
          提交登记
        </Button>
      }
    >
      <Notice className="phone-intake__intro">
        边接听边记录。登记后系统按问题类型分办，来电人会得到受理编号。
      </Notice>
      <Section title="来电人" plain>
        <TextField
          label="姓名"
          required
          {...field("callerName")}
          maxLength={20}
          placeholder="如：张先生"
        />
        <TextField
          label="联系电话"
          required
          type="number"
          {...field("callerPhone")}
          maxLength={13}
          placeholder="手机号或固定电话"
        />
        <SwitchCell
          title="来电人要求保密"
          description="开启后，被反映单位看不到来电人的姓名和电话。"
          checked={draft.confidential}
          onChange={set("confidential")}
        />
      </Section>
      <Section title="反映的问题" plain>
        <PickerField
          label="问题类型"
          required
          options={BARRIER_OPTIONS}
          {...field("barrierType")}
        />
        <TextField
          label="标题"
          required
          {...field("title")}
          maxLength={60}
          placeholder="一句话概括，如：开餐馆被要求先办某证"
        />
        <TextAreaField
          label="问题描述"
          required
          {...field("description")}
          maxLength={2000}
          placeholder="时间、地点、哪个窗口或人员要求了什么"
        />
        <TextField
          label="被反映单位"
          required
          {...field("accusedName")}
          maxLength={60}
          placeholder="如：某局某窗口"
        />
        <PickerField
          label="被反映单位对应的部门（知道时选择）"
          options={departmentOptions}
          value={draft.accusedDepartment}
          onChange={set("accusedDepartment")}
          placeholder={departments.error ? "部门列表加载失败，可不选" : "可不选"}
        />
        <PickerField
          label="发生地（乡镇、街道）"
          required
          options={TOWN_OPTIONS}
          {...field("town")}
        />
      </Section>
      <Section title="清单事项与企业（可不填）" plain>
        <TextField
          label="涉及的清单事项编码"
          {...field("itemCode")}
          maxLength={6}
          placeholder="来电人知道时填写 6 位编码"
        />
        {draft.itemCode.trim() ? null : (
          <View className="phone-intake__scope">
            <Text className="phone-intake__scope-label">是否在负面清单上</Text>
            <Tabs
              variant="chip"
              label="是否在负面清单上"
              options={[
                { value: "unsure", label: "来电人不确定" },
                { value: "not_on_list", label: "不在清单上" },
              ]}
              value={draft.listScope}
              onChange={set("listScope")}
            />
          </View>
        )}
        <TextField label="企业名称" {...field("businessName")} maxLength={100} />
        <TextField label="统一社会信用代码" {...field("creditCode")} maxLength={18} />
      </Section>
      {failure ? (
        <Notice className="phone-intake__intro" tone="danger">
          {failure}
        </Notice>
      ) : null}
    </PageShell>
  );
}

/** 电话登记：12345 话务员把来电反映的问题登记为投诉（渠道为电话），随后在工单队列派单。 */
export default function PhoneIntakePage() {
  return (
    <StaffGate
      className="phone-intake"
      roles={["hotline_operator"]}
      deniedText="电话登记由 12345 话务员使用。"
    >
      <PhoneIntake />
    </StaffGate>
  );
}
