import type { PropsWithChildren } from "react";
import { useLaunch } from "@tarojs/taro";
import { prepareViewport } from "@/platform";
import { listenForPlatformPrivacyRequests } from "@/stores/privacy";
import "./app.scss";

prepareViewport();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    listenForPlatformPrivacyRequests();
  });
  return children;
}

export default App;
