export default definePageConfig({
  navigationBarTitleText: "政策动态",
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
