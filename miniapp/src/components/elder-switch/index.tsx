import { View, Text } from "@tarojs/components";
import { useElderMode } from "@/hooks/useElderMode";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface ElderSwitchProps {
  /** 额外的类名 */
  className?: string;
}

/**
 * 长辈模式入口（适老化）：首屏右上角的醒目按钮，一点即切换大字模式，再点恢复。
 * 按钮上写明点击后的效果，不依赖图标。
 */
export function ElderSwitch({ className }: ElderSwitchProps) {
  const [elder, setElder] = useElderMode();
  return (
    <View
      className={cx("ls-elder-switch", elder && "ls-elder-switch--on", className)}
      role="switch"
      aria-checked={elder}
      aria-label="长辈模式"
      hoverClass="ls-elder-switch--active"
      onClick={() => setElder(!elder)}
    >
      <Text className="ls-elder-switch__mark">{elder ? "标准" : "大字"}</Text>
      <Text className="ls-elder-switch__text">{elder ? "退出长辈模式" : "长辈模式"}</Text>
    </View>
  );
}
