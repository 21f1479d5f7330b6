import { View, Text } from "@tarojs/components";
import { ErrorMessages } from "@lushan/shared/errors";

export default function Home() {
  return (
    <View>
      <Text>庐山市市场准入服务 {ErrorMessages.not_found}</Text>
    </View>
  );
}
