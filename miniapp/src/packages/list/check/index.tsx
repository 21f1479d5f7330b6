import { useEffect, useState } from "react";
import { useShareAppMessage } from "@tarojs/taro";
import { usePageParams } from "@/hooks/usePageParams";
import { View, Text } from "@tarojs/components";
import type { SelfCheckResponse } from "@lushan/shared/schemas/list";
import { PageShell } from "@/components/page-shell";
import { TextAreaField } from "@/components/form-field";
import { Button } from "@/components/button";
import { Notice } from "@/components/notice";
import { SampleBanner } from "@/components/sample-banner";
import { checkBusinessScope } from "@/services/list";
import { Pages } from "@/routes";
import { VerdictCard } from "./VerdictCard";
import "./index.scss";

const EXAMPLES = [
  "餐饮服务；预包装食品销售；住宿服务",
  "网约车",
  "开一家药店",
  "软件开发；信息技术咨询服务",
];

export default function SelfCheckPage() {
  const initial = usePageParams().scope ?? "";
  const [scope, setScope] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SelfCheckResponse | null>(null);

  useShareAppMessage(() => ({ title: "准入自查：输入经营范围，看看能不能做", path: Pages.check }));

  // Opened from an item or an empty search with the business filled in: answer straight away.
  useEffect(() => {
    if (initial.trim()) void run(initial);
  }, []);

  const run = async (text: string) => {
    const value = text.trim();
    if (!value) {
      setError("请输入经营范围或想从事的业务");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult(await checkBusinessScope(value));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell className="self-check">
      <View className="self-check__intro">
        <Text className="self-check__title">这门生意能不能做？</Text>
        <Text className="self-check__text">
          输入营业执照上的经营范围，或者用自己的话说想做什么，多项用分号或顿号隔开。我们逐项告诉您：禁止、需要许可，还是清单之外可以直接做。
        </Text>
      </View>
      <View className="self-check__form">
        <TextAreaField
          label="经营范围或想做的业务"
          value={scope}
          onChange={(v) => {
            setScope(v);
            if (error) setError(null);
          }}
          placeholder="例如：餐饮服务；预包装食品销售；住宿服务"
          maxLength={2000}
          error={error ?? undefined}
        />
        <View className="self-check__examples ls-nonessential">
          <Text className="self-check__examples-label">试试：</Text>
          {EXAMPLES.map((example) => (
            <View
              key={example}
              className="self-check__example"
              onClick={() => {
                setScope(example);
                void run(example);
              }}
            >
              {example}
            </View>
          ))}
        </View>
        <Button type="primary" size="large" block loading={busy} onClick={() => void run(scope)}>
          {busy ? "正在逐项判断" : "开始自查"}
        </Button>
      </View>

      {result ? (
        <View className="self-check__results">
          <SampleBanner visible={result.sample} />
          <Text className="self-check__summary">
            共 {result.results.length} 项：
            {summarize(result)}
          </Text>
          {result.results.map((r, i) => (
            <VerdictCard key={`${i}-${r.activity}`} result={r} />
          ))}
          <Notice className="self-check__rule" tone="success" title="清单之外，平等进入">
            {result.equalEntryRule}
          </Notice>
          <Text className="self-check__disclaimer">
            自查结果依据{result.edition.title}自动判断，仅供参考；具体办理要求以承办部门的答复为准。
          </Text>
        </View>
      ) : null}
    </PageShell>
  );
}

function summarize(result: SelfCheckResponse): string {
  const count = (v: string) => result.results.filter((r) => r.verdict === v).length;
  const parts = [
    count("prohibited") ? `${count("prohibited")} 项禁止准入` : "",
    count("licensed") ? `${count("licensed")} 项需要许可` : "",
    count("not_listed") ? `${count("not_listed")} 项在清单之外` : "",
  ].filter(Boolean);
  return parts.join("，");
}
