import { View, Text } from "@tarojs/components";
import { PageShell } from "@/components/page-shell";
import { Button } from "@/components/button";
import { PrivacyAgreeButton } from "@/components/privacy-prompt";
import { Notice } from "@/components/notice";
import { useStore } from "@/hooks/useStore";
import { formatDate } from "@/utils/format";
import { PRIVACY_POLICY_VERSION, privacyAgreementStore, withdrawPrivacy } from "@/stores/privacy";
import { PRIVACY_POLICY } from "./policyText";
import "./index.scss";

export default function PrivacyPolicyPage() {
  const agreement = useStore(privacyAgreementStore);
  const agreed = agreement?.version === PRIVACY_POLICY_VERSION;
  return (
    <PageShell className="privacy">
      <View className="privacy__header">
        <Text className="privacy__title">庐山市市场准入服务隐私政策</Text>
        <Text className="privacy__version">
          更新日期：{formatDate(`${PRIVACY_POLICY_VERSION}T00:00:00+08:00`)}
        </Text>
      </View>
      {PRIVACY_POLICY.map((section) => (
        <View key={section.title} className="privacy__section">
          <Text className="privacy__section-title">{section.title}</Text>
          {section.paragraphs.map((p) => (
            <Text key={p} className="privacy__paragraph">
              {p}
            </Text>
          ))}
        </View>
      ))}
      <View className="privacy__consent">
        {agreed ? (
          <Notice
            tone="success"
            title="您已同意本政策"
            action={
              <Button block onClick={withdrawPrivacy}>
                撤回同意
              </Button>
            }
          >
            同意时间：{formatDate(agreement?.agreedAt, true)}
            。撤回后，登录、反映问题等功能会在使用前再次征求您的同意。
          </Notice>
        ) : (
          <Notice
            tone="info"
            title="您尚未同意本政策"
            action={<PrivacyAgreeButton block>同意本政策</PrivacyAgreeButton>}
          >
            不同意也可以查询清单和政策；登录、反映问题等功能需要先同意。
          </Notice>
        )}
      </View>
    </PageShell>
  );
}
