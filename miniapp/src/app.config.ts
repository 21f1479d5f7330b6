export default defineAppConfig({
  pages: ["pages/home/index"],
  window: {
    navigationBarBackgroundColor: "#1a56a8",
    navigationBarTitleText: "庐山市市场准入服务",
    navigationBarTextStyle: "white",
    backgroundColor: "#f4f6f9",
  },
});
