export default definePageConfig({
  navigationBarTitleText: "庐山市市场准入服务",
  enableShareAppMessage: true,
});
